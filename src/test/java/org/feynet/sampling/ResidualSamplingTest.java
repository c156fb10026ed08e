package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.feynet.codegen.Evaluators;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.ResidualStatistics;
import org.feynet.numerics.ResidualTheory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exact O(1/n) route for residual networks against sampled networks at widths 32, 64, 128 and 256: K0, K1 and
 * V4 of R and of the metric at every layer. Each row's fit error comes from the sampled standard errors (mean: the
 * standard error of the mean; n Cov: the delta-method error of the covariance estimator), so the pulls are standard
 * normal if the prediction is right. With about 150 correlated rows per network, the largest of 150 independent
 * normal pulls exceeds 3 with probability about 1/3 and 4 with probability 1 %; the tests ask for every |pull| below
 * 4 and at most 3 % of them beyond 3 (the "3 sigma" of the issue, read over the whole table).
 */
class ResidualSamplingTest {

    private static final List<Integer> WIDTHS = List.of(32, 64, 128, 256);

    static ResidualModel model(String activation, double cb, double cw, double eps, int depth) {
        String text = "network r {\n width n\n depth L = " + depth + "\n activation sigma(z) = " + activation + "\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = " + cb + ", Cw = " + cw + "\n"
                + " input gram [[1.0, 0.5], [0.5, 0.8]]\n"
                + " z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
                + " with eps = " + eps + "\n}\n";
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    private static ResidualComparison.Result compare(ResidualModel m, int networks, long seed) {
        Map<Closure, ResidualStatistics> theories = new EnumMap<>(Closure.class);
        for (Closure c : Closure.values()) {
            theories.put(c, new ResidualTheory(m.withClosure(c)).run(Evaluators.residual(c), null));
        }
        return ResidualComparison.run(m, theories, WIDTHS, networks, seed, ResidualSampler.Mode.INCREMENTS, null);
    }

    private static void assertExactWithinErrors(ResidualComparison.Result result) {
        int beyond3 = 0;
        for (ResidualComparison.Row r : result.rows()) {
            double pull = r.pull(Closure.EXACT);
            assertTrue(Math.abs(pull) < 4, "layer " + r.layer() + " " + r.kernel() + " " + r.statistic() + r.entry()
                    + ": fit " + r.fit() + " +- " + r.error() + ", exact " + r.predictions().get(Closure.EXACT));
            if (Math.abs(pull) > 3) {
                beyond3++;
            }
        }
        assertTrue(beyond3 <= 0.03 * result.rows().size(), beyond3 + " of " + result.rows().size() + " beyond 3 sigma");
    }

    /**
     * The exact route within the errors; and the published G-only theory rejected by the same samples: its V4 is off
     * by about 100 % at the last layer (pulls in the hundreds are expected; above 20 is asked) and its K1 by about
     * 80 % (an expected largest pull near 5; above 3 is asked, which a correct prediction would reach with
     * probability about 1/3 and this one misses with a probability below 1 %).
     */
    @Test
    @Tag("slow")
    void tanhExactRouteAgreesWithSampledNetworksAndThePublishedGOnlyTheoryDoesNot() {
        ResidualComparison.Result result = compare(model("tanh(z)", 0.1, 1.5, 0.5, 6), 40000, 11);
        assertExactWithinErrors(result);
        assertTrue(result.maxAbsPull(Closure.G, "V4") > 20, "G-only V4 pull " + result.maxAbsPull(Closure.G, "V4"));
        assertTrue(result.maxAbsPull(Closure.G, "K1") > 3, "G-only K1 pull " + result.maxAbsPull(Closure.G, "K1"));
    }

    @Test
    @Tag("slow")
    void reluExactRouteAgreesWithSampledNetworks() {
        ResidualComparison.Result result = compare(model("max(0, z)", 0.1, 1.2, 0.5, 6), 40000, 12);
        assertExactWithinErrors(result);
    }

    /**
     * The conditional-increment sampler draws b + W sigma(z) from N(0, Cb + Cw G) given the layer; drawing the weights
     * gives the same law: the two agree on every mean and n Var within their combined errors (4 sigma).
     */
    @Test
    void explicitWeightsAndConditionalIncrementsAgree() {
        ResidualModel m = model("tanh(z)", 0.1, 1.5, 0.5, 3);
        ResidualSample weights = new ResidualSampler(m, ResidualSampler.Mode.WEIGHTS).sample(16, 4000, 3, null);
        ResidualSample increments = new ResidualSampler(m, ResidualSampler.Mode.INCREMENTS).sample(16, 4000, 4, null);
        for (int l = 0; l <= 3; l++) {
            for (int k = 0; k < 2; k++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = a; b < 2; b++) {
                        double d = weights.mean()[l][k][a][b] - increments.mean()[l][k][a][b];
                        double e = Math.hypot(weights.meanError()[l][k][a][b], increments.meanError()[l][k][a][b]);
                        assertTrue(Math.abs(d) < 4 * e, "mean l=" + l + " k=" + k);
                        double dv = weights.v4()[l][k][a][b][a][b] - increments.v4()[l][k][a][b][a][b];
                        double ev = Math.hypot(weights.v4Error()[l][k][a][b][a][b], increments.v4Error()[l][k][a][b][a][b]);
                        assertTrue(Math.abs(dv) < 4 * ev, "n Var l=" + l + " k=" + k);
                    }
                }
            }
        }
    }

    /**
     * Layer 0 is iid Gaussian: the sampled R^(0) has mean K and n Cov(R_ab, R_cd) = K_ac K_bd + K_ad K_bc exactly at
     * every width (a check of the sampler and of its error estimates).
     */
    @Test
    void layerZeroIsTheGaussianInput() {
        ResidualModel m = model("tanh(z)", 0.1, 1.5, 0.5, 1);
        ResidualSample s = new ResidualSampler(m, ResidualSampler.Mode.INCREMENTS).sample(32, 20000, 5, null);
        double[][] k = m.gramCopy();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(k[a][b], s.mean()[0][0][a][b], 4 * s.meanError()[0][0][a][b]);
                for (int c = 0; c < 2; c++) {
                    for (int d = 0; d < 2; d++) {
                        assertEquals(k[a][c] * k[b][d] + k[a][d] * k[b][c], s.v4()[0][0][a][b][c][d],
                                4 * s.v4Error()[0][0][a][b][c][d]);
                    }
                }
            }
        }
    }
}
