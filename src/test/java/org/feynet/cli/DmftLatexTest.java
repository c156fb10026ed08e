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
 * {@code feynet latex} on a mean-field network with a train block: the DMFT derivation with the file's numbers. The
 * printed matrices are checked against the inputs (Phi^0 = x x^T / n0 computed here) and against the solver (the
 * lazy NTK (L + 1) Phi^0 of a linear network is {@code feynet dmft}'s NTK at t = 0). Printed numbers carry six
 * significant digits, so they agree to a relative 5e-6 (plus 1e-12 absolute for zeros).
 */
class DmftLatexTest {

    /** The inputs of examples/dmft_tanh.fnet, as written there. */
    private static final double[][] X = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.6, 0.8, 0.0}, {0.0, 0.6, 0.8}};

    @TempDir
    Path dir;

    private Path variant(String sigma, int depth, String time) throws IOException {
        Path file = dir.resolve("m.fnet");
        Files.writeString(file, Files.readString(Path.of("examples/dmft_tanh.fnet")).replace("tanh(z)", sigma)
                .replace("depth L = 2", "depth L = " + depth).replace("t = 0 .. 20", "t = 0 .. " + time));
        return file;
    }

    private String latex(Path model) throws IOException {
        Path tex = dir.resolve("doc.tex");
        CliRun run = CliRun.of("latex", model.toString(), "-o", tex.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("wrote " + tex, run.out().strip());
        return Files.readString(tex);
    }

    @Test
    void theDocumentStatesTheFilesNumbersAndTheGeneralDerivation() throws IOException {
        String doc = latex(Path.of("examples/dmft_tanh.fnet"));
        for (String expected : new String[] {"$L = 2$", "$\\gamma_0 = 0.5$", "$P = 4$", "$n_0 = 3$", "T = 20$",
                "\\texttt{tanh(z)}", "\\section{Generating functional and the average over the weights}",
                "\\exp\\big(n\\, S[", "\\section{Saddle-point equations}", "u^l\\sim\\mathcal{GP}(0,\\Phi^{l-1})",
                "r^l\\sim\\mathcal{GP}(0,G^{l+1})", "- \\gamma_0^2\\sum_{l=1}^{L-1}", "not linear",
                "each layer's step samples", "\\section{Deep linear networks: the closed system}",
                "y = \\begin{pmatrix}1 \\\\ -1 \\\\ 0.5 \\\\ -0.5\\end{pmatrix}"}) {
            assertTrue(doc.contains(expected), expected);
        }
        assertTrue(doc.startsWith("\\documentclass") && doc.strip().endsWith("\\end{document}"));
        assertMatrix(gram(X), matrixAfter(doc, "\\Phi^0 = \\begin{pmatrix}"));
    }

    @Test
    void aLinearFileGetsTheClosedSystemWrittenOutForItsDepth() throws IOException {
        String doc = latex(variant("z", 3, "20"));
        assertTrue(doc.contains("$L = 3$"));
        assertFalse(doc.contains("not linear"));
        assertTrue(doc.contains("solved exactly (no sampling"));
        for (String expected : new String[] {"M_{1} &= Q[\\boldsymbol\\Phi^0], & N_{1} &= \\tilde B^{1} + Q[G^{2}]",
                "M_{2} &= \\tilde A^{1} + Q[\\Phi^{1}], & N_{2} &= \\tilde B^{2} + Q[G^{3}]",
                "M_{3} &= \\tilde A^{2} + Q[\\Phi^{2}], & N_{3} &= Q[J]",
                "\\Phi^{3} &= S^h_{3}\\big(\\Phi^{2} + M_{3}\\,J\\,M_{3}^\\top\\big)S^{h\\,\\top}_{3}",
                "G^{1} &= S^z_{1}\\big(G^{2} + N_{1}\\,\\boldsymbol\\Phi^0\\,N_{1}^\\top\\big)S^{z\\,\\top}_{1}",
                "\\tilde A^{2} &= S^h_{2} M_{2}, & \\tilde B^{1} &= N_{2} S^h_{2}", "\\tilde B^{2} &= N_{3} S^h_{3}",
                "G^{1}\\odot \\boldsymbol\\Phi^0 + G^{2}\\odot \\Phi^{1} + G^{3}\\odot \\Phi^{2} + \\Phi^{3}",
                "= 0.125\\, w_{kj}"}) {
            assertTrue(doc.contains(expected), expected);
        }
        assertFalse(doc.contains("\\tilde A^{3} &="), "no layer above L = 3");
        assertFalse(doc.contains("\\tilde B^{0} &="), "no layer below 1");
        assertMatrix(scaled(gram(X), 4), matrixAfter(doc, "K(0) = (L+1)\\,\\Phi^0 = \\begin{pmatrix}"));
    }

    /** The printed lazy NTK is the one the deep-linear solver starts from: dmft's NTK at t = 0. */
    @Test
    void thePrintedLazyNtkIsTheSolversInitialNtk() throws IOException {
        Path file = variant("z", 2, "1");
        double[][] printed = matrixAfter(latex(file), "K(0) = (L+1)\\,\\Phi^0 = \\begin{pmatrix}");
        CliRun run = CliRun.of("dmft", file.toString(), "--json", "--no-gia", "--no-perturbative", "--no-time-error");
        assertEquals(0, run.code(), run.err());
        JsonNode ntk = new ObjectMapper().readTree(run.out()).get("ntk").get(0);
        double[][] solver = new double[printed.length][printed.length];
        for (int a = 0; a < printed.length; a++) {
            for (int b = 0; b < printed.length; b++) {
                solver[a][b] = ntk.get(a).get(b).asDouble();
            }
        }
        assertMatrix(solver, printed);
    }

    /** docs/dmft_derivation.tex is this writer's document for the bundled example, not a separate text. */
    @Test
    void theDocsDerivationIsTheGeneratedDocumentOfTheExample() throws IOException {
        assertEquals(latex(Path.of("examples/dmft_tanh.fnet")), Files.readString(Path.of("docs/dmft_derivation.tex")),
                "docs/dmft_derivation.tex is stale: ./feynet latex examples/dmft_tanh.fnet -o"
                        + " docs/dmft_derivation.tex");
    }

    @Test
    void brokenTrainFilesAndForeignOptionsAreRefusedInOneLine() throws IOException {
        Path file = variant("tanh(z)", 2, "0");
        Path tex = dir.resolve("out.tex");
        CliRun run = CliRun.of("latex", file.toString(), "-o", tex.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("feynet: " + file + ":16:"), run.err());
        assertTrue(run.err().contains("non-positive time 0"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(tex));
        CliRun order = CliRun.of("latex", "examples/dmft_tanh.fnet", "--order", "2", "-o", tex.toString());
        assertEquals(2, order.code());
        assertTrue(order.err().contains("do not apply to the mean-field network dmft_tanh"), order.err());
        assertFalse(Files.exists(tex));
        CliRun missing = CliRun.of("latex", "examples/dmft_tanh.fnet", "--model", "nope", "-o", tex.toString());
        assertEquals(2, missing.code());
        assertEquals("feynet: examples/dmft_tanh.fnet: no network named 'nope' (the file defines [dmft_tanh])",
                missing.err().strip());
        assertFalse(Files.exists(tex));
    }

    /** derive of a train block prints the saddle-point equations in plain text for the file's depth. */
    @Test
    void derivePrintsTheSaddlePointEquationsForTheFilesDepth() throws IOException {
        CliRun run = CliRun.of("derive", variant("z", 3, "20").toString());
        assertEquals(0, run.code(), run.err());
        for (String expected : new String[] {"L = 3, sigma(z) = z, gamma0 = 0.5, P = 4, n0 = 3, t in [0, 20]",
                "as n -> infinity, for l = 1 .. 3:", "u^l ~ GP(0, Phi^{l-1}) and r^l ~ GP(0, G^{l+1})",
                "G^4 = 1, A^0 = 0, B^3 = 0, r^3 = w(0)", "K(t) = G^1 Phi^0 + G^2 Phi^1 + G^3 Phi^2 + Phi^3",
                "Phi^0 = [0.333333, 0, 0.2, 0] [0, 0.333333, 0.266667, 0.2]", "deep-linear closed system"}) {
            assertTrue(run.out().contains(expected), expected + " in\n" + run.out());
        }
        CliRun json = CliRun.of("derive", "examples/dmft_tanh.fnet", "--json");
        assertEquals(2, json.code());
        assertTrue(json.err().contains("use dmft --json"), json.err());
        assertEquals("", json.out());
    }

    /** Inputs whose Gram overflows are numerical trouble (exit 3, one line), never printed as numbers. */
    @Test
    void anOverflowingGramIsNumericalTrouble() throws IOException {
        Path file = dir.resolve("big.fnet");
        Files.writeString(file, Files.readString(Path.of("examples/dmft_tanh.fnet")).replace("[1.0, 0.0, 0.0]",
                "[1e200, 0.0, 0.0]"));
        Path tex = dir.resolve("big.tex");
        for (String[] args : new String[][] {{"latex", file.toString(), "-o", tex.toString()},
                {"derive", file.toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(3, run.code(), run.err());
            assertTrue(run.err().startsWith("feynet: numerical trouble: the input Gram"), run.err());
            assertEquals("", run.out());
        }
        assertFalse(Files.exists(tex));
    }

    /** The defaults the document states for the solver are those of the dmft command line. */
    @Test
    void theStatedSolverDefaultsAreTheCommandsDefaults() throws IOException {
        String doc = latex(Path.of("examples/dmft_tanh.fnet"));
        String help = CliRun.of("dmft", "--help").out().replaceAll("\\s+", " ");
        String[][] pairs = {{"--steps}, default 40", "a multiple of 40 (default: 40)"},
                {"--damping}, default 0.6", "BETA <= 1 (default: 0.6)"},
                {"--population}, default 400", "(default: 400)"}, {"--replicas} (default 4)", "(default: 4)"},
                {"--anderson} differences, default 5", "0 for plain damping (default: 5)"},
                {"--responses stein}", "stein otherwise (tanh, relu at depth 1)"},
                {"--ridge} (default $3\\times 10^{-3}$)", "relative (default: 0.003)"},
                {"--tolerance} (default $10^{-6}$)", "(default: 1.0E-6)"}};
        for (String[] pair : pairs) {
            assertTrue(doc.contains(pair[0]), pair[0]);
            assertTrue(help.contains(pair[1]), pair[1] + " in " + help);
        }
        // a smooth activation with an even part gets the pathwise responses
        Path softplus = dir.resolve("softplus.fnet");
        Files.writeString(softplus, Files.readString(Path.of("examples/dmft_tanh.fnet"))
                .replace("tanh(z)", "log(1 + exp(z))"));
        String even = latex(softplus);
        assertTrue(even.contains("--responses pathwise}"));
        assertTrue(help.contains("pathwise for a smooth activation with an even part"));
        // a kinked one at depth 2 the limit of smoothed kinks
        Path relu = dir.resolve("relu.fnet");
        Files.writeString(relu, Files.readString(Path.of("examples/dmft_tanh.fnet")).replace("tanh(z)", "relu(z)"));
        String kinked = latex(relu);
        assertTrue(kinked.contains("--responses smoothed}"));
        assertTrue(help.contains("smoothed for a kinked activation at depth >= 2"));
    }

    /** x_mu . x_nu / n0, computed here from the rows as written in the file. */
    private static double[][] gram(double[][] x) {
        double[][] g = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                for (int i = 0; i < x[a].length; i++) {
                    g[a][b] += x[a][i] * x[b][i] / x[a].length;
                }
            }
        }
        return g;
    }

    private static double[][] scaled(double[][] a, double factor) {
        double[][] b = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                b[i][j] = factor * a[i][j];
            }
        }
        return b;
    }

    /** The pmatrix that follows {@code marker} in the document, parsed. */
    private static double[][] matrixAfter(String doc, String marker) {
        int start = doc.indexOf(marker);
        assertTrue(start >= 0, marker);
        start += marker.length();
        String body = doc.substring(start, doc.indexOf("\\end{pmatrix}", start));
        return java.util.Arrays.stream(body.split("\\\\\\\\"))
                .map(row -> java.util.Arrays.stream(row.split("&")).mapToDouble(c -> Double.parseDouble(c.strip()))
                        .toArray())
                .toArray(double[][]::new);
    }

    private static void assertMatrix(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int a = 0; a < expected.length; a++) {
            assertEquals(expected[a].length, actual[a].length);
            for (int b = 0; b < expected[a].length; b++) {
                assertEquals(expected[a][b], actual[a][b], 5e-6 * Math.abs(expected[a][b]) + 1e-12, a + "," + b);
            }
        }
    }
}
