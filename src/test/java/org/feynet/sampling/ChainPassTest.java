package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.model.MlpModel;
import org.junit.jupiter.api.Test;

/**
 * The chain sampler against the explicit-weight sampler: both draw the same law of (Ghat^(1), ..., Ghat^(L)), so
 * on independent samples every mean and every n Cov component agrees within four combined standard errors
 * sqrt(se_chain^2 + se_explicit^2) (pulls are standard normal up to the 13% uncertainty of batch-means errors; 4
 * sigma over the 27 comparisons here gives a false alarm below 0.3%). A chain that used K instead of Ghat (no
 * fluctuation), or the wrong normalisation of Ghat, moves n Var by far more than these errors.
 */
class ChainPassTest {

    private static void assertAgree(double chain, double chainError, double explicit, double explicitError,
                                    String what) {
        double error = Math.hypot(chainError, explicitError);
        assertTrue(error > 0, what + ": no error");
        assertTrue(Math.abs(chain - explicit) < 4 * error, what + ": chain " + chain + " +- " + chainError
                + ", explicit " + explicit + " +- " + explicitError);
    }

    @Test
    void chainAndExplicitWeightsAgreeOnEveryMetricStatistic() {
        MlpModel model = Networks.mlp(Networks.tanh(), 0.1, 1.5, 4, new double[][] {{1.0, 0.4}, {0.4, 0.7}});
        int n = 12;
        MetricSample chain = NetworkSampler.of(model, n).method(NetworkSampler.Method.CHAIN).networks(20_000)
                .seed(101).progress(false).sample();
        MetricSample explicit = NetworkSampler.of(model, n).method(NetworkSampler.Method.EXPLICIT)
                .networks(20_000).seed(202).progress(false).sample();
        for (int l = 2; l <= 4; l++) {
            MetricSample.Layer c = chain.layer(l);
            MetricSample.Layer e = explicit.layer(l);
            for (int a = 0; a < 2; a++) {
                for (int b = a; b < 2; b++) {
                    assertAgree(c.mean()[a][b], c.meanError()[a][b], e.mean()[a][b], e.meanError()[a][b],
                            "E[G_" + a + b + "] at layer " + l);
                    for (int d = 0; d < 2; d++) {
                        for (int f = d; f < 2; f++) {
                            assertAgree(c.nCov()[a][b][d][f], c.nCovError()[a][b][d][f], e.nCov()[a][b][d][f],
                                    e.nCovError()[a][b][d][f], "n Cov(G_" + a + b + ", G_" + d + f + ") at " + l);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rawVectorInputsEnterTheChainThroughTheirFirstLayerMetric() {
        double[][] x = {{1.0, 0.0, 2.0}, {0.5, 1.5, -1.0}};
        MlpModel model = Networks.mlpOnVectors(Networks.tanh(), 0.2, 1.2, 3, x);
        MetricSample chain = NetworkSampler.of(model, 8).method(NetworkSampler.Method.CHAIN).networks(20_000)
                .seed(5).progress(false).sample();
        MetricSample explicit = NetworkSampler.of(model, 8).networks(20_000).seed(6).progress(false).sample();
        for (int a = 0; a < 2; a++) {
            for (int b = a; b < 2; b++) {
                MetricSample.Layer c = chain.layer(3);
                MetricSample.Layer e = explicit.layer(3);
                assertAgree(c.mean()[a][b], c.meanError()[a][b], e.mean()[a][b], e.meanError()[a][b],
                        "E[G_" + a + b + "] at layer 3");
                assertAgree(c.nCov()[a][b][a][b], c.nCovError()[a][b][a][b], e.nCov()[a][b][a][b],
                        e.nCovError()[a][b][a][b], "n Var(G_" + a + b + ") at layer 3");
            }
        }
    }
}
