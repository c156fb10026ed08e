package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.codegen.Evaluators;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generated residual closures (org.feynet.derive.ResidualSystem written by codegen, fed by
 * {@link ResidualMoments}) give the numbers of the direct evaluation ({@link DirectResidualClosures}), which shares
 * only the Gaussian integrals with them, for every kernel closure, three activations (a kink among them), P = 1 and 2,
 * constant and per-layer eps. Both sides sum the same products in nearly the same order, so they agree to rounding:
 * 1e-12 of each tensor's largest entry at the layer (the observed difference is about 1e-15).
 */
class GeneratedResidualClosuresTest {

    private static final double TOLERANCE = 1e-12;

    static ResidualModel model(String activation, String gram, String scales, int depth, Closure closure) {
        String scale = scales.startsWith("[") ? "eps[l]" : "eps";
        String text = "network r {\n width n\n depth L = " + depth + "\n activation sigma(z) = " + activation + "\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.4\n"
                + " input gram " + gram + "\n"
                + " z[l+1] = z[l] + " + scale + " * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
                + " with eps = " + scales + "\n closure " + closure.keyword() + "\n}\n";
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    private static final List<String> GRAMS = List.of("[[0.9]]", "[[1.0, 0.5], [0.5, 0.8]]");
    private static final List<String> SCALES = List.of("0.4", "[0.5, 0.2, 0.7]");

    @Test
    void generatedClosuresMatchTheDirectEvaluationForTanh() {
        matchesTheDirectEvaluation("tanh(z)");
    }

    @Test
    @Tag("slow")
    void generatedClosuresMatchTheDirectEvaluationForErf() {
        matchesTheDirectEvaluation("erf(z)");
    }

    @Test
    @Tag("slow")
    void generatedClosuresMatchTheDirectEvaluationForRelu() {
        matchesTheDirectEvaluation("relu(z)");
    }

    private static void matchesTheDirectEvaluation(String activation) {
        for (String gram : GRAMS) {
            for (String scales : SCALES) {
                for (Closure closure : List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM)) {
                    ResidualModel m = model(activation, gram, scales, 3, closure);
                    String where = activation + " " + gram + " eps " + scales + " closure " + closure;
                    assertSame(new DirectResidualClosures(m).run(),
                            new ResidualTheory(m).run(Evaluators.residual(closure), null), where);
                }
            }
        }
    }

    /** The layer-1 K1 of the metric is nonzero in every closure, so the comparison is not of zeros. */
    @Test
    void theComparedCorrectionsAreNotZero() {
        for (Closure closure : List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM)) {
            ResidualModel m = model("tanh(z)", GRAMS.get(1), "0.4", 2, closure);
            ResidualStatistics s = new ResidualTheory(m).run(Evaluators.residual(closure), null);
            assertTrue(Math.abs(s.layers().get(2).metric().k1()[0][1]) > 1e-4, closure + ": " + s.layers().get(2)
                    .metric().k1()[0][1]);
            assertTrue(Math.abs(s.layers().get(2).stream().v4()[0][1][0][1]) > 1e-2, closure.toString());
        }
    }

    static void assertSame(ResidualStatistics expected, ResidualStatistics actual, String where) {
        assertEquals(expected.layers().size(), actual.layers().size(), where);
        for (int l = 0; l < expected.layers().size(); l++) {
            ResidualStatistics.Layer e = expected.layers().get(l);
            ResidualStatistics.Layer a = actual.layers().get(l);
            assertKernel(e.stream(), a.stream(), where + " R at layer " + l);
            assertKernel(e.metric(), a.metric(), where + " metric at layer " + l);
        }
    }

    private static void assertKernel(ResidualStatistics.Kernel e, ResidualStatistics.Kernel a, String where) {
        assertMatrix(e.k0(), a.k0(), where + " K0");
        assertMatrix(e.k1(), a.k1(), where + " K1");
        int p = e.k0().length;
        double scale = 0;
        for (double[][][] x : e.v4()) {
            for (double[][] y : x) {
                scale = Math.max(scale, maxAbs(y));
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    for (int m = 0; m < p; m++) {
                        assertEquals(e.v4()[i][j][k][m], a.v4()[i][j][k][m], TOLERANCE * scale,
                                where + " V4 " + i + j + k + m);
                    }
                }
            }
        }
    }

    private static void assertMatrix(double[][] e, double[][] a, String where) {
        double scale = maxAbs(e);
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                assertEquals(e[i][j], a[i][j], TOLERANCE * scale, where + " " + i + j);
            }
        }
    }

    private static double maxAbs(double[][] x) {
        double m = 0;
        for (double[] row : x) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
