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

/**
 * {@code feynet train} and {@code compare} on the bundled ecrn example at tiny widths: the documented JSON keys,
 * internal consistency (the eigenvalues sum to the trace of the mean Gram, the loss decreases, the drift stays
 * below its bound), the plot, and one-line exit-2 errors for bad options.
 */
class EcrnTrainingCommandsTest {

    @TempDir
    Path dir;

    @Test
    void trainJsonIsConsistent() throws IOException {
        CliRun run = CliRun.of("train", "examples/ecrn_tanh.fnet", "--widths", "8,12", "--seeds", "2",
                "--intervals", "2", "--predict", "truncated", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("ecrn", json.get("architecture").asText());
        assertEquals(2, json.get("widths").size());
        for (JsonNode width : json.get("widths")) {
            for (String key : new String[] {"times", "loss", "loss_se", "test_error", "ntk_drift", "eigenvalues",
                    "ntk", "f", "drift_bound", "first_order_error", "truncated_error", "dntk_fd_error"}) {
                assertTrue(width.has(key), key);
            }
            assertEquals(3, width.get("times").size());
            assertTrue(width.get("loss").get(2).asDouble() < width.get("loss").get(0).asDouble());
            for (int t = 0; t < 3; t++) {
                double trace = 0;
                double sum = 0;
                for (int a = 0; a < 8; a++) {
                    trace += width.get("ntk").get(t).get(a).get(a).asDouble();
                    sum += width.get("eigenvalues").get(t).get(a).asDouble();
                }
                assertEquals(trace, sum, 1e-9 * trace);
            }
        }
    }

    @Test
    void compareWritesTableAndPlot() throws IOException {
        Path plot = dir.resolve("c.png");
        CliRun run = CliRun.of("compare", "examples/ecrn_tanh.fnet", "--widths", "8,12,16", "--networks", "3",
                "--plot", plot.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("lambda_1(T)"), run.out());
        assertTrue(run.out().contains("NTK drift at t = 2"), run.out());
        assertTrue(run.out().contains("largest |pull|"), run.out());
        assertTrue(Files.size(plot) > 1000);
    }

    @Test
    void badOptionsExitTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"train", "examples/ecrn_tanh.fnet", "--predict", "second"},
                {"train", "examples/ecrn_tanh.fnet", "--seeds", "1"},
                {"compare", "examples/ecrn_tanh.fnet", "--widths", "8,16"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(run.out().contains("width"), run.out());
        }
    }
}
