package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * {@code feynet serve}: the network commands over local HTTP with JSON, so that a client (python/feynet) keeps one
 * warm JVM. Bound to the loopback address only. {@code POST /derive}, {@code /eval}, {@code /sample} and
 * {@code /compare} take a JSON object with the model file's text ("text") or its path ("path", relative to the
 * server's working directory) and the command's options under their names without dashes ("order": 2, "widths": [32, 64],
 * "no_theory": true); they run the command line itself with {@code --json} and answer its document. A bad request
 * or bad input answers 400, numerical trouble 422, a bug 500, each as {"error": the one-line message, "exit_code":
 * the command line's}. {@code GET /health} answers the version; {@code POST /shutdown} stops the server. Requests
 * run one at a time.
 */
final class FeynetServer {

    /** The commands served. */
    static final List<String> COMMANDS = List.of("derive", "eval", "sample", "compare");

    /** Options the server sets itself. */
    private static final Set<String> RESERVED = Set.of("json", "quiet", "help", "version");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ExecutorService worker;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FeynetServer(HttpServer http, ExecutorService worker) {
        this.http = http;
        this.worker = worker;
    }

    /**
     * Starts serving on 127.0.0.1 at {@code port} (0 for a free one).
     *
     * @throws IOException if the port cannot be bound
     */
    static FeynetServer start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "feynet-serve");
            t.setDaemon(true);
            return t;
        });
        FeynetServer server = new FeynetServer(http, worker);
        http.createContext("/", server::handle);
        http.setExecutor(worker);
        http.start();
        return server;
    }

    /** The port it listens on. */
    int port() {
        return http.getAddress().getPort();
    }

    /** Stops listening and releases the worker. */
    void stop() {
        http.stop(0);
        worker.shutdown();
        stopped.countDown();
    }

    /** Blocks until {@link #stop()} (or {@code POST /shutdown}). */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health")) {
                respond(exchange, 200, JSON.writeValueAsString(Map.of("feynet", "0.1.0", "commands", COMMANDS)));
                return;
            }
            if (path.equals("/shutdown") && method.equals("POST")) {
                respond(exchange, 200, "{\"stopping\":true}");
                new Thread(this::stop, "feynet-serve-stop").start();
                return;
            }
            String command = path.startsWith("/") ? path.substring(1) : path;
            if (!COMMANDS.contains(command)) {
                respond(exchange, 404, error("no endpoint " + path + " (POST /derive, /eval, /sample, /compare;"
                        + " GET /health)", 2));
                return;
            }
            if (!method.equals("POST")) {
                respond(exchange, 405, error(path + " takes POST with a JSON object", 2));
                return;
            }
            Answer answer = run(command, readBody(exchange.getRequestBody()));
            respond(exchange, answer.status(), answer.body());
        }
    }

    /** An HTTP status and a JSON body. */
    record Answer(int status, String body) {}

    /** Runs one command for a request body; never throws. */
    static Answer run(String command, String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Answer(400, error("the request body is not JSON: " + e.getOriginalMessage(), 2));
        }
        if (request == null || !request.isObject()) {
            return new Answer(400, error("the request body must be a JSON object", 2));
        }
        Path scratch = null;
        try {
            List<String> args = new ArrayList<>(List.of(command));
            if (request.hasNonNull("text")) {
                if (request.hasNonNull("path")) {
                    return new Answer(400, error("give the model file as \"text\" or as \"path\", not both", 2));
                }
                scratch = Files.createTempDirectory("feynet-serve");
                Path file = scratch.resolve("model.fnet");
                Files.writeString(file, request.get("text").asText());
                args.add(file.toString());
            } else if (request.hasNonNull("path")) {
                args.add(request.get("path").asText());
            }
            args.addAll(options(request));
            args.add("--json");
            if (!command.equals("derive")) {
                args.add("--quiet");
            }
            if (command.equals("derive") && !request.has("diagrams")) {
                args.add("--no-draw");
            }
            if (command.equals("compare") && !request.has("plot")) {
                args.add("--no-plot");
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
            if (code == 0) {
                return new Answer(200, out.toString().strip());
            }
            String message = firstLine(err.toString());
            if (scratch != null) {
                message = message.replace(scratch.resolve("model.fnet").toString(), "model.fnet");
            }
            int status = code == Main.BAD_INPUT ? 400 : code == Main.NUMERICAL_TROUBLE ? 422 : 500;
            return new Answer(status, error(message, code));
        } catch (IllegalArgumentException e) {
            return new Answer(400, error(e.getMessage(), 2));
        } catch (IOException e) {
            return new Answer(500, error("cannot write the model to a temporary file: " + e.getMessage(), 1));
        } finally {
            delete(scratch);
        }
    }

    /**
     * The command-line options of a request: every key but "text" and "path", "no_theory" as --no-theory; true is a
     * flag, false leaves it out, an array is joined with commas.
     */
    private static List<String> options(JsonNode request) {
        List<String> args = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = request.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("text") || key.equals("path")) {
                continue;
            }
            String option = key.replace('_', '-');
            if (RESERVED.contains(option) || !option.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("option \"" + key + "\" cannot be given to the server");
            }
            JsonNode value = field.getValue();
            if (value.isBoolean()) {
                if (value.asBoolean()) {
                    args.add("--" + option);
                }
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                args.add("--" + option);
                args.add(String.join(",", items));
            } else if (value.isValueNode() && !value.isNull()) {
                args.add("--" + option);
                args.add(value.asText());
            } else {
                throw new IllegalArgumentException("option \"" + key + "\" must be a number, a string, a boolean or"
                        + " an array");
            }
        }
        return args;
    }

    private static String firstLine(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("failed without a message");
        return line.startsWith("feynet: ") ? line.substring("feynet: ".length()) : line;
    }

    static String error(String message, int exitCode) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", message);
        out.put("exit_code", exitCode);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
