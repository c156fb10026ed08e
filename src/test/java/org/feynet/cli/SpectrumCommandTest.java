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

/** {@code feynet spectrum}: the documented JSON keys, the plot, and the exit codes of bad input and trouble. */
class SpectrumCommandTest {

    @TempDir
    Path dir;

    /**
     * The JSON of the bundled example: P x P matrices, descending eigenvalues whose sum is the trace of "ntk", and a
     * residual that starts at 1 and decreases.
     */
    @Test
    void jsonHasTheDocumentedKeysAndThePlotIsWritten() throws IOException {
        Path plot = dir.resolve("spectrum.png");
        CliRun run = CliRun.of("spectrum", "examples/ecrn_tanh.fnet", "--json", "--times", "0,1,5",
                "--plot", plot.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String key : new String[] {"nngp", "ntk", "ntk_mask_var", "eigenvalues", "residual", "times"}) {
            assertTrue(json.has(key), key);
        }
        assertEquals(8, json.get("ntk").size());
        assertEquals(8, json.get("ntk_mask_var").get(0).size());
        double trace = 0;
        for (int a = 0; a < 8; a++) {
            trace += json.get("ntk").get(a).get(a).asDouble();
        }
        double sum = 0;
        for (int k = 0; k < 8; k++) {
            sum += json.get("eigenvalues").get(k).asDouble();
            if (k > 0) {
                assertTrue(json.get("eigenvalues").get(k).asDouble() <= json.get("eigenvalues").get(k - 1).asDouble());
            }
        }
        assertEquals(trace, sum, 1e-9 * trace);
        assertEquals(3, json.get("residual").size());
        assertEquals(1.0, json.get("residual").get(0).asDouble(), 1e-12);
        assertTrue(json.get("residual").get(2).asDouble() < json.get("residual").get(1).asDouble());
        assertTrue(Files.size(plot) > 1000);
    }

    @Test
    void badTimesExitTwoAndEqualInputsExitThreeWithoutAPlot() throws IOException {
        Path plot = dir.resolve("p.png");
        CliRun bad = CliRun.of("spectrum", "examples/ecrn_tanh.fnet", "--times", "0,-1", "--plot", plot.toString());
        assertEquals(2, bad.code(), bad.err());
        assertEquals(1, bad.err().strip().lines().count());
        Path twins = dir.resolve("twins.fnet");
        Files.writeString(twins, Files.readString(Path.of("examples/ecrn_tanh.fnet"))
                .replace("[0.2121, 0.2121], [0.0, 0.3]", "[0.2121, 0.2121], [0.2121, 0.2121]"));
        CliRun singular = CliRun.of("spectrum", twins.toString(), "--plot", plot.toString());
        assertEquals(3, singular.code(), singular.err());
        assertTrue(singular.err().contains("singular"), singular.err());
        assertFalse(Files.exists(plot));
    }

    /**
     * eval --json of the example: per layer the mask-averaged K0 and stream NTK, layer 0 the Fourier gram
     * exp(-2 pi^2 s^2 |x_a - x_b|^2) (computed here from the inputs), and the same output NTK as spectrum; the 1/n
     * NNGP keys (their numbers are checked in FourierResidualFiniteWidthTest and FourierResidualNngpSamplingTest).
     */
    @Test
    void evalJsonGivesTheMaskAveragedKernelsPerBlock() throws IOException {
        CliRun run = CliRun.of("eval", "examples/ecrn_tanh.fnet", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(9, json.get("layers").size());
        double d2 = 0.2121 * 0.2121 + (0.2121 - 0.3) * (0.2121 - 0.3);
        double g = Math.exp(-2 * Math.PI * Math.PI * (0.3 - 0.2121) * (0.3 - 0.2121) - 2 * Math.PI * Math.PI
                * 0.2121 * 0.2121);
        assertEquals(Math.exp(-2 * Math.PI * Math.PI * d2), g, 1e-15);
        assertEquals(g, json.get("layers").get(0).get("K0").get(0).get(1).asDouble(), 1e-12);
        assertEquals(g, json.get("layers").get(0).get("ntk").get(0).get(1).asDouble(), 1e-12);
        assertTrue(json.get("not_derived").asText().contains("covariances between different entries"));
        assertEquals(1, json.get("order").asInt());
        assertEquals(8, json.get("ntk_1").size());
        assertEquals(json.get("ntk_1").get(1).get(2).asDouble(), json.get("ntk_1").get(2).get(1).asDouble(), 0);
        assertTrue(json.get("ntk_1_error").get(0).get(0).asDouble() < 1e-3);
        assertEquals(8, json.get("nngp_1").size());
        assertEquals(8, json.get("nngp_var").get(7).size());
        assertEquals(json.get("nngp_1").get(1).get(2).asDouble(), json.get("nngp_1").get(2).get(1).asDouble(), 0);
        assertTrue(json.get("nngp_var").get(0).get(0).asDouble() > 0);
        CliRun derive = CliRun.of("derive", "examples/ecrn_tanh.fnet");
        assertEquals(0, derive.code(), derive.err());
        assertTrue(derive.out().contains("Theta^(l+1) = Theta^(l) + alpha_l^2 m_l"));
        CliRun diagrams = CliRun.of("diagrams", "examples/ecrn_tanh.fnet");
        assertEquals(2, diagrams.code());
        assertTrue(diagrams.err().contains("Fourier-feature residual network"), diagrams.err());
    }
}
