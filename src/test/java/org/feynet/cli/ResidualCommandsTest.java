package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on residual networks: the JSON schema of eval, sample, compare, derive and bad input. */
class ResidualCommandsTest {

    private static final String SMALL = "network r {\n width n\n depth L = 3\n activation sigma(z) = tanh(z)\n"
            + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5\n"
            + " input gram [[1.0, 0.5], [0.5, 0.8]]\n"
            + " z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
            + " with eps = 0.5\n}\nderive metric to order 1/n\n";

    private static Path write(Path dir, String text) throws Exception {
        Path file = dir.resolve("r.fnet");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void evalJsonHasEveryLayerWithStreamAndMetricStatistics(@TempDir Path dir) throws Exception {
        Path file = write(dir, SMALL);
        for (String closure : new String[] {"exact", "G", "Gproj", "RG", "RGM"}) {
            CliRun run = CliRun.of("eval", file.toString(), "--json", "--closure", closure);
            assertEquals(0, run.code(), run.err());
            JsonNode root = new ObjectMapper().readTree(run.out());
            assertEquals("r", root.get("model").asText());
            assertEquals(closure, root.get("closure").asText());
            assertEquals(4, root.get("layers").size());
            for (int l = 0; l <= 3; l++) {
                JsonNode layer = root.get("layers").get(l);
                assertEquals(l, layer.get("layer").asInt());
                for (JsonNode k : new JsonNode[] {layer, layer.get("metric")}) {
                    assertEquals(2, k.get("K0").size());
                    assertEquals(2, k.get("K1").get(1).size());
                    assertEquals(2, k.get("V4").get(0).get(1).get(0).size());
                }
            }
            assertEquals(1.0, root.get("layers").get(0).get("K0").get(0).get(0).asDouble(), 1e-12);
            assertEquals(2.0, root.get("layers").get(0).get("V4").get(0).get(0).get(0).get(0).asDouble(), 1e-9);
        }
    }

    @Test
    void sampleAndCompareRunOnResidualNetworks(@TempDir Path dir) throws Exception {
        Path file = write(dir, SMALL);
        CliRun sample = CliRun.of("sample", file.toString(), "--width", "16", "--networks", "200", "--quiet", "--json");
        assertEquals(0, sample.code(), sample.err());
        JsonNode root = new ObjectMapper().readTree(sample.out());
        assertEquals(4, root.get("layers").size());
        assertEquals("explicit", root.get("weights").asText());
        Path plot = dir.resolve("r.png");
        CliRun compare = CliRun.of("compare", file.toString(), "--widths", "16,24,32", "--networks", "300", "--quiet",
                "--plot", plot.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("largest |pull|"), compare.out());
        assertTrue(compare.out().contains("RGM"), compare.out());
        assertTrue(compare.out().contains("the published G-only theory against the exact route"), compare.out());
        assertTrue(compare.out().contains("increments drawn from their exact conditional law"), compare.out());
        assertTrue(Files.size(plot) > 1000);
    }

    /** One spelling selects how residual networks are drawn: --method chain (conditional increments) or explicit. */
    @Test
    void methodSelectsExplicitWeightsOrConditionalIncrements(@TempDir Path dir) throws Exception {
        Path file = write(dir, SMALL);
        CliRun chain = CliRun.of("sample", file.toString(), "--width", "8", "--networks", "100", "--quiet", "--json",
                "--method", "chain");
        assertEquals(0, chain.code(), chain.err());
        assertEquals("conditional increments", new ObjectMapper().readTree(chain.out()).get("weights").asText());
        CliRun explicit = CliRun.of("compare", file.toString(), "--widths", "8,12,16", "--networks", "100", "--quiet",
                "--no-plot", "--method", "explicit");
        assertEquals(0, explicit.code(), explicit.err());
        assertTrue(explicit.out().contains("(explicit weights)"), explicit.out());
        CliRun weights = CliRun.of("compare", file.toString(), "--weights");
        assertEquals(2, weights.code());
        CliRun bad = CliRun.of("compare", file.toString(), "--method", "exact");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--method must be chain or explicit"), bad.err());
    }

    @Test
    void latexWritesTheDerivationWithEveryRoute(@TempDir Path dir) throws Exception {
        Path tex = dir.resolve("r.tex");
        CliRun run = CliRun.of("latex", write(dir, SMALL).toString(), "-o", tex.toString());
        assertEquals(0, run.code(), run.err());
        String text = Files.readString(tex);
        for (String part : new String[] {"\\section{The exact order-$1/n$ route}", "\\texttt{Gproj}",
                "The published G-only theory", "\\section{Continuous depth}", "No finite system of ordinary differential",
                "C_W = 1.5", "\\end{document}", "\\section{Lines of the kernel closures from diagrams}",
                "\\item \\texttt{M1[ns+s] = (1/2) Hk[ns+s,t] dR[t] + (1/8) W[t,u] Fk[ns+s,t,u]} (G: readout, step) from"
                        + " K1: propagated-K1 (weight 1), tadpole (weight 1/2), read as \\texttt{K1 -> dR, V4 -> W,"}) {
            assertTrue(text.contains(part), part);
        }
        assertFalse(text.contains("@@"), "a placeholder is left");
    }

    @Test
    void deriveContinuousPrintsTheEquations(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("derive", write(dir, SMALL).toString(), "--continuous");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("dK/dt = Sigma0(t)"), run.out());
        assertTrue(run.out().contains("\\begin{align}"), run.out());
    }

    /** derive prints the generated tensor equations of the closure: a kernel closure's, or the exact route's. */
    @Test
    void deriveOfAResidualNetworkPrintsItsGeneratedEquations(@TempDir Path dir) throws Exception {
        Path file = write(dir, SMALL);
        CliRun rg = CliRun.of("derive", file.toString(), "--closure", "RG");
        assertEquals(0, rg.code(), rg.err());
        assertTrue(rg.out().contains("Generated evaluator of closure RG"), rg.out());
        assertTrue(rg.out().contains("  x, y in [0, 2 * ns): the basis B = {z_a z_b, sigma_a sigma_b}"), rg.out());
        assertTrue(rg.out().contains("    A[r,x] = Inv[x,y] Cv[y,r]\n"), rg.out());
        CliRun exact = CliRun.of("derive", file.toString());
        assertEquals(0, exact.code(), exact.err());
        assertTrue(exact.out().contains("Generated evaluator of closure exact"), exact.out());
        assertTrue(exact.out().contains("  x, y in [l + 1, nl): the later layers"), exact.out());
        assertTrue(exact.out().contains("    m1'[x,f] = m1[x,f] + (1/2) eps^2 Cw[s] H[x,f,s] m1[q,ns+s]\n"), exact.out());
        assertTrue(exact.out().contains("not read from diagrams"), exact.out());
    }

    /** A kernel closure's derive names the MLP diagrams its diagram lines came from, and how they were read. */
    @Test
    void deriveOfAKernelClosureNamesTheDiagramsOfItsLines(@TempDir Path dir) throws Exception {
        Path file = write(dir, SMALL);
        CliRun g = CliRun.of("derive", file.toString(), "--closure", "G");
        assertEquals(0, g.code(), g.err());
        for (String part : new String[] {
                "    M1[ns+s] (readout, step) <- K1: propagated-K1 (weight 1), tadpole (weight 1/2)\n"
                        + "        read as K1 -> dR, V4 -> W, <dd f> -> Hk, <dddd f> -> Fk, f = s[ns+s], vertex Cw dropped\n",
                "    K0G[s] (readout) <- K0: single-neuron (weight 1)\n",
                "    A[i,ns+s] (step) <- K1: propagated-K1 (weight 1)\n"}) {
            assertTrue(g.out().contains(part), part + "\n" + g.out());
        }
        CliRun rgm = CliRun.of("derive", file.toString(), "--closure", "RGM");
        assertEquals(0, rgm.code(), rgm.err());
        assertTrue(rgm.out().contains("    m1'[r] (step) <- K1: propagated-K1 (weight 1), tadpole (weight 1/2)\n"
                + "        read as K1 -> V, V4 -> V, <dd f> -> Q, <dddd f> -> Fn, f = s[r], each leg eps^2 Cw,"), rgm.out());
        assertFalse(rgm.out().contains("    M1[ns+s] (readout"), rgm.out());
    }

    /** codegen of a residual network writes the closures' and the exact route's classes as they are committed. */
    @Test
    void codegenOfAResidualNetworkWritesTheClosureClasses(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectory(dir.resolve("gen"));
        CliRun run = CliRun.of("codegen", write(dir, SMALL).toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        for (String c : new String[] {"G", "Gproj", "RG", "RGM", "Exact"}) {
            String name = "org/feynet/generated/ResidualRecursions" + c + ".java";
            assertEquals(Files.readString(Path.of("generated").resolve(name)), Files.readString(out.resolve(name)), name);
        }
    }

    /**
     * eval --continuous --json for the exact route: the continuous solution with "t", "grid_steps", and per layer the
     * discrete recursion and, at even layers, the Richardson extrapolation 2 X_L - X_(L/2); at t = 0 all three agree
     * on K0, and the metric K1 vanishes.
     */
    @Test
    void evalContinuousJsonForTheExactRoute(@TempDir Path dir) throws Exception {
        String text = SMALL.replace("input gram [[1.0, 0.5], [0.5, 0.8]]", "input gram [[1.0]]")
                .replace("depth L = 3", "depth L = 4").replace("with eps = 0.5", "with eps = 0.25");
        CliRun run = CliRun.of("eval", write(dir, text).toString(), "--continuous", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertTrue(root.get("continuous").asBoolean());
        assertEquals("exact", root.get("closure").asText());
        assertEquals(16, root.get("grid_steps").asInt());
        assertEquals(5, root.get("layers").size());
        for (int l = 0; l <= 4; l++) {
            JsonNode layer = root.get("layers").get(l);
            assertEquals(0.0625 * l, layer.get("t").asDouble(), 1e-12);
            assertTrue(layer.get("discrete").get("metric").has("K1"));
            assertEquals(l % 2 == 0, layer.has("richardson"), "layer " + l);
            assertTrue(Double.isFinite(layer.get("metric").get("K1").get(0).get(0).asDouble()));
        }
        JsonNode first = root.get("layers").get(0);
        assertEquals(first.get("discrete").get("K0").get(0).get(0).asDouble(), first.get("K0").get(0).get(0).asDouble(),
                1e-12);
        assertEquals(0, first.get("metric").get("K1").get(0).get(0).asDouble(), 1e-12);
    }

    @Test
    void badInputIsOneLineWithExitTwoAndNothingOnStdout(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {SMALL.replace("with eps = 0.5", "with eps = 0"), "r.fnet:7:18: residual scale eps = 0 is not positive"},
            {SMALL.replace(" with eps = 0.5\n", " with eps = 0.5\n closure RGN\n"), "unknown closure 'RGN'"},
            {SMALL.replace("input gram [[1.0, 0.5], [0.5, 0.8]]", "input x = [[1.0, 0.5, 1.0], [0.5, 0.8, 0.0]]"),
                "residual stream dimension mismatch"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.of("eval", write(dir, c[0]).toString(), "--json");
            assertEquals(2, run.code(), run.err());
            assertEquals("", run.out());
            assertTrue(run.err().contains(c[1]), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
        CliRun closure = CliRun.of("eval", write(dir, SMALL).toString(), "--closure", "X");
        assertEquals(2, closure.code());
        assertFalse(closure.err().contains("Exception"));
    }
}
