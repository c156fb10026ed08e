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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** feynet dmft and train from the command line: the JSON schema of docs/OUTPUTS.md, bad input, the derivation. */
class DmftCommandTest {

    @TempDir
    Path dir;

    private Path model(String sigma, String time) throws IOException {
        Path file = dir.resolve("m.fnet");
        Files.writeString(file, Files.readString(Path.of("examples/dmft_tanh.fnet"))
                .replace("tanh(z)", sigma).replace("t = 0 .. 20", "t = 0 .. " + time));
        return file;
    }

    @Test
    void dmftJsonHasTheDocumentedKeys() throws IOException {
        Path file = model("z", "4");
        Path plot = dir.resolve("d.svg");
        CliRun run = CliRun.of("dmft", file.toString(), "--json", "--steps", "40", "--plot", plot.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("deep-linear", json.get("solver").asText());
        assertEquals(21, json.get("times").size());
        assertEquals(4.0, json.get("times").get(20).asDouble(), 1e-12);
        for (String key : new String[] {"loss", "f", "ntk", "Phi", "G", "Phi_two_time", "alignment", "convergence"}) {
            assertTrue(json.has(key), key);
        }
        assertEquals(4, json.get("ntk").get(0).size());
        assertEquals(2, json.get("Phi").size());
        assertEquals(21, json.get("Phi").get(0).size());
        for (String name : new String[] {"static_ntk", "gia", "perturbative"}) {
            assertEquals(21, json.get("approximations").get(name).get("loss").size(), name);
        }
        assertTrue(json.get("convergence").get("converged").asBoolean());
        assertEquals(5, json.get("convergence").get("anderson_history").asInt());
        assertTrue(json.get("convergence").get("responses").isNull(), "deep-linear: no response estimator");
        assertTrue(Files.size(plot) > 1000);
    }

    /** An absurd horizon makes the kernels diverge: numerical trouble (exit 3), not an internal error. */
    @Test
    void divergingKernelsAreNumericalTrouble() throws IOException {
        Path file = model("tanh(z)", "1e300");
        Path plot = dir.resolve("d.png");
        CliRun run = CliRun.of("dmft", file.toString(), "--json", "--steps", "40", "--population", "64",
                "--plot", plot.toString());
        assertEquals(3, run.code(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines[0].startsWith("feynet: note: --population 64 is below"), run.err()); // 2 x 41 x 4 = 328
        assertTrue(lines[lines.length - 1].startsWith("feynet: numerical trouble: the DMFT kernels diverged"),
                run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(plot));
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws IOException {
        Path file = model("tanh(z)", "0");
        Path plot = dir.resolve("d.png");
        CliRun run = CliRun.of("dmft", file.toString(), "--plot", plot.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("feynet: " + file + ":16:"), run.err());
        assertTrue(run.err().contains("non-positive time 0"), run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(plot));
        CliRun eval = CliRun.of("eval", "examples/dmft_tanh.fnet");
        assertEquals(2, eval.code());
        assertTrue(eval.err().contains("dmft, train, compare, derive and latex"), eval.err());
    }

    @Test
    void trainJsonReportsMeansAndErrors() throws IOException {
        CliRun run = CliRun.of("train", model("tanh(z)", "1").toString(), "--json", "--widths", "16,32", "--seeds",
                "3");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("widths").size());
        JsonNode first = json.get("widths").get(0);
        assertEquals(16, first.get("width").asInt());
        assertEquals(21, first.get("loss").size());
        assertEquals(21, first.get("loss_se").size());
        assertTrue(first.get("loss_se").get(20).asDouble() > 0);
    }

    /**
     * {@code compare} of a train block states the width means' errors from one variance pooled over the widths
     * (docs/METHOD.md): se_i sqrt(n_i) is the same at every width, so the printed errors at n = 16 and n = 64 differ by
     * a factor 2 in every row (to the table's two significant digits). Each width's own three-seed error would
     * scatter that ratio by tens of percent.
     */
    @Test
    void compareOfATrainBlockPoolsTheSeedErrorsOverWidths() throws IOException {
        Path plot = dir.resolve("c.png");
        CliRun run = CliRun.of("compare", model("tanh(z)", "1").toString(), "--widths", "16,32,64", "--networks", "3",
                "--replicas", "2", "--plot", plot.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("pooled over the widths"), run.out());
        assertTrue(Files.size(plot) > 0);
        int rows = 0;
        for (String line : run.out().split("\\R")) {
            if (!line.matches("^(loss|K_1|alignment|f_1).*")) {
                continue;
            }
            String[] errors = line.split("\\+-");
            double narrow = Double.parseDouble(errors[1].trim().split("\\s+")[0]);
            double wide = Double.parseDouble(errors[3].trim().split("\\s+")[0]);
            assertEquals(2, narrow / wide, 0.1, line);
            rows++;
        }
        assertEquals(10, rows, run.out());
    }

    /** {@code compare --no-plot} of a train block writes no plot (it wrote MODEL-compare.png before). */
    @Test
    void compareOfATrainBlockWithNoPlotWritesNoPlot() throws IOException {
        Path linear = dir.resolve("lin.fnet");
        Files.copy(Path.of("examples/dmft_linear.fnet"), linear);
        Path defaultPlot = Path.of("dmft_linear-compare.png");
        Files.deleteIfExists(defaultPlot);
        CliRun run = CliRun.of("compare", linear.toString(), "--widths", "16,32,64", "--networks", "2", "--no-plot",
                "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("largest |pull|") && !run.out().contains("plot written"), run.out());
        assertTrue(!Files.exists(defaultPlot), "no plot");
    }

    @Test
    void theDerivationDocumentCompiles() throws IOException, InterruptedException {
        assumeTrue(Pdflatex.onPath(), "pdflatex is not installed");
        Files.copy(Path.of("docs/dmft_derivation.tex"), dir.resolve("doc.tex"));
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex timed out");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
    }
}
