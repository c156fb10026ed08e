package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.junit.jupiter.api.Test;

class DntkSamplerTest {

    private static final double SIGMAS = 4.5;
    private static final double LAMBDA_B = 0.4;
    private static final double LAMBDA_W = 1.3;

    private static DntkSample sample(MlpModel model, int width, int networks, int threads, boolean ddntk) {
        return DntkSampler.of(model, width).networks(networks).batches(20).seed(11).threads(threads)
                .progress(false).learningRates(LAMBDA_B, LAMBDA_W).ddntk(ddntk).sample();
    }

    private static void assertWithinErrors(double expected, double sampled, double error, String what) {
        assertTrue(error > 0, what + ": standard error must be positive");
        assertTrue(Math.abs(sampled - expected) < SIGMAS * error, what + ": sampled " + sampled + " +- " + error
                + ", exact " + expected + " (pull " + (sampled - expected) / error + ")");
    }

    /**
     * Layer 2 of a linear network, z^(2) = b2 + W2 (b1 + W1 x), at any width n (closed forms of DntkPassTest,
     * averaged with E[W2_{km}^2] = Cw/n and E[z1_{m;a} z1_{m;b}] = K_ab): dH_{i k k} = 0, so P = 0;
     * Q_{abcd} = lambda_W Cw H1_ac K_bd; ddI = 0, so R = 0; S_{abcd} = lambda_W Cw H1_ac H1_bd;
     * T_{abcd} = lambda_W^2 H1_ad K_bc; and ddII_{i k k i} = 0, so U = 0. Layer 1 is zero throughout.
     */
    @Test
    void linearNetworkStatisticsAreExactAtLayerTwo() {
        double cb = 0.2;
        double cw = 1.5;
        double[][] k = {{1.0, 0.4}, {0.4, 0.7}};
        DntkSample s = sample(Networks.mlp(Networks.linear(), cb, cw, 2, k), 6, 4000, 2, true);
        double[][] h = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                h[a][b] = LAMBDA_B + LAMBDA_W * (k[a][b] - cb) / cw;
            }
        }
        for (Statistic stat : s.statistics()) {
            NtkSample.TensorEstimate first = s.estimate(stat, 1);
            NtkSample.TensorEstimate second = s.estimate(stat, 2);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int c = 0; c < 2; c++) {
                        for (int d = 0; d < 2; d++) {
                            String at = stat + "[" + a + b + c + d + "]";
                            assertEquals(0.0, first.value()[a][b][c][d], 0.0, at + " at layer 1");
                            assertEquals(0.0, first.error()[a][b][c][d], 0.0, at + " error at layer 1");
                            double value = second.value()[a][b][c][d];
                            double error = second.error()[a][b][c][d];
                            switch (stat.kind()) {
                                case DNTK_Q -> assertWithinErrors(LAMBDA_W * cw * h[a][c] * k[b][d], value, error, at);
                                case DDNTK_S -> assertWithinErrors(LAMBDA_W * cw * h[a][c] * h[b][d], value, error,
                                        at);
                                case DDNTK_T -> assertWithinErrors(LAMBDA_W * LAMBDA_W * h[a][d] * k[b][c], value,
                                        error, at);
                                default -> assertEquals(0.0, value, 1e-12, at + " vanishes at layer 2");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalResultsForAnyNumberOfThreads() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.6, 3, new double[][] {{1.0, 0.3}, {0.3, 0.8}});
        DntkSample one = sample(model, 5, 60, 1, true);
        DntkSample two = sample(model, 5, 60, 2, true);
        for (int l = 1; l <= 3; l++) {
            for (Statistic stat : one.statistics()) {
                NtkSample.TensorEstimate x = one.estimate(stat, l);
                NtkSample.TensorEstimate y = two.estimate(stat, l);
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        for (int c = 0; c < 2; c++) {
                            assertArrayEquals(x.value()[a][b][c], y.value()[a][b][c], 0.0);
                            assertArrayEquals(x.error()[a][b][c], y.error()[a][b][c], 0.0);
                        }
                    }
                }
            }
        }
    }

    /**
     * Equalities in expectation: P_{abcd} = P_{acbd} and S_{abcd} = S_{badc} (both hold network by network, by the
     * symmetry of the Hessian and of the inner product), and, for a gram invariant under exchanging the two samples,
     * every statistic under that relabelling of all four indices (which holds only in distribution). Two estimates
     * from the same networks differ by at most the sum of their errors in standard deviation.
     */
    @Test
    void estimatorsHaveTheSymmetriesOfTheirExpectations() {
        MlpModel model = Networks.mlp(DntkPassTest.gelu(), 0.1, 1.7, 3, new double[][] {{1.0, 0.3}, {0.3, 1.0}});
        DntkSample s = sample(model, 6, 3000, 2, true);
        for (int l = 2; l <= 3; l++) {
            NtkSample.TensorEstimate p = s.estimate(Statistic.P, l);
            NtkSample.TensorEstimate sS = s.estimate(Statistic.S, l);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int c = 0; c < 2; c++) {
                        for (int d = 0; d < 2; d++) {
                            assertAgree(p, a, b, c, d, a, c, b, d, "P at layer " + l);
                            assertAgree(sS, a, b, c, d, b, a, d, c, "S at layer " + l);
                            for (Statistic stat : s.statistics()) {
                                assertAgree(s.estimate(stat, l), a, b, c, d, 1 - a, 1 - b, 1 - c, 1 - d,
                                        stat + " relabelled at layer " + l);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertAgree(NtkSample.TensorEstimate e, int a, int b, int c, int d, int a2, int b2, int c2,
                                    int d2, String what) {
        double x = e.value()[a][b][c][d];
        double y = e.value()[a2][b2][c2][d2];
        double bound = SIGMAS * (e.error()[a][b][c][d] + e.error()[a2][b2][c2][d2]);
        assertTrue(bound > 0, what + ": errors must be positive");
        assertTrue(Math.abs(x - y) <= bound, what + " [" + a + b + c + d + "] = " + x + " vs [" + a2 + b2 + c2 + d2
                + "] = " + y + " (bound " + bound + ")");
    }

    @Test
    void aDntkOnlySampleHasNoDdntk() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.6, 3, new double[][] {{1.0, 0.3}, {0.3, 0.8}});
        DntkSample s = sample(model, 5, 40, 2, false);
        assertEquals(List.of(Statistic.P, Statistic.Q), s.statistics());
        assertFalse(s.hasDdntk());
        assertThrows(IllegalArgumentException.class, () -> s.estimate(Statistic.R, 2));
        DntkSample full = sample(model, 5, 40, 2, true);
        assertArrayEquals(full.estimate(Statistic.Q, 3).value()[1][0][1], s.estimate(Statistic.Q, 3).value()[1][0][1],
                0.0);
    }

    @Test
    void widthBelowTwoIsRefused() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.6, 3, new double[][] {{1.0}});
        assertThrows(IllegalArgumentException.class, () -> DntkSampler.of(model, 1));
    }
}
