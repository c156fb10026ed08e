package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code feynet serve} over HTTP, without Python: answers equal the command line's --json output, user errors are
 * 400 with the one-line message (file:line:col relative to the model sent), numerical trouble 422 with exit code 3,
 * and requests the server cannot map are refused.
 */
class FeynetServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FeynetServer server;

    @BeforeAll
    static void start() throws IOException {
        server = FeynetServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        return post(path, JSON.writeValueAsString(body));
    }

    @Test
    void evalAnswersTheCommandLinesJson() throws Exception {
        HttpResponse<String> r = post("/eval", Map.of("path", "examples/mlp_tanh_n2.fnet"));
        assertEquals(200, r.statusCode(), r.body());
        CliRun cli = CliRun.of("eval", "examples/mlp_tanh_n2.fnet", "--json", "--quiet");
        assertEquals(JSON.readTree(cli.out()), JSON.readTree(r.body()));
        HttpResponse<String> first = post("/eval", Map.of("path", "examples/mlp_tanh.fnet", "order", 2));
        assertEquals(2, JSON.readTree(first.body()).get("order").asInt());
        HttpResponse<String> named = post("/eval", Map.of("path", "examples/phi4.fnet", "model", "nope"));
        assertEquals(400, named.statusCode());
        assertTrue(named.body().contains("no network or theory named 'nope'"), named.body());
    }

    @Test
    void badInputIs400AndNumericalTroubleIs422WithOneLine() throws Exception {
        HttpResponse<String> bad = post("/eval", Map.of("text", "network broken {\n  width n\n"));
        assertEquals(400, bad.statusCode());
        JsonNode error = JSON.readTree(bad.body());
        assertEquals(2, error.get("exit_code").asInt());
        assertTrue(error.get("error").asText().startsWith("model.fnet:3:1: "), bad.body());
        String huge = Models.mlp("big", "z", 0, 1e100, 10, new double[][] {{1.0}});
        HttpResponse<String> trouble = post("/eval", Map.of("text", huge));
        assertEquals(422, trouble.statusCode(), trouble.body());
        JsonNode t = JSON.readTree(trouble.body());
        assertEquals(3, t.get("exit_code").asInt());
        assertTrue(t.get("error").asText().startsWith("numerical trouble: "), trouble.body());
        assertEquals(1, t.get("error").asText().lines().count());
    }

    @Test
    void requestsThatCannotBeMappedAreRefused() throws Exception {
        assertEquals(404, post("/latex", Map.of()).statusCode());
        assertEquals(400, post("/eval", "not json").statusCode());
        assertEquals(400, post("/eval", "[1, 2]").statusCode());
        HttpResponse<String> reserved = post("/eval", Map.of("json", false));
        assertEquals(400, reserved.statusCode());
        assertTrue(reserved.body().contains("cannot be given"), reserved.body());
        HttpResponse<String> both = post("/eval", Map.of("text", "x", "path", "y"));
        assertEquals(400, both.statusCode());
        HttpResponse<String> unknown = post("/eval", Map.of("path", "examples/mlp_tanh.fnet", "bogus", 1));
        assertEquals(400, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().contains("--bogus"), unknown.body());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/eval")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void itListensOnTheLoopbackOnly() throws Exception {
        FeynetServer other = FeynetServer.start(0);
        try {
            java.net.InetAddress[] all = java.net.InetAddress.getAllByName(java.net.InetAddress.getLocalHost()
                    .getHostName());
            for (java.net.InetAddress address : all) {
                if (!address.isLoopbackAddress()) {
                    try (java.net.Socket s = new java.net.Socket()) {
                        s.connect(new java.net.InetSocketAddress(address, other.port()), 2000);
                        throw new AssertionError("reachable on " + address);
                    } catch (IOException refused) {
                        // expected: nothing listens there
                    }
                }
            }
        } finally {
            other.stop();
        }
    }
}
