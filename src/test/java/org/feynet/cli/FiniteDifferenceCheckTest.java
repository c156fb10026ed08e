package org.feynet.cli;

import org.feynet.model.Statistic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.feynet.numerics.MetricStatistics;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An independent evaluation of the O(1/n) recursions for two inputs, sharing nothing with feynet's diagrams, Price
 * factors, activation derivatives or generated code: the map from layer l to l+1 written over the three independent
 * metric entries e in {aa, ab, bb},
 * <pre>
 *   K0'_e    = Cb + Cw g_e(K0)
 *   K1'_e    = Cw [ sum_f dg_e/dK_f K1_f + 1/2 sum_{f f'} d2g_e/dK_f dK_f' V4_{f f'} ]
 *   V4'_ee'  = Cw^2 [ M_ee'(K0) - g_e g_e' + sum_{f f'} dg_e/dK_f dg_e'/dK_f' V4_{f f'} ]
 * </pre>
 * (the Taylor expansion of E[g(Ghat)] and Cov(g(Ghat)) in Delta = Ghat - K0), with g_e = E[sigma sigma] and
 * M_ee' = E[sigma sigma sigma sigma] by 2-D Gauss-Hermite quadrature on sigma itself, and kernel derivatives by
 * central finite differences (step 1e-4: truncation about 1e-8, rounding about 1e-7, see FD_ABSOLUTE).
 */
@Tag("slow")
class FiniteDifferenceCheckTest {

    private static final GaussIntegrator HERMITE = new GaussIntegratorFactory().hermite(200);
    private static final double H = 1e-4;
    /**
     * Absolute error of the finite-difference reference: rounding in a 40 000-point quadrature sum (about 1e-15
     * relative) divided by H^2 gives about 1e-7 in second kernel derivatives; changing the rule from 80 to 200
     * nodes moves the reference K1 by 6e-8.
     */
    private static final double FD_ABSOLUTE = 2e-7;

    @ParameterizedTest
    @CsvSource({"tanh(z), 0.0, 1.0", "tanh(z), 0.3, 1.7", "gelu(z), 0.1, 1.5", "swish(z), 0.05, 2.0",
            "erf(z), 0.2, 1.2", "sin(z), 0.1, 1.3", "z*z/(1+z*z), 0.2, 1.5"})
    void firstOrderRecursionsAgreeWithFiniteDifferencesOfGaussianIntegrals(String activation, double cb, double cw) {
        double[][] gram = {{1.0, 0.5}, {0.5, 0.8}};
        MetricStatistics s = Pipeline.evaluate(
                Pipeline.parse("t.fnet", Models.mlp("t", activation, cb, cw, 5, gram)), false);
        DoubleUnaryOperator sigma = reference(activation);
        double[] k0 = {gram[0][0], gram[0][1], gram[1][1]};
        double[] k1 = new double[3];
        double[][] v4 = new double[3][3];
        for (int layer = 2; layer <= 5; layer++) {
            double[] g = twoPoint(sigma, k0);
            double[][] dg = new double[3][];
            double[][][] d2g = new double[3][3][];
            for (int f = 0; f < 3; f++) {
                dg[f] = derivative(sigma, k0, f);
                for (int f2 = 0; f2 < 3; f2++) {
                    d2g[f][f2] = secondDerivative(sigma, k0, f, f2);
                }
            }
            double[] nextK1 = new double[3];
            double[][] nextV4 = new double[3][3];
            for (int e = 0; e < 3; e++) {
                double sum = 0;
                for (int f = 0; f < 3; f++) {
                    sum += dg[f][e] * k1[f];
                    for (int f2 = 0; f2 < 3; f2++) {
                        sum += 0.5 * d2g[f][f2][e] * v4[f][f2];
                    }
                }
                nextK1[e] = cw * sum;
                for (int e2 = 0; e2 < 3; e2++) {
                    double loop = 0;
                    for (int f = 0; f < 3; f++) {
                        for (int f2 = 0; f2 < 3; f2++) {
                            loop += dg[f][e] * dg[f2][e2] * v4[f][f2];
                        }
                    }
                    nextV4[e][e2] = cw * cw * (fourPoint(sigma, k0, e, e2) - g[e] * g[e2] + loop);
                }
            }
            for (int e = 0; e < 3; e++) {
                k0[e] = cb + cw * g[e];
            }
            k1 = nextK1;
            v4 = nextV4;
            MetricStatistics.Layer l = s.layers().get(layer - 1);
            int[][] pair = {{0, 0}, {0, 1}, {1, 1}};
            for (int e = 0; e < 3; e++) {
                int a = pair[e][0];
                int b = pair[e][1];
                assertEquals(k0[e], l.get(Statistic.K0, a, b), 1e-9 * Math.abs(k0[e]) + 1e-12, activation + " K0");
                assertEquals(k1[e], l.get(Statistic.K1, a, b), 2e-6 * Math.abs(k1[e]) + FD_ABSOLUTE, activation + " K1 layer " + layer);
                for (int e2 = 0; e2 < 3; e2++) {
                    int c = pair[e2][0];
                    int d = pair[e2][1];
                    assertEquals(v4[e][e2], l.get(Statistic.V4, a, b, c, d), 2e-6 * Math.abs(v4[e][e2]) + FD_ABSOLUTE,
                            activation + " V4 layer " + layer);
                }
            }
        }
    }

    private static DoubleUnaryOperator reference(String activation) {
        switch (activation) {
            case "tanh(z)":
                return Math::tanh;
            case "gelu(z)":
                return z -> 0.5 * z * (1 + org.hipparchus.special.Erf.erf(z / Math.sqrt(2)));
            case "swish(z)":
                return z -> z / (1 + Math.exp(-z));
            case "erf(z)":
                return org.hipparchus.special.Erf::erf;
            case "sin(z)":
                return Math::sin;
            default:
                return z -> z * z / (1 + z * z);
        }
    }

    /** Samples of the two sigma factors of entry e: aa, ab, bb. */
    private static final int[][] PAIRS = {{0, 0}, {0, 1}, {1, 1}};

    private static double[] twoPoint(DoubleUnaryOperator sigma, double[] k) {
        double[] g = new double[3];
        for (int e = 0; e < 3; e++) {
            int[] p = PAIRS[e];
            g[e] = expectation(k, z -> sigma.applyAsDouble(z[p[0]]) * sigma.applyAsDouble(z[p[1]]));
        }
        return g;
    }

    private static double fourPoint(DoubleUnaryOperator sigma, double[] k, int e, int e2) {
        int[] p = PAIRS[e];
        int[] q = PAIRS[e2];
        return expectation(k, z -> sigma.applyAsDouble(z[p[0]]) * sigma.applyAsDouble(z[p[1]])
                * sigma.applyAsDouble(z[q[0]]) * sigma.applyAsDouble(z[q[1]]));
    }

    private static double[] derivative(DoubleUnaryOperator sigma, double[] k, int f) {
        double[] plus = twoPoint(sigma, shifted(k, f, H));
        double[] minus = twoPoint(sigma, shifted(k, f, -H));
        double[] d = new double[3];
        for (int e = 0; e < 3; e++) {
            d[e] = (plus[e] - minus[e]) / (2 * H);
        }
        return d;
    }

    private static double[] secondDerivative(DoubleUnaryOperator sigma, double[] k, int f, int f2) {
        double[] pp = twoPoint(sigma, shifted(shifted(k, f, H), f2, H));
        double[] pm = twoPoint(sigma, shifted(shifted(k, f, H), f2, -H));
        double[] mp = twoPoint(sigma, shifted(shifted(k, f, -H), f2, H));
        double[] mm = twoPoint(sigma, shifted(shifted(k, f, -H), f2, -H));
        double[] d = new double[3];
        for (int e = 0; e < 3; e++) {
            d[e] = (pp[e] - pm[e] - mp[e] + mm[e]) / (4 * H * H);
        }
        return d;
    }

    private static double[] shifted(double[] k, int f, double h) {
        double[] out = k.clone();
        out[f] += h;
        return out;
    }

    /** E[F(z)] for z ~ N(0, [[k0, k1], [k1, k2]]) by a 2-D product Gauss-Hermite rule after a Cholesky factorisation. */
    private static double expectation(double[] k, java.util.function.ToDoubleFunction<double[]> f) {
        double l00 = Math.sqrt(k[0]);
        double l10 = k[1] / l00;
        double l11 = Math.sqrt(k[2] - l10 * l10);
        double sum = 0;
        double[] z = new double[2];
        for (int i = 0; i < HERMITE.getNumberOfPoints(); i++) {
            double u = Math.sqrt(2) * HERMITE.getPoint(i);
            for (int j = 0; j < HERMITE.getNumberOfPoints(); j++) {
                double v = Math.sqrt(2) * HERMITE.getPoint(j);
                z[0] = l00 * u;
                z[1] = l10 * u + l11 * v;
                sum += HERMITE.getWeight(i) * HERMITE.getWeight(j) * f.applyAsDouble(z);
            }
        }
        return sum / Math.PI;
    }
}
