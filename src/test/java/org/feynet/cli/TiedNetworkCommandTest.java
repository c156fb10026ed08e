package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bundled weight-tied example through the command line: sampled, analysed, and refused where not derived. */
class TiedNetworkCommandTest {

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

    /** eval gives the infinite-width kernels only, and says so; C(1, s) = 0 and C(2, 3) = Cb for odd tanh. */
    @Test
    void evalOfATiedNetworkGivesItsInfiniteWidthKernelsAndSaysWhatIsMissing() throws IOException {
        CliRun eval = CliRun.of("eval", "examples/rnn_tanh.fnet", "--json", "--quiet");
        assertEquals(0, eval.code(), eval.err());
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertEquals(6, json.get("layers").size());
        assertTrue(json.has("not_derived"));
        assertTrue(!json.get("layers").get(0).has("K1"));
        JsonNode c = json.get("K0_two_step");
        assertEquals(0.0, c.get(0).get(2).get(0).get(1).asDouble());
        assertEquals(0.1, c.get(1).get(2).get(0).get(1).asDouble(), 1e-12);
        assertEquals(0.5, c.get(0).get(0).get(0).get(1).asDouble());
    }

    @Test
    void derivationsOfATiedNetworkAreRefusedWithExitTwo() {
        CliRun derive = CliRun.of("derive", "examples/rnn_tanh.fnet", "--no-draw");
        assertEquals(2, derive.code());
        assertTrue(derive.err().contains("weight-tied"), derive.err());
        assertEquals(2, CliRun.of("diagrams", "examples/rnn_tanh.fnet").code());
        assertEquals(0, CliRun.of("criticality", "examples/rnn_tanh.fnet", "--json").code());
    }
}
