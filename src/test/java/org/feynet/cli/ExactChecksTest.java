package org.feynet.cli;

import org.feynet.model.Statistic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.numerics.ClosedFormKernels;
import org.feynet.sampling.QuadraticNetworkMoments;
import org.hipparchus.fraction.BigFraction;
import org.feynet.numerics.MetricStatistics;
import org.junit.jupiter.api.Test;

/** The exact checks of docs/VALIDATION.md at order 1/n, through the whole pipeline (parse, derive, codegen, eval). */
class ExactChecksTest {

    private static MetricStatistics eval(String activation, double cb, double cw, int depth, double[][] gram) {
        return Pipeline.evaluate(Pipeline.parse("test.fnet", Models.mlp("t", activation, cb, cw, depth, gram)), false);
    }

    /**
     * Tolerances for the linear nets: sigma = z gets the exact Isserlis engine (LinearMoments), so the recursions
     * carry rounding only (measured: K0 2e-16, V4 4e-15 relative, K1 exactly 0; Gauss-Hermite gave 2e-15 and 1e-14);
     * the bounds leave a factor of 25 or more above that.
     */
    private static final double LINEAR_K0 = 1e-14;
    private static final double LINEAR_V4 = 1e-13;

    @Test
    void linearNetHasNoMeanCorrectionAndItsVarianceGrowsByTwoOverNPerLayer() {
        double k = 0.7;
        double cw = 1.3;
        MetricStatistics s = eval("z", 0, cw, 6, new double[][] {{k}});
        for (MetricStatistics.Layer l : s.layers()) {
            double k0 = Math.pow(cw, l.layer() - 1) * k;
            assertEquals(k0, l.get(Statistic.K0, 0, 0), LINEAR_K0 * k0);
            assertEquals(0.0, l.get(Statistic.K1, 0, 0), LINEAR_K0 * k0);
            // E[G^2] = K0^2 (1 + 2/n)^(l-1), so n Var -> 2 (l-1) K0^2
            assertEquals(2.0 * (l.layer() - 1) * k0 * k0, l.get(Statistic.V4, 0, 0, 0, 0), LINEAR_V4 * k0 * k0);
        }
    }

    @Test
    void linearNetWithBiasFollowsTheExactFourPointRecursionForEveryComponent() {
        double cb = 0.2;
        double cw = 0.9;
        double[][] gram = {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 1.4}};
        MetricStatistics s = eval("z", cb, cw, 5, gram);
        int p = 3;
        double[][] k = gram;
        double[][][][] v = new double[p][p][p][p];
        for (MetricStatistics.Layer l : s.layers()) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    assertEquals(k[a][b], l.get(Statistic.K0, a, b), LINEAR_K0);
                    assertEquals(0.0, l.get(Statistic.K1, a, b), LINEAR_K0);
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            assertEquals(v[a][b][c][d], l.get(Statistic.V4, a, b, c, d), LINEAR_V4, "V4 at layer " + l.layer());
                        }
                    }
                }
            }
            // sigma = z: V4' = Cw^2 (K_ac K_bd + K_ad K_bc) + Cw^2 V4, K' = Cb + Cw K
            double[][][][] nextV = new double[p][p][p][p];
            double[][] nextK = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    nextK[a][b] = cb + cw * k[a][b];
                    for (int c = 0; c < p; c++) {
                        for (int d = 0; d < p; d++) {
                            nextV[a][b][c][d] = cw * cw * (k[a][c] * k[b][d] + k[a][d] * k[b][c] + v[a][b][c][d]);
                        }
                    }
                }
            }
            k = nextK;
            v = nextV;
        }
    }

    @Test
    void reluSingleInputHasExactMeanAndAFiveOverNLawPerLayer() {
        double k = 1.7;
        double cw = 2.3;
        MetricStatistics s = eval("relu(z)", 0, cw, 7, new double[][] {{k}});
        for (MetricStatistics.Layer l : s.layers()) {
            double k0 = Math.pow(cw / 2, l.layer() - 1) * k;
            assertEquals(k0, l.get(Statistic.K0, 0, 0), 1e-12 * k0);
            assertEquals(0.0, l.get(Statistic.K1, 0, 0), 1e-12 * k0);
            // E[G^2] = K0^2 (1 + 5/n)^(l-1), so n Var -> 5 (l-1) K0^2
            assertEquals(5.0 * (l.layer() - 1) * k0 * k0, l.get(Statistic.V4, 0, 0, 0, 0), 1e-10 * k0 * k0);
        }
    }

    /**
     * sigma(z) = z^2 with one input has exact finite-width moments (QuadraticNetworkMoments, no diagrams): every
     * statistic through order 1/n^2, K1 and K2 non-zero, agrees with them at every layer.
     */
    @Test
    void quadraticNetworkHasItsExactFiniteWidthStatisticsThroughSecondOrder() {
        QuadraticNetworkMoments exact = new QuadraticNetworkMoments(new BigFraction(1, 2), new BigFraction(1, 2));
        MetricStatistics s = Pipeline.evaluate(Pipeline.parse("q.fnet",
                Models.mlp("quadratic", "z^2", 0, 0.5, 4, new double[][] {{0.5}}, 2)), false);
        for (MetricStatistics.Layer l : s.layers()) {
            int layer = l.layer();
            check(exact.mean(layer, 0), l.get(Statistic.K0, 0, 0), "K0", layer);
            check(exact.mean(layer, 1), l.get(Statistic.K1, 0, 0), "K1", layer);
            check(exact.mean(layer, 2), l.get(Statistic.K2, 0, 0), "K2", layer);
            check(exact.covariance(layer, 1), l.get(Statistic.V4, 0, 0, 0, 0), "V4", layer);
            check(exact.covariance(layer, 2), l.get(Statistic.V4_1, 0, 0, 0, 0), "V4_1", layer);
            check(exact.thirdCumulant(layer, 2), l.get(Statistic.T6, 0, 0, 0, 0, 0, 0), "T6", layer);
        }
        assertTrue(Math.abs(s.layer(4).get(Statistic.K1, 0, 0)) > 0.1, "K1 at layer 4 is not small");
    }

    private static void check(double expected, double actual, String what, int layer) {
        assertEquals(expected, actual, 1e-10 * Math.max(1e-3, Math.abs(expected)), what + " at layer " + layer);
    }

    @Test
    void reluWithoutBiasHasNoMeanCorrectionOnTheDiagonalButHasOneOffIt() {
        double[][] gram = {{1.0, 0.6, 0.2}, {0.6, 1.2, 0.5}, {0.2, 0.5, 0.9}};
        MetricStatistics s = eval("relu(z)", 0, 2.0, 6, gram);
        MetricStatistics.Layer last = s.layers().get(5);
        for (int a = 0; a < 3; a++) {
            assertEquals(0.0, last.get(Statistic.K1, a, a), 1e-12, "diagonal K1");
        }
        assertTrue(Math.abs(last.get(Statistic.K1, 0, 1)) > 1e-3, "off-diagonal K1 = " + last.get(Statistic.K1, 0, 1));
    }

    @Test
    void infiniteWidthKernelsMatchTheClosedForms() {
        double[][] gram = {{1.0, 0.4}, {0.4, 0.7}};
        for (String activation : new String[] {"erf(z)", "sin(z)", "relu(z)"}) {
            MetricStatistics s = eval(activation, 0.1, 1.6, 8, gram);
            double[][] k = gram;
            for (MetricStatistics.Layer l : s.layers()) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        assertEquals(k[a][b], l.get(Statistic.K0, a, b), 1e-9 * Math.abs(k[a][b]),
                                activation + " K0 at layer " + l.layer());
                    }
                }
                double[][] next = new double[2][2];
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        next[a][b] = 0.1 + 1.6 * closedForm(activation, k[a][a], k[b][b], k[a][b]);
                    }
                }
                k = next;
            }
        }
    }

    private static double closedForm(String activation, double kaa, double kbb, double kab) {
        switch (activation) {
            case "erf(z)":
                return ClosedFormKernels.erf(kaa, kab, kbb);
            case "sin(z)":
                return ClosedFormKernels.sin(kaa, kab, kbb);
            default:
                return ClosedFormKernels.relu(kaa, kab, kbb);
        }
    }

    /** |z|^2 = z^2, so a single-input abs network has exactly the statistics of a linear one. */
    @Test
    void absoluteValueNetworkHasTheLinearNetworksSingleInputStatistics() {
        double k = 0.9;
        double cw = 1.2;
        MetricStatistics s = eval("abs(z)", 0, cw, 5, new double[][] {{k}});
        for (MetricStatistics.Layer l : s.layers()) {
            double k0 = Math.pow(cw, l.layer() - 1) * k;
            assertEquals(k0, l.get(Statistic.K0, 0, 0), 1e-12 * k0);
            assertEquals(0.0, l.get(Statistic.K1, 0, 0), 1e-12 * k0);
            assertEquals(2.0 * (l.layer() - 1) * k0 * k0, l.get(Statistic.V4, 0, 0, 0, 0), 1e-10 * k0 * k0);
        }
    }

    /** relu written as (z + |z|)/2 goes through the piecewise-linear engine and must agree with relu(z). */
    @Test
    void reluWrittenWithAbsAgreesWithRelu() {
        double[][] gram = {{1.0, 0.6, 0.2}, {0.6, 1.2, 0.5}, {0.2, 0.5, 0.9}};
        MetricStatistics relu = eval("relu(z)", 0.1, 1.8, 5, gram);
        MetricStatistics viaAbs = eval("0.5*(z + abs(z))", 0.1, 1.8, 5, gram);
        for (int l = 0; l < 5; l++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    assertEquals(relu.layers().get(l).get(Statistic.K1, a, b), viaAbs.layers().get(l).get(Statistic.K1, a, b), 1e-11);
                    assertEquals(relu.layers().get(l).get(Statistic.V4, a, b, 2, 1), viaAbs.layers().get(l).get(Statistic.V4, a, b, 2, 1), 1e-10);
                }
            }
        }
    }

    /**
     * Four inputs in two dimensions give a first-layer metric of rank 2, where the exact ReLU moments of three and
     * four samples need a ridge: the statistics must be continuous, agreeing with those of a nearby full-rank gram
     * (+1e-7 on the diagonal) to the size of the perturbation.
     */
    @Test
    void reluWithMoreInputsThanDimensionsIsContinuousInTheGram() {
        double[][] x = {{1.0, 0.0}, {0.5, 1.5}, {0.3, -0.2}, {1.0, 1.0}};
        double[][] gram = new double[4][4];
        double[][] nearby = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                gram[a][b] = x[a][0] * x[b][0] + x[a][1] * x[b][1];
                nearby[a][b] = gram[a][b] + (a == b ? 1e-7 : 0);
            }
        }
        MetricStatistics singular = eval("relu(z)", 0, 2.0, 3, gram);
        MetricStatistics regular = eval("relu(z)", 0, 2.0, 3, nearby);
        MetricStatistics.Layer s = singular.layers().get(2);
        MetricStatistics.Layer r = regular.layers().get(2);
        assertEquals(r.get(Statistic.K1, 0, 3), s.get(Statistic.K1, 0, 3), 1e-5 * Math.abs(r.get(Statistic.K1, 0, 3)));
        assertEquals(r.get(Statistic.V4, 0, 1, 2, 3), s.get(Statistic.V4, 0, 1, 2, 3), 1e-5 * Math.abs(r.get(Statistic.V4, 0, 1, 2, 3)));
        assertEquals(r.get(Statistic.V4, 0, 2, 1, 3), s.get(Statistic.V4, 0, 2, 1, 3), 1e-5 * Math.abs(r.get(Statistic.V4, 0, 2, 1, 3)));
    }
}
