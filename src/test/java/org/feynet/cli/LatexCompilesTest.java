package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LaTeX documents compile with pdflatex, where one is installed (it is not needed to build feynet; .ci/run installs
 * it from Debian's packages when it is missing, so that CI always compiles them).
 */
class LatexCompilesTest {

    @TempDir
    Path dir;

    /**
     * Every bundled example's document compiles (a mean-field train file's is its DMFT derivation), except an example
     * marked as waiting for its feature.
     */
    @ParameterizedTest
    @MethodSource("bundledExamples")
    void everyBundledExampleDocumentCompiles(Path example) throws IOException, InterruptedException {
        if (BundledExamples.waiting(example)) {
            CliRun r = CliRun.of("latex", example.toString(), "-o", dir.resolve("doc.tex").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("feynet: " + example + ":"), r.err());
            assertFalse(Files.exists(dir.resolve("doc.tex")));
            return;
        }
        compiles(example.toString());
    }

    static java.util.stream.Stream<Path> bundledExamples() throws IOException {
        return BundledExamples.all().stream();
    }

    @Test
    void reluNtkDocumentWithItsScaleInvariantDiagonalCompiles() throws IOException, InterruptedException {
        Path relu = dir.resolve("ntk_relu.fnet");
        Files.writeString(relu, Files.readString(Path.of("examples/ntk_gelu.fnet"))
                .replaceAll("activation sigma\\(z\\) = .*", "activation sigma(z) = relu(z)"));
        compiles(relu.toString());
        assertTrue(Files.readString(dir.resolve("doc.tex")).contains("\\section{Scale invariance}"));
    }

    /** A linear mean-field train file of depth 3: the DMFT document with its deep-linear system written out. */
    @Test
    void linearDmftDocumentCompiles() throws IOException, InterruptedException {
        Path linear = dir.resolve("dmft_linear.fnet");
        Files.writeString(linear, Files.readString(Path.of("examples/dmft_tanh.fnet")).replace("tanh(z)", "z")
                .replace("depth L = 2", "depth L = 3"));
        compiles(linear.toString());
        assertTrue(Files.readString(dir.resolve("doc.tex")).contains("\\section{Deep linear networks: the closed system}"));
    }

    private void compiles(String model) throws IOException, InterruptedException {
        assumeTrue(Pdflatex.onPath(), "pdflatex is not installed");
        Path tex = dir.resolve("doc.tex");
        assertEquals(0, Main.execute(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(System.err), "latex", model, "-o", tex.toString()));
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex timed out");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        assertTrue(Files.size(dir.resolve("doc.pdf")) > 10_000);
    }

    /**
     * The compile test above is skipped only where pdflatex cannot run: on a machine where it runs, a skip would
     * hide a broken document, so this fails when the skip condition and reality disagree.
     */
    @Test
    void compileTestsAreNotSkippedWherePdflatexRuns() {
        assertEquals(Pdflatex.runs(), Pdflatex.onPath(),
                "pdflatex runs here but the LaTeX compile tests would be skipped (or the reverse)");
    }
}
