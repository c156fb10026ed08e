package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LaTeX documents compile with pdflatex, where one is installed (it is not needed to build feynet). */
class LatexCompilesTest {

    @TempDir
    Path dir;

    @Test
    void secondOrderDocumentWithAllItsDiagramsCompiles() throws IOException, InterruptedException {
        compiles("examples/mlp_tanh_n2.fnet");
    }

    @Test
    void theoryDocumentWithItsDiagramTablesCompiles() throws IOException, InterruptedException {
        compiles("examples/phi3_phi4.fnet");
    }

    @Test
    void ntkDocumentWithDashedNtkLinesCompiles() throws IOException, InterruptedException {
        compiles("examples/ntk_gelu.fnet");
    }

    @Test
    void reluNtkDocumentWithItsScaleInvariantDiagonalCompiles() throws IOException, InterruptedException {
        Path relu = dir.resolve("ntk_relu.fnet");
        Files.writeString(relu, Files.readString(Path.of("examples/ntk_gelu.fnet"))
                .replaceAll("activation sigma\\(z\\) = .*", "activation sigma(z) = relu(z)"));
        compiles(relu.toString());
        assertTrue(Files.readString(dir.resolve("doc.tex")).contains("\\section{Scale invariance}"));
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
