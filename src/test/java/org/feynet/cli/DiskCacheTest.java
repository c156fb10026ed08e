package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk cache of derivations and compiled evaluators: a command that uses it prints exactly what it prints
 * without it (--no-cache); a warm cache lets eval run in a fresh JVM without loading Symja or Janino; damaged
 * entries are recomputed; {@code cache clear} empties it.
 */
class DiskCacheTest {

    private static final String MODEL = Models.mlp("cached_tanh", "tanh(z)", 0.1, 1.3, 4,
            new double[][] {{1.0, 0.3, 0.2}, {0.3, 0.9, 0.1}, {0.2, 0.1, 0.8}});

    @TempDir
    Path dir;

    private String previous;
    private Path cache;
    private Path model;

    @BeforeEach
    void useTemporaryCache() throws IOException {
        previous = System.getProperty(DiskCache.DIR_PROPERTY);
        cache = dir.resolve("cache");
        System.setProperty(DiskCache.DIR_PROPERTY, cache.toString());
        model = Files.writeString(dir.resolve("cached_tanh.fnet"), MODEL);
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(DiskCache.DIR_PROPERTY);
        } else {
            System.setProperty(DiskCache.DIR_PROPERTY, previous);
        }
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void cachedEvalPrintsWhatAnUncachedEvalPrints() throws IOException {
        String uncached = run("eval", model.toString(), "--json", "--quiet", "--no-cache").out();
        assertTrue(entries().isEmpty(), "--no-cache wrote " + entries());
        String first = run("eval", model.toString(), "--json", "--quiet").out();
        assertEquals(4, entries().size(), "recursions, jet, quadrature nodes and rules: " + entries());
        String second = run("eval", model.toString(), "--json", "--quiet").out();
        assertEquals(uncached, first);
        assertEquals(uncached, second);
    }

    /**
     * Four evaluations race on an empty cache, each writing every entry (a temporary file, then an atomic move): all
     * print the uncached numbers, no temporary file is left, and a later evaluation from the cache agrees.
     */
    @Test
    void concurrentRunsShareTheCacheSafely() throws Exception {
        String expected = run("eval", model.toString(), "--json", "--quiet", "--no-cache").out();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> CliRun.of("eval", model.toString(), "--json", "--quiet").out()));
            }
            for (java.util.concurrent.Future<String> r : runs) {
                assertEquals(expected, r.get(300, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4, entries().size(), entries().toString());
        assertEquals(expected, run("eval", model.toString(), "--json", "--quiet").out());
    }

    @Test
    void damagedEntriesAreRecomputedAndRewritten() throws IOException {
        String expected = run("eval", model.toString(), "--json", "--quiet", "--no-cache").out();
        run("eval", model.toString(), "--json", "--quiet");
        List<Path> written = entries();
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (Path entry : written) {
            Files.write(entry, garbage);
        }
        assertEquals(expected, run("eval", model.toString(), "--json", "--quiet").out());
        for (Path entry : written) {
            assertFalse(java.util.Arrays.equals(garbage, Files.readAllBytes(entry)), entry + " was not rewritten");
        }
    }

    @Test
    void cachedDeriveReportEqualsTheDerivation() {
        String uncached = run("derive", model.toString(), "--no-draw", "--no-cache").out();
        String first = run("derive", model.toString(), "--no-draw").out();
        String second = run("derive", model.toString(), "--no-draw").out();
        assertEquals(uncached, first);
        assertEquals(uncached, second);
    }

    /**
     * derive --json --no-draw from the cache prints what the derivation prints, also for a second model of another
     * name that shares the cached document (the name is the one part not cached).
     */
    @Test
    void cachedDeriveJsonEqualsTheDerivation() throws IOException {
        String uncached = run("derive", model.toString(), "--no-draw", "--json", "--no-cache").out();
        assertEquals(uncached, run("derive", model.toString(), "--no-draw", "--json").out());
        assertEquals(uncached, run("derive", model.toString(), "--no-draw", "--json").out());
        Path renamed = Files.writeString(dir.resolve("renamed.fnet"), MODEL.replace("cached_tanh", "other_name"));
        assertEquals(run("derive", renamed.toString(), "--no-draw", "--json", "--no-cache").out(),
                run("derive", renamed.toString(), "--no-draw", "--json").out());
    }

    /**
     * A second {@code feynet serve} process, started after a first run filled the cache, answers /eval and /derive
     * with the command line's documents without loading any class of Symja or Janino (-verbose:class).
     */
    @Test
    void aSecondServerServesFromTheCacheWithoutSymjaOrJanino() throws Exception {
        String eval = run("eval", model.toString(), "--json", "--quiet").out().strip();
        String derive = run("derive", model.toString(), "--json", "--no-draw").out().strip();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss16m",
                "-verbose:class", "-D" + DiskCache.DIR_PROPERTY + "=" + cache, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0");
        Path err = dir.resolve("serve-err.txt");
        Process server = new ProcessBuilder(command).redirectError(err.toFile()).start();
        List<String> loaded = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CompletableFuture<Integer> port = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> { // drains the class-loading log, so that the server never blocks on it
            java.util.regex.Pattern address = java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    loaded.add(line);
                    java.util.regex.Matcher m = address.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.complete(-1);
        });
        reader.start();
        try {
            int p = port.get(120, TimeUnit.SECONDS);
            assertTrue(p > 0, "the server printed no address: " + Files.readString(err));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String body = "{\"path\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(model.toString()) + "}";
            for (String[] endpoint : new String[][] {{"/eval", eval}, {"/derive", derive}}) {
                java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + p + endpoint[0]))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals(endpoint[1], answer.body().strip(), endpoint[0]);
            }
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + p + "/shutdown"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
            reader.join(10_000);
        } finally {
            server.destroyForcibly();
        }
        List<String> classes = loaded.stream().filter(l -> l.contains("class,load")).toList();
        assertTrue(classes.size() > 100, "no class loading log");
        assertTrue(classes.stream().anyMatch(l -> l.contains("org.feynet.numerics.GaussHermiteMoments")),
                "the server did not evaluate");
        for (String line : classes) {
            assertFalse(line.contains("org.matheclipse") || line.contains("org.codehaus"), line);
        }
    }

    @Test
    void clearEmptiesTheCache() throws IOException {
        run("eval", model.toString(), "--json", "--quiet");
        assertFalse(entries().isEmpty());
        CliRun cleared = run("cache", "clear");
        assertTrue(cleared.out().startsWith("removed 4 cached files"), cleared.out());
        assertTrue(entries().isEmpty(), entries().toString());
        assertEquals(cache.toString(), run("cache", "dir").out().strip());
    }

    /**
     * With a warm cache, eval in a fresh JVM loads no class of Symja (org.matheclipse) or Janino
     * (org.codehaus.janino / commons-compiler), as -verbose:class shows, and prints the same numbers.
     */
    @Test
    void warmEvalRunsWithoutSymjaOrJanino() throws IOException, InterruptedException {
        String expected = run("eval", model.toString(), "--json", "--quiet").out();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xss16m", "-verbose:class", "-D" + DiskCache.DIR_PROPERTY + "=" + cache,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "eval", model.toString(), "--json", "--quiet"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "eval did not finish");
        assertEquals(0, process.exitValue(), Files.readString(err));
        List<String> lines = Files.readAllLines(out);
        List<String> loaded = lines.stream().filter(l -> l.contains("class,load") || l.startsWith("[Loaded")).toList();
        assertTrue(loaded.size() > 100, "no class loading log");
        for (String line : loaded) {
            assertFalse(line.contains("org.matheclipse") || line.contains("org.codehaus"), line);
        }
        String json = String.join("\n", lines.stream().filter(l -> !l.startsWith("[")).toList()).strip();
        assertEquals(expected.strip(), json);
    }
}
