package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.codegen.Evaluators;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Test;

/**
 * The published G-only theory ({@link Closure#G}) against the exact route and against an independent one-dimensional
 * quadrature: it shares the mean field; at the first layer its K1 is the one-loop tadpole of the first increment's
 * covariance fluctuation, (1/2) g''(K^1) eps^4 Cw^2 Var(sigma^2) for one input, g(K) = &lt;sigma^2&gt;_K; and that tadpole
 * (the exact route's Hessian term) is a fraction of the exact K1 that shrinks like eps^2.
 */
class PublishedClosureTest {

    static ResidualModel model(String gram, double cb, double cw, double eps, int depth, Closure closure) {
        String text = "network r {\n width n\n depth L = " + depth + "\n activation sigma(z) = tanh(z)\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = " + cb + ", Cw = " + cw + "\n"
                + " input gram " + gram + "\n"
                + " z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
                + " with eps = " + eps + "\n closure " + closure.keyword() + "\n}\n";
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    private static final String GRAM = "[[1.0, 0.5], [0.5, 0.8]]";

    @Test
    void sharesTheExactMeanFieldAndTheExactLayerZero() {
        ResidualStatistics g = new ResidualTheory(model(GRAM, 0.1, 1.5, 0.5, 4, Closure.G)).run(Evaluators.residual(Closure.G), null);
        ResidualStatistics exact = new ResidualTheory(model(GRAM, 0.1, 1.5, 0.5, 4, Closure.EXACT))
                .run(Evaluators.residual(Closure.EXACT), null);
        for (int l = 0; l <= 4; l++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(exact.layers().get(l).stream().k0()[a][b], g.layers().get(l).stream().k0()[a][b], 1e-12);
                    assertEquals(exact.layers().get(l).metric().k0()[a][b], g.layers().get(l).metric().k0()[a][b], 1e-12);
                }
            }
        }
        ResidualStatistics.Layer g0 = g.layers().get(0);
        ResidualStatistics.Layer e0 = exact.layers().get(0);
        ResidualExactChecksTest.forEach((a, b, c, d) -> {
            assertEquals(e0.metric().v4()[a][b][c][d], g0.metric().v4()[a][b][c][d], 1e-12);
            assertEquals(e0.stream().v4()[a][b][c][d], g0.stream().v4()[a][b][c][d], 1e-12);
        });
    }

    /**
     * One input, K^0 = 0.9, tanh, Cb = 0.1, Cw = 1.5, eps = 0.25. With W^1 = eps^4 Cw^2 Var_{K^0}(sigma^2) the
     * covariance fluctuation of the first increment, the metric's K1 at layer 1 is Cw (1/2) g''(K^1) W^1, and R's is 0.
     * Here g is a trapezoid rule in one dimension and g'' a central difference with step 1e-3 (truncation error
     * h^2 g''''/12, below 1e-6 relative), independent of the Hermite-polynomial derivatives the code uses. The tolerance,
     * 1e-4 relative, is the code's documented quadrature accuracy (60 Gauss–Hermite nodes for the fourth derivative:
     * the two differ by 4e-5 relative).
     */
    @Test
    void firstLayerK1IsTheTadpoleOfTheFirstIncrement() {
        double k0 = 0.9;
        double cb = 0.1;
        double cw = 1.5;
        double eps = 0.25;
        ResidualStatistics s = new ResidualTheory(model("[[0.9]]", cb, cw, eps, 2, Closure.G)).run(Evaluators.residual(Closure.G), null);
        double k1 = k0 + eps * eps * (cb + cw * moment(k0, 2));
        double variance = moment(k0, 4) - moment(k0, 2) * moment(k0, 2);
        double h = 1e-3;
        double second = (moment(k1 + h, 2) - 2 * moment(k1, 2) + moment(k1 - h, 2)) / (h * h);
        double expected = cw * 0.5 * second * Math.pow(eps, 4) * cw * cw * variance;
        assertEquals(0, s.layers().get(0).metric().k1()[0][0], 1e-15);
        assertEquals(0, s.layers().get(1).stream().k1()[0][0], 1e-15);
        assertEquals(expected, s.layers().get(1).metric().k1()[0][0], 1e-4 * Math.abs(expected));
        assertTrue(Math.abs(expected) > 1e-6, "a nonzero tadpole to compare: " + expected);
    }

    /**
     * E tanh(sqrt(k) x)^power, x ~ N(0, 1), by the trapezoid rule on [-14, 14] with 20001 points (spectrally accurate
     * for a smooth integrand with Gaussian decay; the neglected tails are below 1e-40).
     */
    private static double moment(double k, int power) {
        int points = 20001;
        double dx = 28.0 / (points - 1);
        double root = Math.sqrt(k);
        double sum = 0;
        for (int i = 0; i < points; i++) {
            double x = -14 + i * dx;
            sum += Math.pow(Math.tanh(root * x), power) * Math.exp(-0.5 * x * x);
        }
        return sum * dx / Math.sqrt(2 * Math.PI);
    }

    /**
     * The claim, checked: the Hessian term (all a Gaussian G-only theory sees at the first layer) is below 1 %
     * of the exact K1 for the bundled example's parameters (tanh, Cb = 0, Cw = 1, eps = 0.25), and, since the exact
     * route's cross term is O(eps^2) per step and the Hessian term O(eps^4), the fraction falls about fourfold when eps
     * halves (between 3.6 and 4.4: the O(eps^2) corrections to both terms are a few per cent at eps = 0.25).
     */
    @Test
    void theHessianTermIsAFractionOfTheExactFirstLayerK1ThatShrinksLikeEpsSquared() {
        double[] fraction = new double[2];
        double[] scales = {0.25, 0.125};
        for (int i = 0; i < 2; i++) {
            ResidualStatistics.Layer g = new ResidualTheory(model(GRAM, 0, 1, scales[i], 1, Closure.G)).run(Evaluators.residual(Closure.G), null)
                    .layers().get(1);
            ResidualStatistics.Layer exact = new ResidualTheory(model(GRAM, 0, 1, scales[i], 1, Closure.EXACT)).run(Evaluators.residual(Closure.EXACT), null)
                    .layers().get(1);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    double ratio = g.metric().k1()[a][b] / exact.metric().k1()[a][b];
                    assertTrue(ratio > 0 && ratio < 0.01, "eps " + scales[i] + " [" + a + b + "]: " + ratio);
                }
            }
            fraction[i] = g.metric().k1()[0][0] / exact.metric().k1()[0][0];
        }
        double fall = fraction[0] / fraction[1];
        assertTrue(fall > 3.6 && fall < 4.4, "fraction " + fraction[0] + " at eps 0.25, " + fraction[1] + " at 0.125");
    }
}
