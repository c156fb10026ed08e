package org.feynet.cli;

import org.feynet.model.Statistic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.numerics.MetricStatistics;
import org.junit.jupiter.api.Test;

/**
 * The exact checks of docs/VALIDATION.md at order 1/n^2 for a single input. Given layer l, Ghat^(l+1) is Cw times the
 * mean of n independent copies of X = sigma(z)^2, so the moments of Ghat follow exactly from those of X:
 * E[Ghat'^2 | Ghat] = Cw^2 (mu^2 + s^2/n) and E[Ghat'^3 | Ghat] = Cw^3 (mu^3 + 3 mu s^2/n + k3/n^2) with mu, s^2, k3
 * the mean, variance and third cumulant of X. For sigma = z these are K (1, 2, 8), for ReLU K/2 (1, 5, 44) in units
 * of mu^j, so with m = l - 1 transitions
 * <pre>
 *   linear: E[G^2]/K0^2 = (1 + 2/n)^m,  E[G^3]/K0^3 = (1 + 6/n + 8/n^2)^m
 *   relu:   E[G^2]/K0^2 = (1 + 5/n)^m,  E[G^3]/K0^3 = (1 + 15/n + 44/n^2)^m
 * </pre>
 * and the mean is exact at infinite width (K1 = K2 = 0). Expanding in 1/n: n Var = K0^2 (a m + a^2 C(m,2)/n + ...),
 * so V4 = a m K0^2, V4_1 = a^2 C(m,2) K0^2; and n^2 kappa_3 -> T6 = K0^3 (c m + (b^2 - 3 a^2) C(m,2)) with
 * (a, b, c) = (2, 6, 8) or (5, 15, 44).
 */
class SecondOrderExactTest {

    /**
     * @param tolerance scales the bounds K0, K1: 1e-12, K2: 1e-11, V4, V4_1: 1e-10, T6: 1e-9 (all relative to the
     *                  powers of K0)
     */
    private static void check(String activation, double a, double b, double c, double cw, double k, double perLayer,
                              double tolerance) {
        MetricStatistics s = Pipeline.evaluate(Pipeline.parse("t.fnet",
                Models.mlp("t", activation, 0, cw, 6, new double[][] {{k}}, 2)), false);
        for (MetricStatistics.Layer l : s.layers()) {
            int m = l.layer() - 1;
            double pairs = m * (m - 1) / 2.0;
            double k0 = Math.pow(perLayer, m) * k;
            assertEquals(k0, l.get(Statistic.K0, 0, 0), tolerance * 1e-12 * k0);
            assertEquals(0.0, l.get(Statistic.K1, 0, 0), tolerance * 1e-12 * k0, activation + " K1");
            assertEquals(0.0, l.get(Statistic.K2, 0, 0), tolerance * 1e-11 * k0, activation + " K2");
            assertEquals(a * m * k0 * k0, l.get(Statistic.V4, 0, 0, 0, 0), tolerance * 1e-10 * k0 * k0, activation + " V4");
            assertEquals(a * a * pairs * k0 * k0, l.get(Statistic.V4_1, 0, 0, 0, 0), tolerance * 1e-10 * k0 * k0,
                    activation + " V4_1");
            assertEquals((c * m + (b * b - 3 * a * a) * pairs) * k0 * k0 * k0, l.get(Statistic.T6, 0, 0, 0, 0, 0, 0),
                    tolerance * 1e-9 * k0 * k0 * k0, activation + " T6 at layer " + l.layer());
        }
    }

    /**
     * sigma = z gets the exact Isserlis engine (LinearMoments), so only rounding remains (measured: K0 2e-16, V4
     * 4e-15, V4_1 8e-15, T6 6e-14 relative; K1 and K2 exactly 0; Gauss-Hermite gave up to 7e-13), so the bounds
     * are 100 times tighter than for ReLU and still a factor of 45 or more above that.
     */
    @Test
    void linearNetReproducesTheExactMomentsOfTheMetricTermByTerm() {
        check("z", 2, 6, 8, 1.3, 0.7, 1.3, 1e-2);
    }

    @Test
    void reluSingleInputHasNoSecondOrderMeanCorrectionAndFollowsTheFiveOverNLaw() {
        check("relu(z)", 5, 15, 44, 2.2, 1.1, 1.1, 1);
    }

    /**
     * With several inputs the diagonal entries of a ReLU network's metric still form the single-input chain (the
     * ReLU two-point function on the diagonal is K_aa/2 whatever the other samples do), so every diagonal statistic
     * obeys the single-input laws; this exercises the exact three-sample ReLU moments with delta factors.
     */
    @Test
    void reluWithThreeInputsKeepsTheSingleInputLawsOnTheDiagonal() {
        double[][] gram = {{1.0, 0.6, 0.2}, {0.6, 1.2, 0.5}, {0.2, 0.5, 0.9}};
        MetricStatistics s = Pipeline.evaluate(Pipeline.parse("t.fnet",
                Models.mlp("t", "relu(z)", 0, 2.0, 5, gram, 2)), false);
        for (MetricStatistics.Layer l : s.layers()) {
            int m = l.layer() - 1;
            double pairs = m * (m - 1) / 2.0;
            for (int a = 0; a < 3; a++) {
                double k0 = gram[a][a];
                assertEquals(0.0, l.get(Statistic.K2, a, a), 1e-11 * k0, "K2 diagonal");
                assertEquals(25 * pairs * k0 * k0, l.get(Statistic.V4_1, a, a, a, a), 1e-9 * k0 * k0, "V4_1 diagonal");
                assertEquals((44 * m + (225 - 75) * pairs) * k0 * k0 * k0, l.get(Statistic.T6, a, a, a, a, a, a),
                        1e-9 * k0 * k0 * k0, "T6 diagonal");
            }
        }
        assertTrue(Math.abs(s.layers().get(4).get(Statistic.K2, 0, 1)) > 1e-4, "off the diagonal K2 is not zero");
    }
}
