package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: outputs, exit codes and one-line errors. */
class CommandLineTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void optionsThatDoNotApplyOrCannotBeEvaluatedAreRefusedInOneLine() {
        CliRun third = run("eval", "examples/mlp_tanh.fnet", "--order", "3", "--quiet");
        assertEquals(2, third.code());
        assertTrue(third.err().startsWith("feynet: numbers are evaluated to order 1/n^2 at most"), third.err()); // no place: the option
        assertEquals(1, third.err().strip().lines().count(), third.err());
        CliRun coupling = run("eval", "examples/mlp_tanh.fnet", "--coupling-order", "2");
        assertEquals(2, coupling.code());
        assertTrue(coupling.err().contains("--coupling-order applies to theories"), coupling.err());
        for (String network : new String[] {"examples/mlp_tanh.fnet", "examples/resnet_tanh.fnet"}) {
            CliRun filter = run("diagrams", network, "--filter", "1pi");
            assertEquals(2, filter.code(), filter.err() + filter.out());
            assertTrue(filter.err().startsWith("feynet: --filter applies to theories, and "), filter.err());
            assertEquals("", filter.out());
        }
        CliRun unknown = run("derive", "examples/phi4.fnet", "--model", "nope", "--no-draw");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no network or theory named 'nope' (the file defines [phi4])"), unknown.err());
    }

    /** A network named like a bundled example but with another activation gets its own numbers. */
    /**
     * Sample indices are 1-based wherever a person reads them (issue 11): the text of eval, sample and a residual
     * network's eval label the pairs [1 1], [1 2], [2 2], never [0 ..].
     */
    @Test
    void humanReadableSampleIndicesStartAtOne() {
        for (String[] args : new String[][] {{"eval", "examples/mlp_tanh.fnet", "--quiet"},
                {"sample", "examples/mlp_tanh.fnet", "--width", "8", "--networks", "64"},
                {"eval", "examples/resnet_tanh.fnet", "--closure", "G", "--quiet"}}) {
            CliRun r = run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("[1 1]") && r.out().contains("[1 2]") && r.out().contains("[2 2]"), r.out());
            assertFalse(java.util.regex.Pattern.compile("\\[(0 [0-9]|[0-9] 0)\\]").matcher(r.out()).find(), r.out());
        }
    }

    @Test
    void aModelNamedLikeABundledOneIsEvaluatedWithItsOwnActivation() throws IOException {
        String text = Files.readString(Path.of("examples/mlp_tanh.fnet")).replace("tanh(z)", "sin(z)");
        CliRun sin = run("eval", file("mlp_tanh.fnet", text).toString(), "--json", "--quiet");
        CliRun renamed = run("eval", file("other.fnet", text.replace("mlp_tanh", "other")).toString(), "--json",
                "--quiet");
        CliRun tanh = run("eval", "examples/mlp_tanh.fnet", "--json", "--quiet");
        assertEquals(renamed.out().replace("other", "mlp_tanh"), sin.out());
        assertFalse(sin.out().equals(tanh.out()));
    }

    @Test
    void evalJsonFollowsTheSpecSchemaForEveryLayer() throws IOException {
        CliRun r = run("eval", "examples/mlp_erf_raw.fnet", "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("mlp_erf_raw", doc.get("model").asText());
        int p = doc.get("inputs").asInt();
        assertEquals(3, p);
        assertEquals(1, doc.get("order").asInt());
        JsonNode layers = doc.get("layers");
        assertEquals(5, layers.size());
        for (int l = 0; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            assertEquals(l + 1, layer.get("layer").asInt());
            assertEquals(p, layer.get("K0").size());
            assertEquals(p, layer.get("K1").get(0).size());
            assertEquals(p, layer.get("V4").get(0).get(0).get(0).size());
            assertFalse(layer.has("K2"));
        }
        // layer 1 is the deterministic first-layer metric Cb + Cw x.x / n0 of the raw inputs
        assertEquals(0.0, layers.get(0).get("K1").get(0).get(1).asDouble(), 0.0);
    }

    @Test
    void deriveDrawsTheDiagramsAndPrintsTheThreeRecursions() {
        CliRun r = run("derive", "examples/mlp_tanh.fnet", "--diagrams", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("K1'[a1 b1] = 1/2 Cw sum_{c1 d1} <d_c1 d_d1 (s_a1 s_b1)> K1[c1 d1]"), r.out());
        assertTrue(r.out().contains("\\begin{align}"));
        assertTrue(Files.exists(dir.resolve("mlp_tanh/K1_2.svg")));
        assertTrue(Files.exists(dir.resolve("mlp_tanh/V4_2.tikz")));
    }

    @Test
    void latexWritesACompleteDocument() throws IOException {
        Path tex = dir.resolve("out.tex");
        CliRun r = run("latex", "examples/mlp_relu.fnet", "-o", tex.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(tex);
        assertTrue(text.startsWith("\\documentclass"));
        assertTrue(text.contains("\\begin{tikzpicture}"));
        assertTrue(text.contains("\\section{Closed forms}"));
        assertTrue(text.trim().endsWith("\\end{document}"));
    }

    @Test
    void syntaxErrorIsOneLineWithPositionAndExitCodeTwo() throws IOException {
        Path bad = file("bad.fnet", "network x {\n  width n\n  depth L = 3\n  activation sigma(z) = tanh(z\n}\n");
        CliRun r = run("eval", bad.toString(), "--json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().startsWith("feynet: " + bad + ":4:"), r.err());
    }

    @Test
    void missingFileIsReportedWithoutAStackTrace() {
        CliRun r = run("derive", dir.resolve("nope.fnet").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void unsupportedOrderOfTheNtkIsAClearError() throws IOException {
        String text = Files.readString(Path.of("examples/ntk_gelu.fnet")).replace("derive ntk to order 1/n",
                "derive ntk to order 1/n^2");
        CliRun r = run("eval", file("ntk2.fnet", text).toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the ntk statistics are derived to order 1/n (got 1/n^2)"), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
    }

    @Test
    void nothingIsWrittenWhenTheInputIsBad() throws IOException {
        Path bad = file("neg.fnet", Models.mlp("neg", "tanh(z)", -1.0, 1.0, 3, new double[][] {{1.0}}));
        Path tex = dir.resolve("neg.tex");
        CliRun r = run("latex", bad.toString(), "-o", tex.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("neg.fnet:"), r.err());
        assertFalse(Files.exists(tex));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model file itself");
        }
    }

    @Test
    void badOptionValueExitsWithTwo() {
        CliRun r = run("sample", "examples/mlp_tanh.fnet", "--width", "0", "--quiet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--width must be at least 1"), r.err());
    }

    @Test
    void secondOrderEvalAddsK2AndTheNextCumulantsToEveryLayer() throws IOException {
        CliRun r = run("eval", "examples/mlp_tanh_n2.fnet", "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(2, doc.get("order").asInt());
        for (JsonNode layer : doc.get("layers")) {
            assertEquals(2, layer.get("K2").size());
            assertEquals(2, layer.get("V4_1").get(1).get(0).get(1).size());
            assertEquals(2, layer.get("T6").get(0).get(1).get(1).get(0).get(0).size());
        }
        assertTrue(Math.abs(doc.get("layers").get(9).get("K2").get(0).get(1).asDouble()) > 1e-3);
    }

    @Test
    void compareShowsTheSecondOrderPredictionAndWritesThePlot() {
        Path plot = dir.resolve("c.svg");
        CliRun r = run("compare", "examples/mlp_tanh_n2.fnet", "--widths", "8,12,16", "--networks", "400", "--quiet",
                "--plot", plot.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("O(1/n^2)"), r.out());
        assertTrue(Files.exists(plot));
    }

    /** {@code derive --json} holds the same recursions as the text output, with their diagrams. */
    @Test
    void deriveJsonHoldsTheRecursionsOfTheText() throws IOException {
        CliRun text = run("derive", "examples/mlp_tanh.fnet", "--no-draw");
        CliRun json = run("derive", "examples/mlp_tanh.fnet", "--no-draw", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(1, doc.get("order").asInt());
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode r : doc.get("recursions")) {
            names.add(r.get("statistic").asText());
            assertTrue(text.out().contains("  " + r.get("text").asText() + "\n"), r.get("text").asText());
            assertTrue(text.out().contains(r.get("latex").asText()), r.get("latex").asText());
            assertTrue(r.get("diagrams").size() >= 1);
        }
        assertEquals(java.util.List.of("K0", "K1", "V4"), names);
        assertTrue(doc.get("diagrams_dir").isNull());
        CliRun theory = run("derive", "examples/phi4.fnet", "--json");
        assertEquals(2, theory.code());
        assertTrue(theory.err().contains("use eval --json"), theory.err());
    }
}
