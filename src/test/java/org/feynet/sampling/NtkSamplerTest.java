package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.feynet.model.Activation;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarExpr;
import org.feynet.numerics.NumericalTrouble;
import org.junit.jupiter.api.Test;

class NtkSamplerTest {

    private static final double SIGMAS = 4.5;

    private static void assertWithinErrors(double expected, double sampled, double error, String what) {
        assertTrue(error > 0, what + ": standard error must be positive");
        assertTrue(Math.abs(sampled - expected) < SIGMAS * error,
                what + ": sampled " + sampled + " +- " + error + ", exact " + expected
                        + " (pull " + (sampled - expected) / error + ")");
    }

    /** Isserlis: Cov(z_a z_b, z_c z_d) = K_ac K_bd + K_ad K_bc for z ~ N(0, K). */
    private static double wick(double[][] k, int a, int b, int c, int d) {
        return k[a][c] * k[b][d] + k[a][d] * k[b][c];
    }

    /**
     * A linear network (sigma' = 1) with first-layer metric K and first-layer NTK H1. Given layer 1, with
     * S_ab = (1/n) sum_k z_{k;a} z_{k;b} and Q_i = sum_k W_ik^2 of layer 2: Theta^(2)_{ii;ab} = lambda_b
     * + lambda_W S_ab + Q_i H1_ab and Theta^(2)_{12;ab} = (sum_k W_1k W_2k) H1_ab, so at any width n
     * ntk_same = lambda_W^2 w + 2 Cw^2 H1_ab H1_cd, ntk_other = lambda_W^2 w, ntk_metric = Cw lambda_W w,
     * ntk_off = Cw^2 H1_ab H1_cd and ntk_preactivation_off = Cw^2 H1_ab K_cd, with w = K_ac K_bd + K_ad K_bc.
     * At every layer E[Theta^(l+1)_{ii}] = lambda_b + lambda_W E[Ghat^(l)] + Cw E[Theta^(l)_{ii}] and
     * E[Ghat^(l+1)] = Cb + Cw E[Ghat^(l)].
     */
    private static void assertLinearNetworkStatisticsAreExact(NtkSample sample, double cb, double cw, double lambdaB,
                                                              double lambdaW, double[][] k, double[][] h1) {
        double[][] metric = k;
        double[][] ntk = h1;
        for (int l = 1; l <= sample.layers().size(); l++) {
            NtkSample.Layer s = sample.layer(l);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    if (l == 1) {
                        assertEquals(ntk[a][b], s.ntkMean().value()[a][b], 1e-14);
                        assertEquals(0, s.ntkMean().error()[a][b], 1e-15);
                    } else {
                        assertWithinErrors(ntk[a][b], s.ntkMean().value()[a][b], s.ntkMean().error()[a][b],
                                "E[Theta_" + a + b + "] at layer " + l);
                    }
                }
            }
            double[][] nextNtk = new double[2][2];
            double[][] nextMetric = new double[2][2];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    nextNtk[a][b] = lambdaB + lambdaW * metric[a][b] + cw * ntk[a][b];
                    nextMetric[a][b] = cb + cw * metric[a][b];
                }
            }
            ntk = nextNtk;
            metric = nextMetric;
        }
        NtkSample.Layer second = sample.layer(2);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int d = 0; d < 2; d++) {
                        double w = wick(k, a, b, c, d);
                        String at = "[" + a + b + c + d + "] at layer 2";
                        assertTensorEntry(second.ntkSame(), lambdaW * lambdaW * w
                                + 2 * cw * cw * h1[a][b] * h1[c][d], a, b, c, d, "ntk_same" + at);
                        assertTensorEntry(second.ntkOther(), lambdaW * lambdaW * w, a, b, c, d, "ntk_other" + at);
                        assertTensorEntry(second.ntkMetric(), cw * lambdaW * w, a, b, c, d, "ntk_metric" + at);
                        assertTensorEntry(second.ntkOff(), cw * cw * h1[a][b] * h1[c][d], a, b, c, d,
                                "ntk_off" + at);
                        assertTensorEntry(second.ntkPreactivationOff(), cw * cw * h1[a][b] * k[c][d], a, b, c, d,
                                "ntk_preactivation_off" + at);
                    }
                }
            }
        }
    }

    private static void assertTensorEntry(NtkSample.TensorEstimate t, double expected, int a, int b, int c, int d,
                                          String what) {
        assertWithinErrors(expected, t.value()[a][b][c][d], t.error()[a][b][c][d], what);
    }

    @Test
    void linearNetNtkStatisticsAreExactAtAnyWidthOnAGramInput() {
        double cb = 0.2;
        double cw = 1.3;
        double[][] k = {{1.0, 0.4}, {0.4, 0.7}};
        MlpModel model = Networks.mlp(Networks.linear(), cb, cw, 4, k);
        NtkSample sample = NtkSampler.of(model, 6).learningRates(0.5, 1.5).networks(40_000).seed(17)
                .progress(false).sample();
        double[][] h1 = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                h1[a][b] = 0.5 + 1.5 * (k[a][b] - cb) / cw;
            }
        }
        assertLinearNetworkStatisticsAreExact(sample, cb, cw, 0.5, 1.5, k, h1);
    }

    @Test
    void linearNetNtkStatisticsAreExactAtAnyWidthOnRawInputs() {
        double cb = 0.3;
        double cw = 0.9;
        double[][] x = {{1.0, 0.0, 2.0}, {0.5, 1.5, -1.0}};
        MlpModel model = Networks.mlpOnVectors(Networks.linear(), cb, cw, 3, x);
        NtkSample sample = NtkSampler.of(model, 5).learningRates(0.2, 1.0).networks(40_000).seed(8)
                .progress(false).sample();
        double[][] k = model.firstLayerMetric();
        double[][] h1 = {{0.2 + 5.0 / 3, 0.2 + -1.5 / 3}, {0.2 + -1.5 / 3, 0.2 + 3.5 / 3}};
        assertLinearNetworkStatisticsAreExact(sample, cb, cw, 0.2, 1.0, k, h1);
    }

    @Test
    void firstLayerHasTheDeterministicNtkOfItsInputsAndNoFluctuations() {
        double[][] k = {{1.0, 0.5}, {0.5, 0.8}};
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.5, 1, k);
        NtkSample.Layer first = NtkSampler.of(model, 8).learningRates(0.1, 1.0).networks(64).progress(false)
                .sample().layer(1);
        assertEquals(0.1 + 0.4 / 1.5, first.ntkMean().value()[0][1], 1e-15);
        assertEquals(0.1 + 0.7 / 1.5, first.ntkMean().value()[1][1], 1e-15);
        for (NtkSample.TensorEstimate t : first.fourPoint().values()) {
            assertEquals(0, t.value()[0][1][1][0]);
            assertEquals(0, t.error()[0][1][1][0]);
        }
    }

    @Test
    void linearNetWithBiasRatesOnlyHasTheSameNtkForEveryPairOfInputs() {
        MlpModel model = Networks.mlp(Networks.linear(), 0.1, 1.2, 4, new double[][] {{1.0, 0.2}, {0.2, 0.6}});
        NtkSample sample = NtkSampler.of(model, 8).learningRates(0.7, 0).networks(200).progress(false).sample();
        for (NtkSample.Layer s : sample.layers()) {
            double[][] mean = s.ntkMean().value();
            assertEquals(mean[0][0], mean[0][1], 0.0);
            assertEquals(mean[0][0], mean[1][1], 0.0);
            assertEquals(s.ntkSame().value()[0][0][0][0], s.ntkSame().value()[0][1][1][1], 0.0);
        }
    }

    @Test
    void meanNtkIsLinearInTheLearningRates() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 3, new double[][] {{1.0, 0.5}, {0.5, 0.8}});
        NtkSampler sampler = NtkSampler.of(model, 16).networks(100).seed(3).progress(false);
        NtkSample bias = sampler.learningRates(1, 0).sample();
        NtkSample weight = sampler.learningRates(0, 1).sample();
        NtkSample both = sampler.learningRates(0.3, 1.7).sample();
        for (int l = 1; l <= 3; l++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    double expected = 0.3 * bias.layer(l).ntkMean().value()[a][b]
                            + 1.7 * weight.layer(l).ntkMean().value()[a][b];
                    assertEquals(expected, both.layer(l).ntkMean().value()[a][b], 1e-12 * Math.abs(expected));
                }
            }
        }
    }

    /**
     * ReLU, one input, Cb = 0: flipping the signs of row k of W^(l) and b_k^(l) maps z_k to -z_k and leaves
     * Theta^(l)_{kk} unchanged, so E[sigma'(z_k)^2 Theta_kk] = E[Theta_kk] / 2 exactly and
     * E[Theta^(l+1)_{ii}] = lambda_b + lambda_W E[Ghat^(l+1)] / Cw + (Cw/2) E[Theta^(l)_{ii}] with
     * E[Ghat^(l)] = (Cw/2)^(l-1) K: no finite-width correction to the diagonal of the mean NTK.
     */
    @Test
    void reluMeanNtkOnOneInputHasNoFiniteWidthCorrection() {
        double k = 1.1;
        double cw = 2.0;
        MlpModel model = Networks.mlp(Networks.relu(), 0, cw, 4, new double[][] {{k}});
        NtkSample sample = NtkSampler.of(model, 4).learningRates(0.4, 1.2).networks(40_000).seed(9)
                .progress(false).sample();
        double h = 0.4 + 1.2 * k / cw;
        for (int l = 2; l <= 4; l++) {
            h = 0.4 + 1.2 * Math.pow(cw / 2, l - 1) * k / cw + cw / 2 * h;
            NtkSample.MatrixEstimate mean = sample.layer(l).ntkMean();
            assertWithinErrors(h, mean.value()[0][0], mean.error()[0][0], "E[Theta] at layer " + l);
        }
    }

    @Test
    void metricStatisticsAreThoseOfTheMetricSamplerWithTheSameSeed() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 3, new double[][] {{1.0, 0.5}, {0.5, 0.8}});
        MetricSample expected = NetworkSampler.of(model, 12).networks(200).batches(8).seed(21).progress(false)
                .sample();
        MetricSample sampled = NtkSampler.of(model, 12).networks(200).batches(8).seed(21).progress(false)
                .sample().metric();
        for (int l = 1; l <= 3; l++) {
            assertTrue(Arrays.deepEquals(expected.layer(l).mean(), sampled.layer(l).mean()), "mean at " + l);
            assertTrue(Arrays.deepEquals(expected.layer(l).nCov(), sampled.layer(l).nCov()), "n Cov at " + l);
            assertEquals(expected.layer(l).nCovError()[0][1][0][1], sampled.layer(l).nCovError()[0][1][0][1],
                    1e-12 * expected.layer(l).nCovError()[0][1][0][1]);
        }
    }

    @Test
    void sameSeedGivesIdenticalSamplesOnOneOrTwoThreads() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 4, new double[][] {{1.0, 0.5}, {0.5, 0.8}});
        NtkSampler sampler = NtkSampler.of(model, 16).learningRates(0.2, 1).networks(300).batches(8).seed(42)
                .progress(false);
        NtkSample one = sampler.threads(1).sample();
        NtkSample two = sampler.threads(2).sample();
        NtkSample other = sampler.seed(43).threads(2).sample();
        for (int l = 1; l <= 4; l++) {
            NtkSample.Layer a = one.layer(l);
            NtkSample.Layer b = two.layer(l);
            assertTrue(Arrays.deepEquals(a.ntkMean().value(), b.ntkMean().value()), "mean at layer " + l);
            assertTrue(Arrays.deepEquals(a.ntkMean().error(), b.ntkMean().error()), "mean error at layer " + l);
            for (Map.Entry<String, NtkSample.TensorEstimate> e : a.fourPoint().entrySet()) {
                NtkSample.TensorEstimate t = b.fourPoint().get(e.getKey());
                assertTrue(Arrays.deepEquals(e.getValue().value(), t.value()), e.getKey() + " at layer " + l);
                assertTrue(Arrays.deepEquals(e.getValue().error(), t.error()), e.getKey() + " error at " + l);
            }
            assertTrue(Arrays.deepEquals(a.metric().nCov(), b.metric().nCov()), "metric at layer " + l);
        }
        assertFalse(Arrays.deepEquals(one.layer(4).ntkMean().value(), other.layer(4).ntkMean().value()));
    }

    @Test
    void nonFiniteNtkIsReportedAsNumericalTrouble() {
        ScalarExpr z = new ScalarExpr.Variable("z");
        ScalarExpr rootOfAbs = new ScalarExpr.Call(ScalarExpr.Function.SQRT,
                List.of(new ScalarExpr.Call(ScalarExpr.Function.ABS, List.of(z))));
        Activation sigma = new Activation("sqrt(abs(z))", rootOfAbs, Activation.ClosedForm.NONE);
        // the second input has z = 0 exactly, where sigma is finite and sigma' is not
        MlpModel model = Networks.mlp(sigma, 0, 1, 2, new double[][] {{1, 0}, {0, 0}});
        NumericalTrouble e = assertThrows(NumericalTrouble.class,
                () -> NtkSampler.of(model, 8).networks(20).progress(false).sample());
        assertTrue(e.getMessage().contains("non-finite NTK Theta^(2)"), e.getMessage());
    }

    @Test
    void explodingActivationsAreReportedAsNumericalTrouble() {
        MlpModel model = Networks.mlp(Networks.cube(), 0, 3, 40, new double[][] {{2.0}});
        NumericalTrouble e = assertThrows(NumericalTrouble.class,
                () -> NtkSampler.of(model, 8).networks(200).progress(false).sample());
        assertTrue(e.getMessage().contains("non-finite metric"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejectedWithTheirValues() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1, 3, new double[][] {{1}});
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class, () -> NtkSampler.of(model, 1));
        assertTrue(narrow.getMessage().contains("width at least 2"), narrow.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> NtkSampler.of(model, 4).learningRates(-1, 1));
        assertTrue(rate.getMessage().contains("lambda_b = -1.0"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NtkSampler.of(model, 4).learningRates(0, Double.NaN));
    }
}
