package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feynet.lang.ModelReader;
import org.feynet.lang.SourceError;
import org.feynet.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the language and the commands: {@value #CASES} model files from {@link ModelFuzzer} (seed {@value #SEED}),
 * half generated from the grammar, half mutations of the bundled examples (one in two of those a line moved in from
 * another example). Every case is read (parse, check, lower);
 * about one in {@value #RUN_EVERY} of those that read cleanly also runs {@code eval --json} or {@code latex -o} in
 * process (small depths: the generator's depths are at most 3 unless they are absurd). Asserted of every case:
 * <ul>
 * <li>nothing but a {@link SourceError} escapes reading, and its message is one line naming file:line:col;</li>
 * <li>a command exits 0, 2 (bad input: one line {@code feynet: file:line:col: ...}) or 3 (numerical trouble, one
 *     line), never 1 (a bug);</li>
 * <li>no output, on stdout or stderr, holds NaN or Infinity;</li>
 * <li>a failed command writes nothing (no output file, nothing on stdout).</li>
 * </ul>
 * The totals are printed (stdout of the test) for the record.
 */
class FuzzTest {

    static final long SEED = 20261201L;
    static final int CASES = 4000;
    static final int RUN_EVERY = 8;
    static final int MAX_RUNS = 40;

    /** For longer exploration: -Dfeynet.fuzz.seed=S -Dfeynet.fuzz.cases=N -Dfeynet.fuzz.runs=R (defaults above). */
    private static final long seed = Long.getLong("feynet.fuzz.seed", SEED);
    private static final int cases = Integer.getInteger("feynet.fuzz.cases", CASES);
    private static final int maxRuns = Integer.getInteger("feynet.fuzz.runs", MAX_RUNS);

    private static final Pattern LOCATED = Pattern.compile("[^\\n]*:\\d+:\\d+: [^\\n]+");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("\\bNaN\\b|\\bInfinity\\b");

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void generatedAndMutatedModelsFailCleanlyAndNeverPrintNonFiniteNumbers() throws IOException {
        long start = System.nanoTime();
        ModelFuzzer fuzzer = new ModelFuzzer(seed);
        List<String> examples = new ArrayList<>();
        for (Path example : BundledExamples.all()) {
            examples.add(Files.readString(example));
        }
        Map<String, Integer> totals = new TreeMap<>();
        int runs = 0;
        for (int i = 0; i < cases; i++) {
            boolean mutant = i % 2 == 1;
            String example = examples.get(fuzzer.random().nextInt(examples.size()));
            String text = !mutant ? fuzzer.generated()
                    : i % 4 == 3 ? fuzzer.transplanted(example, examples.get(fuzzer.random().nextInt(examples.size())))
                    : fuzzer.mutated(example);
            String name = "case" + i + ".fnet";
            ModelFile model = read(name, text, totals, mutant);
            if (model == null || runs >= maxRuns || fuzzer.random().nextInt(RUN_EVERY) != 0) {
                continue;
            }
            runs++;
            run(text, model, fuzzer.random().nextBoolean(), totals);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf(java.util.Locale.ROOT, "fuzz (seed %d): %d cases in %.1f s: %s%n", seed, cases, seconds,
                totals);
        assertTrue(totals.getOrDefault("read: accepted", 0) > cases / 20, "too few cases reach the commands: " + totals);
        assertTrue(totals.getOrDefault("read: rejected", 0) > cases / 4, "too few cases are rejected: " + totals);
    }

    /** Reads a case: the model, or null after checking the one-line, located error. */
    private static ModelFile read(String name, String text, Map<String, Integer> totals, boolean mutant) {
        try {
            ModelFile model = ModelReader.parse(name, text);
            count(totals, "read: accepted");
            return model;
        } catch (SourceError e) {
            count(totals, "read: rejected");
            String message = e.getMessage();
            assertTrue(e.line() > 0 && e.column() > 0 && message.startsWith(name + ":" + e.line() + ":"),
                    "no location: " + message + "\n--- case ---\n" + text);
            assertTrue(LOCATED.matcher(message).matches(), "not one located line: " + message);
            if (!NOT_A_NUMBER.matcher(text).find()) { // else the message may echo a name NaN or Infinity
                assertFalse(NOT_A_NUMBER.matcher(message).find(), message);
            }
            return null;
        } catch (Throwable e) {
            return fail("reading " + (mutant ? "a mutated example" : "a generated model") + " threw " + e
                    + "\n--- case ---\n" + text, e);
        }
    }

    /** Runs eval --json or latex -o on a case that reads cleanly, and checks exit code, messages and outputs. */
    private void run(String text, ModelFile model, boolean latex, Map<String, Integer> totals) throws IOException {
        Path caseDir = Files.createTempDirectory(dir, "run");
        Path file = caseDir.resolve("model.fnet");
        Files.writeString(file, text);
        Path tex = caseDir.resolve("out.tex");
        String[] args = latex ? new String[] {"latex", file.toString(), "-o", tex.toString()}
                : new String[] {"eval", file.toString(), "--json", "--quiet"};
        CliRun r = CliRun.of(args);
        String command = args[0] + ": exit " + r.code();
        count(totals, command);
        String context = String.join(" ", args) + " -> " + r.code() + "\nstderr: " + r.err() + "\n--- case ---\n" + text;
        assertTrue(r.code() == 0 || r.code() == 2 || r.code() == 3, "a bug (exit " + r.code() + "): " + context);
        if (!NOT_A_NUMBER.matcher(text).find()) { // else the output may echo a name NaN or Infinity
            assertFalse(NOT_A_NUMBER.matcher(r.out()).find(), "NaN or Infinity printed: " + context);
            assertFalse(NOT_A_NUMBER.matcher(r.err()).find(), "NaN or Infinity in the message: " + context);
        }
        if (r.code() == 0) {
            return;
        }
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "not one line: " + context);
        if (r.code() == 2) {
            assertTrue(err.startsWith("feynet: " + file + ":") && LOCATED.matcher(err).matches(),
                    "exit 2 without file:line:col: " + context);
        } else {
            assertTrue(err.startsWith("feynet: numerical trouble: "), context);
        }
        assertEquals("", r.out(), "output on failure: " + context);
        assertFalse(Files.exists(tex), "a file written on failure: " + context);
        try (Stream<Path> left = Files.list(caseDir)) {
            assertEquals(List.of(file), left.toList(), "files written on failure: " + context);
        }
    }

    private static void count(Map<String, Integer> totals, String outcome) {
        totals.merge(outcome, 1, Integer::sum);
    }
}
