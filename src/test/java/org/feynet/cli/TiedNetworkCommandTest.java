package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bundled weight-tied example through the command line: sampled, evaluated, and refused where not derived. */
class TiedNetworkCommandTest {

    /**
     * A tied network too long for the collective-field route (its cost grows like (T P)^4: 40 steps of two inputs would
     * take hours) is refused at once, with the depth statement's place and the estimate, by eval, compare and
     * criticality --finite-width (issue 11: budgets that fail fast instead of hanging).
     */
    @Test
    void aRouteBeyondTheBudgetIsRefusedAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("long.fnet");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(java.nio.file.Path.of(
                "examples/rnn_tanh.fnet")).replace("depth T = 6", "depth T = 40"));
        for (String[] args : new String[][] {{"eval", file.toString()}, {"compare", file.toString(), "--no-plot"},
                {"criticality", file.toString(), "--finite-width"}}) {
            long start = System.nanoTime();
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().startsWith("feynet: " + file + ":5:3: the collective-field route of 40 steps"),
                    run.err());
            assertTrue(run.err().contains("would take about") && run.err().contains("hours"), run.err());
            assertTrue(System.nanoTime() - start < 60e9, "refused before the work");
        }
    }

    @Test
    void sampleOfTheRecurrentExampleGivesStepsAndTwoStepKernels() throws IOException {
        CliRun run = CliRun.of("sample", "examples/rnn_tanh.fnet", "--width", "16", "--networks", "256", "--json",
                "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("tied", json.get("weights").asText());
        assertEquals(6, json.get("layers").size());
        assertEquals(6, json.get("two_step_mean").size());
        // R^(t,t) is R^(t): the diagonal of the two-step means is the per-step mean
        assertEquals(json.get("layers").get(2).get("mean").get(0).get(1).asDouble(),
                json.get("two_step_mean").get(2).get(2).get(0).get(1).asDouble(), 1e-12);
        // step 1 is the input: E[R^(1)] = K^(1) within its errors
        JsonNode first = json.get("layers").get(0);
        assertEquals(0.5, first.get("mean").get(0).get(1).asDouble(),
                5 * first.get("mean_error").get(0).get(1).asDouble());
    }

    /**
     * eval gives K0, K1, V4 of every step (collective-field route) and the two-step kernel; C(1, s) = 0 and
     * C(2, 3) = Cb for odd tanh; step 1 is exact (K1 = 0, V4 = K_ac K_bd + K_ad K_bc); step 2 is one application of W,
     * the same with tied or untied weights, where the chain route's K1 = 0 (within the quadrature error).
     */
    @Test
    void evalOfATiedNetworkGivesKernelsAndOneOverNStatisticsOfEveryStep() throws IOException {
        CliRun eval = CliRun.of("eval", "examples/rnn_tanh.fnet", "--json", "--quiet");
        assertEquals(0, eval.code(), eval.err());
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertEquals(6, json.get("layers").size());
        assertEquals(1, json.get("order").asInt());
        assertTrue(!json.has("not_derived"));
        JsonNode first = json.get("layers").get(0);
        assertEquals(0.0, first.get("K1").get(0).get(1).asDouble());
        assertEquals(1.0 * 0.8 + 0.5 * 0.5, first.get("V4").get(0).get(1).get(0).get(1).asDouble(), 1e-12);
        JsonNode second = json.get("layers").get(1);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(0.0, second.get("K1").get(a).get(b).asDouble(),
                        4.5 * second.get("K1_error").get(a).get(b).asDouble());
            }
        }
        JsonNode c = json.get("K0_two_step");
        assertEquals(0.0, c.get(0).get(2).get(0).get(1).asDouble());
        assertEquals(0.1, c.get(1).get(2).get(0).get(1).asDouble(), 1e-12);
        assertEquals(0.5, c.get(0).get(0).get(0).get(1).asDouble());
    }

    /** derive prints the action, saddle point and one-loop formulas; the diagram engine's outputs are refused. */
    @Test
    void deriveOfATiedNetworkPrintsTheCollectiveFieldDerivationAndDiagramsAreRefused() {
        CliRun derive = CliRun.of("derive", "examples/rnn_tanh.fnet", "--no-draw");
        assertEquals(0, derive.code(), derive.err());
        assertTrue(derive.out().contains("H(Phi, R) = 1/2 log det C(Phi)"), derive.out());
        assertTrue(derive.out().contains("V4 = lim n Cov(O-hat)"), derive.out());
        CliRun json = CliRun.of("derive", "examples/rnn_tanh.fnet", "--json", "--no-draw");
        assertEquals(2, json.code());
        assertTrue(json.err().contains("weight-tied"), json.err());
        assertEquals(2, CliRun.of("diagrams", "examples/rnn_tanh.fnet").code());
        assertEquals(0, CliRun.of("criticality", "examples/rnn_tanh.fnet", "--json").code());
    }

    /** compare runs sampling against both predictions and writes its table and plot (statistics: TiedSamplingTest). */
    @Test
    void compareOfATiedNetworkPrintsBothPredictionsAndWritesAPlot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path plot = dir.resolve("rnn.svg");
        CliRun run = CliRun.of("compare", "examples/rnn_tanh.fnet", "--widths", "8,12,16", "--networks", "128",
                "--quiet", "--plot", plot.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("untied theory"), run.out());
        assertTrue(run.out().contains("largest |pull| against the tied theory"), run.out());
        assertTrue(run.out().contains("6    V4[1122]"), run.out());
        assertTrue(java.nio.file.Files.size(plot) > 1000);
        CliRun json = CliRun.of("compare", "examples/rnn_tanh.fnet", "--widths", "8,12,16", "--networks", "128",
                "--quiet", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode rows = new ObjectMapper().readTree(json.out()).get("rows");
        assertEquals(5 * 7, rows.size());
        JsonNode first = rows.get(0);
        assertEquals((first.get("fit").asDouble() - first.get("tied").asDouble())
                / Math.hypot(first.get("fit_error").asDouble(), first.get("tied_error").asDouble()),
                first.get("tied_pull").asDouble(), 1e-12);
    }
}
