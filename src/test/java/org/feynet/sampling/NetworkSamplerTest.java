package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.feynet.model.MlpModel;
import org.feynet.numerics.NumericalTrouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The metric sampler, by both methods, against exact finite-width results: the linear and ReLU single-input
 * recursions (E[G^(l)] = (Cw/c)^(l-1) K and n Var from the exact second moment, (1 + 2/n) and (1 + 5/n) per layer),
 * within {@value #SIGMAS} standard errors (a false alarm about 6e-5 per comparison).
 */
class NetworkSamplerTest {

    private static final double SIGMAS = 4;

    private static void assertWithinErrors(double expected, double sampled, double error, String what) {
        assertTrue(error > 0, what + ": standard error must be positive");
        assertTrue(Math.abs(sampled - expected) < SIGMAS * error,
                what + ": sampled " + sampled + " +- " + error + ", exact " + expected
                        + " (pull " + (sampled - expected) / error + ")");
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void linearNetMeanIsCwPowerTimesKAndVarianceGrowsAsOnePlusTwoOverN(NetworkSampler.Method method) {
        double k = 0.7;
        double cw = 1.3;
        int n = 8;
        MlpModel model = Networks.mlp(Networks.linear(), 0, cw, 5, new double[][] {{k}});
        MetricSample sample = NetworkSampler.of(model, n).method(method).networks(40_000).seed(11).progress(false).sample();
        for (int l = 2; l <= 5; l++) {
            MetricSample.Layer s = sample.layer(l);
            double mean = Math.pow(cw, l - 1) * k;
            double nVar = n * mean * mean * (Math.pow(1 + 2.0 / n, l - 1) - 1);
            assertWithinErrors(mean, s.mean()[0][0], s.meanError()[0][0], "E[G] at layer " + l);
            assertWithinErrors(nVar, s.nCov()[0][0][0][0], s.nCovError()[0][0][0][0], "n Var(G) at layer " + l);
        }
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void reluMeanIsExactAndSecondMomentGrowsAsOnePlusFiveOverN(NetworkSampler.Method method) {
        double k = 1.2;
        double cw = 2.0;
        int n = 16;
        MlpModel model = Networks.mlp(Networks.relu(), 0, cw, 4, new double[][] {{k}});
        MetricSample sample = NetworkSampler.of(model, n).method(method).networks(40_000).seed(5).progress(false).sample();
        for (int l = 2; l <= 4; l++) {
            MetricSample.Layer s = sample.layer(l);
            double mean = Math.pow(cw / 2, l - 1) * k;
            double nVar = n * mean * mean * (Math.pow(1 + 5.0 / n, l - 1) - 1);
            assertWithinErrors(mean, s.mean()[0][0], s.meanError()[0][0], "E[G] at layer " + l);
            assertWithinErrors(nVar, s.nCov()[0][0][0][0], s.nCovError()[0][0][0][0], "n Var(G) at layer " + l);
        }
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void firstLayerMetricIsReportedExactlyWithoutFluctuation(NetworkSampler.Method method) {
        double[][] k = {{1.0, 0.5}, {0.5, 0.8}};
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.5, 3, k);
        MetricSample.Layer first = NetworkSampler.of(model, 16).method(method).networks(64).progress(false).sample().layer(1);
        assertArrayEquals(k[0], first.mean()[0]);
        assertArrayEquals(k[1], first.mean()[1]);
        assertEquals(0, first.meanError()[0][1]);
        assertEquals(0, first.nCov()[0][1][0][1]);
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void rawVectorInputsGiveTheLinearMeanRecursionWithBias(NetworkSampler.Method method) {
        double cb = 0.3;
        double cw = 1.5;
        double[][] x = {{1.0, 0.0, 2.0}, {0.5, 1.5, -1.0}};
        MlpModel model = Networks.mlpOnVectors(Networks.linear(), cb, cw, 3, x);
        MetricSample sample = NetworkSampler.of(model, 16).method(method).networks(20_000).seed(3).progress(false).sample();
        double[][] expected = model.firstLayerMetric();
        for (int l = 2; l <= 3; l++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    expected[a][b] = cb + cw * expected[a][b];
                }
            }
            MetricSample.Layer s = sample.layer(l);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertWithinErrors(expected[a][b], s.mean()[a][b], s.meanError()[a][b],
                            "E[G_" + a + b + "] at layer " + l);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void equalInputsInASingularGramGiveEqualMetricEntries(NetworkSampler.Method method) {
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1.2, 3, new double[][] {{1, 1}, {1, 1}});
        MetricSample sample = NetworkSampler.of(model, 16).method(method).networks(100).progress(false).sample();
        for (MetricSample.Layer s : sample.layers()) {
            assertEquals(s.mean()[0][0], s.mean()[0][1], 1e-12);
            assertEquals(s.mean()[0][0], s.mean()[1][1], 1e-12);
        }
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void sameSeedGivesIdenticalSamplesOnOneOrTwoThreads(NetworkSampler.Method method) {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.4, 4, new double[][] {{1.0, 0.5}, {0.5, 0.8}});
        NetworkSampler sampler = NetworkSampler.of(model, 32).method(method).networks(300).batches(8).seed(42).progress(false);
        MetricSample one = sampler.threads(1).sample();
        MetricSample two = sampler.threads(2).sample();
        MetricSample other = sampler.seed(43).threads(2).sample();
        for (int l = 1; l <= 4; l++) {
            MetricSample.Layer a = one.layer(l);
            MetricSample.Layer b = two.layer(l);
            assertTrue(Arrays.deepEquals(a.mean(), b.mean()), "mean at layer " + l);
            assertTrue(Arrays.deepEquals(a.meanError(), b.meanError()), "mean error at layer " + l);
            assertTrue(Arrays.deepEquals(a.nCov(), b.nCov()), "n Cov at layer " + l);
            assertTrue(Arrays.deepEquals(a.nCovError(), b.nCovError()), "n Cov error at layer " + l);
        }
        assertFalse(Arrays.deepEquals(one.layer(4).mean(), other.layer(4).mean()));
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void explodingActivationsAreReportedAsNumericalTrouble(NetworkSampler.Method method) {
        MlpModel model = Networks.mlp(Networks.cube(), 0, 3, 40, new double[][] {{2.0}});
        NumericalTrouble e = assertThrows(NumericalTrouble.class,
                () -> NetworkSampler.of(model, 8).method(method).networks(200).progress(false).sample());
        assertTrue(e.getMessage().contains("non-finite metric"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(NetworkSampler.Method.class)
    void indefiniteGramIsRejected(NetworkSampler.Method method) {
        MlpModel model = Networks.mlp(Networks.tanh(), 0, 1, 3, new double[][] {{1, 2}, {2, 1}});
        assertThrows(NumericalTrouble.class,
                () -> NetworkSampler.of(model, 8).method(method).networks(10).progress(false).sample());
    }
}
