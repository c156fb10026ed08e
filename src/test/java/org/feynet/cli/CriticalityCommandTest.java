package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feynet criticality}: the JSON keys, the phase-diagram files, the LaTeX derivation and bad input. */
class CriticalityCommandTest {

    @TempDir
    Path dir;

    private static final List<String> KEYS = List.of("K_star", "chi_par", "chi_perp", "lyapunov", "c_star", "chi_c",
            "xi_par", "xi_c", "phase");

    /** mlp_tanh sits at the K* = 0 critical point (Cb = 0, Cw = 1): chi = 1, infinite depths as null with notes. */
    @Test
    void jsonOfTheBundledTanhExampleHasEveryKeyAndNullsWithNotes() throws IOException {
        CliRun run = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String key : KEYS) {
            assertTrue(json.has(key), key);
        }
        assertEquals("critical", json.get("phase").asText());
        assertEquals(0.0, json.get("K_star").asDouble());
        assertEquals(1.0, json.get("chi_perp").asDouble(), 1e-12);
        assertTrue(json.get("xi_par").isNull());
        assertTrue(json.get("notes").has("xi_par"));
        assertEquals("K*=0", json.get("universality").get("class").asText());
        assertFalse(run.out().contains("Infinity") || run.out().contains("NaN"));
    }

    /** A ReLU network with Cw &gt; 2 grows without bound: K_star is null, chi_perp = Cw/2 is still given. */
    @Test
    void explodingReluReportsNullFixedPointAndHalfCw() throws IOException {
        Path file = dir.resolve("relu.fnet");
        Files.writeString(file, Models.mlp("r", "relu(z)", 0.0, 3.0, 3, new double[][] {{1.0}}));
        CliRun run = CliRun.of("criticality", file.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("to_infinity", json.get("flow").asText());
        assertTrue(json.get("K_star").isNull());
        assertTrue(json.get("notes").has("K_star"));
        assertEquals(1.5, json.get("chi_perp").asDouble(), 1e-14);
        assertEquals("chaotic", json.get("phase").asText());
    }

    @Test
    void phaseDiagramWritesPngAndSvgAndLatexCompiles() throws IOException, InterruptedException {
        Path png = Files.createDirectory(dir.resolve("out")).resolve("tanh.png");
        Path tex = dir.resolve("tanh.tex");
        CliRun run = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--phase-diagram", "--grid", "6", "--quiet",
                "--plot-file", png.toString(), "--latex", tex.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.size(png) > 1000);
        assertTrue(Files.readString(dir.resolve("out/tanh.svg")).contains("<svg"));
        String latex = Files.readString(tex);
        assertTrue(latex.contains("\\chi_\\perp &= C_W \\big\\langle \\sigma'(z)^2"));
        assumeTrue(Pdflatex.onPath() && Pdflatex.runs(), "pdflatex is not installed");
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.getFileName()
                .toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    /**
     * A grid finer than {@link CriticalityCommand#MAX_GRID} points per axis is refused before any work with one line
     * that gives the bound and an estimate, exit 2 and no file.
     */
    /**
     * --finite-width: the JSON keys of docs/OUTPUTS.md; for tanh at Cb = 0.3, Cw = 1.2 chi_par_1 is what
     * numerics.FiniteWidthDepthTest checks against the iterated recursions (-0.0011403, to 2e-4 relative there), and
     * the LaTeX section compiles.
     */
    @Test
    void finiteWidthCorrectionsInJsonTextAndLatex() throws IOException, InterruptedException {
        Path file = dir.resolve("tanh.fnet");
        Files.writeString(file, Models.mlp("t", "tanh(z)", 0.3, 1.2, 3, new double[][] {{2.0}}));
        CliRun run = CliRun.of("criticality", file.toString(), "--json", "--finite-width");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String key : List.of("chi_par_1", "xi_par_1", "chi_c_1", "xi_c_1", "K1_star", "V4_star")) {
            assertTrue(json.has(key) && json.get(key).isNumber(), key);
        }
        assertEquals(-0.0011403, json.get("chi_par_1").asDouble(), 2e-4 * 0.0011403);
        double chi = json.get("chi_par").asDouble();
        assertEquals(json.get("chi_par_1").asDouble() / (chi * Math.log(chi) * Math.log(chi)),
                json.get("xi_par_1").asDouble(), 1e-12);
        CliRun critical = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--json", "--finite-width");
        JsonNode c = new ObjectMapper().readTree(critical.out());
        assertTrue(c.get("xi_par_1").isNull() && c.get("finite_width_notes").has("xi_par_1"));
        Path tex = dir.resolve("fw.tex");
        CliRun text = CliRun.of("criticality", file.toString(), "--finite-width", "--latex", tex.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("chi_par_1 = -0.00114"), text.out());
        assertTrue(Files.readString(tex).contains("Correlation depth at finite width"));
        assumeTrue(Pdflatex.onPath() && Pdflatex.runs(), "pdflatex is not installed");
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.getFileName()
                .toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
    }

    /**
     * A weight-tied network has no finite-width correlation depth: the six keys are null with a note, and
     * "untied_reference" holds exactly what the same network written with independent layers gets.
     */
    @Test
    void aWeightTiedNetworkGetsNoFiniteWidthDepthButTheUntiedReference() throws IOException {
        String tied = Files.readString(Path.of("examples/rnn_tanh.fnet"));
        Path untiedFile = dir.resolve("untied.fnet");
        Files.writeString(untiedFile, tied.replace("z[t+1] = b + W . sigma(z[t])", "z[t+1] = b[t+1] + W[t+1] . sigma(z[t])"));
        CliRun run = CliRun.of("criticality", "examples/rnn_tanh.fnet", "--json", "--finite-width");
        CliRun untied = CliRun.of("criticality", untiedFile.toString(), "--json", "--finite-width");
        assertEquals(0, run.code(), run.err());
        assertEquals(0, untied.code(), untied.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode reference = new ObjectMapper().readTree(untied.out());
        assertFalse(reference.has("untied_reference"));
        for (String key : List.of("chi_par_1", "xi_par_1", "chi_c_1", "xi_c_1", "K1_star", "V4_star")) {
            assertTrue(json.get(key).isNull(), key);
            assertTrue(json.get("finite_width_notes").get(key).asText().startsWith("weight-tied"), key);
            assertEquals(reference.get(key), json.get("untied_reference").get(key), key);
        }
        assertTrue(reference.get("chi_par_1").isNumber());
        assertTrue(reference.get("tied_local_rate") == null);
        JsonNode rates = json.get("tied_local_rate");
        assertEquals(4, rates.size(), "steps 1 .. T-2 of T = 6");
        for (int t = 0; t < rates.size(); t++) {
            JsonNode r = rates.get(t);
            assertEquals(t + 1, r.get("step").asInt());
            assertTrue(r.get("r0").asDouble() > 0 && r.get("r0").asDouble() < 1, r.toString());
            assertTrue(r.get("r1_error").asDouble() > 0 && r.get("xi1").isNumber(), r.toString());
        }
        CliRun text = CliRun.of("criticality", "examples/rnn_tanh.fnet", "--finite-width");
        assertTrue(text.out().contains("finite width: no single rate for this network (weight-tied"), text.out());
        assertTrue(text.out().contains("local correlation depth xi(t)"), text.out());
        Path tex = dir.resolve("rnn.tex");
        assertEquals(0, CliRun.of("criticality", "examples/rnn_tanh.fnet", "--finite-width", "--latex",
                tex.toString()).code());
        String latex = Files.readString(tex);
        assertTrue(latex.contains("Weight-tied steps at finite width") && latex.contains("\\xi_1 &= \\frac{r_1}"),
                latex);
        assertTrue(text.out().contains("the same network with independent layers"), text.out());
    }

    /** relu: chi_par_1 = K1_star = 0 exactly (f is linear in K), written as 0.0, never as -0.0. */
    @Test
    void anExactZeroCorrectionIsWrittenWithoutASign() throws IOException {
        Path file = dir.resolve("relu.fnet");
        Files.writeString(file, Models.mlp("r", "max(z, 0)", 0.2, 1.3, 3, new double[][] {{1.2}}));
        CliRun run = CliRun.of("criticality", file.toString(), "--json", "--finite-width");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String key : List.of("chi_par_1", "xi_par_1", "K1_star")) {
            assertEquals(0.0, json.get(key).asDouble(), 1e-15, key);
            assertEquals("0.0", json.get(key).asText(), key);
        }
    }

    @Test
    void tooFineAGridIsRefusedWithAnEstimate() {
        for (String n : new String[] {"801", "2000", "2147483647"}) {
            Path png = dir.resolve("fine-" + n + ".png");
            CliRun run = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--phase-diagram", "--grid", n, "--quiet",
                    "--plot-file", png.toString());
            assertEquals(2, run.code(), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains("--grid must be at most 800 points per axis (got " + n + ")"), run.err());
            assertTrue(run.err().matches("(?s).*about [0-9.e+]+ (s|min|hours) of CPU time and [0-9.e+]+ GB of memory.*"),
                    run.err());
            assertFalse(Files.exists(png));
            assertFalse(Files.exists(dir.resolve("fine-" + n + ".svg")));
        }
    }

    @Test
    void badPlotFileAndTheoriesAreRefusedWithExitTwo() {
        CliRun plot = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--phase-diagram", "--plot-file",
                dir.resolve("x.pdf").toString());
        assertEquals(2, plot.code());
        assertTrue(plot.err().contains("--plot-file: the plot must be a .png or .svg file"), plot.err());
        assertFalse(Files.exists(dir.resolve("x.pdf")));
        CliRun theory = CliRun.of("criticality", "examples/phi4.fnet");
        assertEquals(2, theory.code());
        CliRun tolerance = CliRun.of("criticality", "examples/mlp_tanh.fnet", "--tolerance", "0.5");
        assertEquals(2, tolerance.code());
    }
}
