package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} and {@code sample} as a user meets them: the JSON documents against the table and against
 * {@code eval --json}, the summary line, --layers, the 1/n^2 columns, the plot's options and refusals. Small
 * samples (64 networks at widths 8, 12, 16): these tests check what is printed, not the physics, which
 * TanhSamplingTest and ComparisonTest check with enough networks.
 */
class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TANH = "examples/mlp_tanh.fnet";
    private static final String[] SMALL = {"--widths", "8,12,16", "--networks", "64", "--seed", "5", "--quiet"};

    @TempDir
    Path dir;

    private static CliRun compare(String model, String... more) {
        String[] args = new String[2 + SMALL.length + more.length];
        args[0] = "compare";
        args[1] = model;
        System.arraycopy(SMALL, 0, args, 2, SMALL.length);
        System.arraycopy(more, 0, args, 2 + SMALL.length, more.length);
        return CliRun.of(args);
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    private static String pm(JsonNode estimate) {
        return String.format(Locale.ROOT, "%.6g +- %.2g", estimate.get("value").asDouble(),
                estimate.get("error").asDouble());
    }

    /**
     * The JSON and the table of the same run show the same fits: every component of the table's layer appears in
     * the table with the JSON's fitted A (D) and correction; every pull is (fit - theory)/error of its own entries;
     * the theory's K0 and V4 equal {@code eval --json}'s; the summary line names the JSON's largest pull.
     */
    @Test
    void jsonAgreesWithTheTableAndWithEval() throws IOException {
        JsonNode doc = json(compare(TANH, "--json"));
        CliRun table = compare(TANH, "--no-plot");
        assertEquals(0, table.code(), table.err());
        JsonNode eval = json(CliRun.of("eval", TANH, "--json", "--quiet"));
        assertEquals(List.of(8, 12, 16), JSON.convertValue(doc.get("widths"), List.class));
        assertEquals(9 * 9, doc.get("components").size(), "3 means and 6 n Cov components at layers 2..10");
        double largest = 0;
        for (JsonNode c : doc.get("components")) {
            int layer = c.get("layer").asInt();
            JsonNode i = c.get("indices");
            JsonNode evalLayer = eval.get("layers").get(layer - 1);
            boolean mean = c.get("kind").asText().equals("mean");
            double k0 = mean ? evalLayer.get("K0").get(i.get(0).asInt()).get(i.get(1).asInt()).asDouble()
                    : evalLayer.get("V4").get(i.get(0).asInt()).get(i.get(1).asInt()).get(i.get(2).asInt())
                            .get(i.get(3).asInt()).asDouble();
            String lead = mean ? "K0" : "V4";
            assertEquals(k0, c.get("theory").get(lead).asDouble(), 0.0, c.toString());
            assertTrue(c.get("theory").get(mean ? "K2" : "V4_1").isNull(), "order 1/n: no K2, no V4_1");
            JsonNode a = c.get("fit").get(mean ? "A" : "D");
            assertEquals((a.get("value").asDouble() - k0) / a.get("error").asDouble(), a.get("pull").asDouble(),
                    1e-12 * Math.max(1, Math.abs(a.get("pull").asDouble())));
            assertEquals(3, c.get("sampled").size());
            for (JsonNode f : c.get("fit")) {
                largest = Math.max(largest, f.get("pull").isNull() ? 0 : Math.abs(f.get("pull").asDouble()));
            }
            largest = Math.max(largest, Math.abs(c.get("correction").get("pull").asDouble()));
            if (layer == 10) {
                String row = table.out().lines().filter(l -> l.startsWith(c.get("label").asText() + " "))
                        .findFirst().orElseThrow(() -> new AssertionError(c.get("label") + " not in\n" + table.out()));
                assertTrue(row.contains(pm(a)), row + " lacks " + pm(a));
                assertTrue(row.contains(pm(c.get("correction"))), row + " lacks " + pm(c.get("correction")));
            }
        }
        JsonNode worst = doc.get("largest_pull");
        assertEquals(largest, Math.abs(worst.get("pull").asDouble()), 0.0);
        String summary = String.format(Locale.ROOT, "largest |pull| = %.2f sigma (%+.2f sigma for %s of %s at layer %d)",
                largest, worst.get("pull").asDouble(), worst.get("coefficient").asText(), worst.get("label").asText(),
                worst.get("layer").asInt());
        assertTrue(table.out().contains(summary), summary + "\n" + table.out());
        assertFalse(table.out().contains("plot"), "--no-plot: " + table.out());
    }

    @Test
    void layersAllShowsEveryLayerAndAListShowsThoseLayers() {
        CliRun all = compare(TANH, "--no-plot", "--layers", "all");
        assertEquals(0, all.code(), all.err());
        for (int l = 2; l <= 10; l++) {
            assertTrue(all.out().contains("mlp_tanh, layer " + l + ": theory vs Monte Carlo"), "layer " + l);
        }
        CliRun some = compare(TANH, "--no-plot", "--layers", "3,7");
        assertEquals(0, some.code(), some.err());
        assertEquals(2, some.out().lines().filter(l -> l.contains(": theory vs Monte Carlo")).count());
        assertTrue(some.out().contains("layer 3: theory") && some.out().contains("layer 7: theory"), some.out());
    }

    @Test
    void badLayersComponentsAndPlotFilesAreRefusedInOneLineBeforeSampling() throws IOException {
        for (String[] bad : List.of(new String[] {"--layers", "1"}, new String[] {"--layers", "2,x"},
                new String[] {"--layers", "11"}, new String[] {"--components", "G_13"},
                new String[] {"--plot", dir.resolve("c.pdf").toString()},
                new String[] {"--plot", dir.resolve("c").toString()})) {
            CliRun r = compare(TANH, bad);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("feynet: --" + bad[0].substring(2)), r.err());
            assertEquals("", r.out());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /** At order 1/n^2 the fits' C and E stand beside the theory's K2 and V4_1 with pulls; at 1/n they do not. */
    @Test
    void secondOrderColumnsAppearOnlyAtOrderTwo() throws IOException {
        CliRun first = compare(TANH, "--no-plot");
        CliRun second = compare(TANH, "--no-plot", "--order", "2");
        assertEquals(0, second.code(), second.err());
        String meanHeader = "mean .* K0 .* A .* pull .* K1 .* B .* pull .* B\\|K0 .* pull .* K2 .* C .* pull .*chi2/dof";
        String covHeader = "n Cov .* V4 .* D .* pull .* V4_1 .* E .* pull .* E\\|V4 .* pull .*chi2/dof";
        assertTrue(second.out().lines().anyMatch(l -> l.matches(meanHeader)), second.out());
        assertTrue(second.out().lines().anyMatch(l -> l.matches(covHeader)), second.out());
        assertFalse(first.out().contains(" K2 ") || first.out().contains("V4_1"), first.out());
        JsonNode doc = json(compare(TANH, "--order", "2", "--json"));
        JsonNode eval = json(CliRun.of("eval", TANH, "--order", "2", "--json", "--quiet"));
        JsonNode g12 = null;
        for (JsonNode c : doc.get("components")) {
            if (c.get("layer").asInt() == 10 && c.get("label").asText().equals("G_12")) {
                g12 = c;
            }
        }
        assertEquals(eval.get("layers").get(9).get("K2").get(0).get(1).asDouble(), g12.get("theory").get("K2")
                .asDouble(), 0.0);
        JsonNode c = g12.get("fit").get("C");
        assertEquals((c.get("value").asDouble() - g12.get("theory").get("K2").asDouble()) / c.get("error").asDouble(),
                c.get("pull").asDouble(), 1e-9);
        String row = second.out().lines().filter(l -> l.startsWith("G_12 ")).findFirst().orElseThrow();
        assertTrue(row.contains(String.format(Locale.ROOT, "%+.2f", c.get("pull").asDouble())), row);
    }

    @Test
    void chosenComponentsArePlottedWithANoteWhenSomeAreLeftOut() throws IOException {
        Path svg = dir.resolve("few.svg");
        CliRun few = compare(TANH, "--plot", svg.toString(), "--components", "G_12,(11)(22)");
        assertEquals(0, few.code(), few.err());
        assertTrue(few.out().contains("the plot shows 2 of the 9 components"), few.out());
        String drawn = Files.readString(svg);
        assertTrue(drawn.contains("<svg"));
        Path every = dir.resolve("all.svg");
        CliRun all = compare(TANH, "--plot", every.toString(), "--components", "all");
        assertEquals(0, all.code(), all.err());
        assertFalse(all.out().contains("the plot shows"), all.out());
        assertTrue(Files.size(every) > Files.size(svg), "nine charts outweigh two");
        JsonNode doc = json(compare(TANH, "--json", "--plot", dir.resolve("p.png").toString(), "--components",
                "(12)(12)"));
        assertEquals(List.of("(12)(12)"), JSON.convertValue(doc.get("plotted"), List.class));
        assertTrue(Files.exists(dir.resolve("p.png")));
    }

    /** The NTK's and the dNTK's statistics are compared too, each kind under its JSON key. */
    @Test
    void ntkAndDifferentialKindsAreCompared() throws IOException {
        JsonNode doc = json(compare("examples/ddntk_gelu.fnet", "--json"));
        Set<String> kinds = new HashSet<>();
        doc.get("components").forEach(c -> kinds.add(c.get("kind").asText()));
        assertEquals(Set.of("mean", "n_cov", "ntk_mean", "ntk_same", "ntk_other", "ntk_off", "ntk_metric",
                "ntk_preactivation_off", "P", "Q", "R", "S", "T", "U"), kinds);
    }

    /**
     * {@code sample --json} carries the theory of every layer as {@code eval --json} gives it and the predictions
     * at the sampled width: mean = K0 + K1/n (+ K2/n^2), n_cov = V4 (+ V4_1/n), recomputed here from eval's keys.
     */
    @Test
    void sampleJsonCarriesTheTheoryAndItsPredictions() throws IOException {
        for (String order : List.of("1", "2")) {
            JsonNode doc = json(CliRun.of("sample", TANH, "--width", "8", "--networks", "128", "--batches", "8",
                    "--order", order, "--json", "--quiet"));
            JsonNode eval = json(CliRun.of("eval", TANH, "--order", order, "--json", "--quiet"));
            assertEquals(Integer.parseInt(order), doc.get("order").asInt());
            for (int l = 0; l < 10; l++) {
                JsonNode layer = doc.get("layers").get(l);
                JsonNode t = eval.get("layers").get(l);
                JsonNode theory = layer.get("theory");
                t.fieldNames().forEachRemaining(key -> {
                    if (!key.equals("layer")) {
                        assertEquals(t.get(key), theory.get(key), key);
                    }
                });
                double n = 8;
                double k2 = order.equals("2") ? t.get("K2").get(0).get(1).asDouble() : 0;
                double mean = t.get("K0").get(0).get(1).asDouble() + t.get("K1").get(0).get(1).asDouble() / n
                        + k2 / (n * n);
                assertEquals(mean, layer.get("predicted").get("mean").get(0).get(1).asDouble(), 1e-15);
                double v41 = order.equals("2") ? t.get("V4_1").get(0).get(1).get(1).get(1).asDouble() : 0;
                double cov = t.get("V4").get(0).get(1).get(1).get(1).asDouble() + v41 / n;
                assertEquals(cov, layer.get("predicted").get("n_cov").get(0).get(1).get(1).get(1).asDouble(), 1e-15);
            }
        }
        JsonNode bare = json(CliRun.of("sample", TANH, "--width", "8", "--networks", "128", "--batches", "8",
                "--no-theory", "--json", "--quiet"));
        assertTrue(bare.get("layers").get(3).get("theory") == null, "--no-theory: no predictions");
    }
}
