package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python door end to end: {@code feynet serve} started in process on a free port, and the system's python3
 * running src/test/python/client_check.py with python/ on its path, which calls derive, eval, sample and compare
 * through the client (and starts a stand-in launcher, src/test/python/fake_serve.py, to check that
 * {@code feynet.Server} waits for the address, connects, and stops it). Every number it reports must equal the
 * command line's own {@code --json} output for the same arguments (the same code run in the same JVM: exact
 * equality, since JSON doubles round-trip). Skipped, with a message, where python3 is absent.
 */
class PythonClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean python3Present() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static JsonNode cli(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void theClientGetsTheNumbersOfTheCommandLine() throws Exception {
        assumeTrue(python3Present(), "python3 is not on the PATH: the Python client is not tested here");
        FeynetServer server = FeynetServer.start(0);
        JsonNode got;
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", "src/test/python/client_check.py",
                    String.valueOf(server.port()));
            pb.environment().put("PYTHONPATH", Path.of("python").toAbsolutePath().toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process python = pb.start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(300, TimeUnit.SECONDS), "python3 did not finish");
            assertEquals(0, python.exitValue(), "python3 failed; it printed: " + out);
            got = JSON.readTree(out);
        } finally {
            server.stop();
        }
        String tanh = "examples/mlp_tanh.fnet";
        assertEquals(FeynetServer.COMMANDS.size(), got.get("health").get("commands").size());
        assertEquals(cli("eval", tanh, "--json", "--quiet"), got.get("eval"));
        assertEquals(cli("eval", tanh, "--order", "2", "--json", "--quiet"), got.get("eval_order2"));
        JsonNode text = got.get("eval_text");
        assertEquals(got.get("eval").get("layers"), text.get("layers"), "model sent as text, same numbers");
        assertEquals(cli("sample", tanh, "--width", "8", "--networks", "128", "--batches", "8", "--seed", "3",
                "--json", "--quiet").get("layers"), got.get("sample").get("layers"));
        assertEquals(cli("compare", tanh, "--widths", "8,12,16", "--networks", "64", "--seed", "5", "--json",
                "--quiet"), got.get("compare"));
        assertEquals(cli("derive", tanh, "--json", "--no-draw"), got.get("derive"));
        if (got.get("numpy").asBoolean()) {
            assertEquals("ndarray", got.get("array_type").asText());
        } else {
            assertEquals("list", got.get("array_type").asText());
        }
        assertEquals("list", got.get("plain_type").asText());
        JsonNode bad = got.get("bad");
        assertEquals(2, bad.get("exit_code").asInt());
        assertEquals(400, bad.get("status").asInt());
        assertTrue(bad.get("message").asText().startsWith("model.fnet:3:1: "), bad.toString());
        assertTrue(got.get("started_health").get("fake").asBoolean(), "Server() reads the address and connects");
        assertEquals(0, got.get("started_exit").asInt(), "close() stops the server by POST /shutdown");
        assertEquals("feynet serve exited with code 2 before it was ready", got.get("failed_start").asText());
        assertTrue(got.get("bad_block").asText().contains("no network or theory named 'nope'"),
                got.get("bad_block").toString());
        assertTrue(got.get("bad_option").get("message").asText().contains("--width must be at least 1"),
                got.get("bad_option").toString());
    }
}
