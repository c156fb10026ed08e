package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.codegen.Evaluators;
import org.feynet.lang.ModelReader;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Test;

/**
 * The continuous-depth limit of the exact route ({@link ExactContinuousDepth}) against independent results: the
 * linear network's closed form (K1 = 0, V4 from the linear ODE of the Markov chain R), the discrete exact recursion
 * at eps = 0.4, 0.2, 0.1, 0.05 (t = L eps^2 = 0.16 fixed), which must converge to it at order one in eps^2 (the
 * error divides by 4 when eps halves), and the Richardson extrapolation of those recursions.
 */
class ExactContinuousDepthTest {

    static final double T = 0.16;
    static final double[] EPS = {0.4, 0.2, 0.1, 0.05};

    static ResidualModel model(String activation, double eps, int depth, String gram) {
        String text = "network r {\n width n\n depth L = " + depth + "\n activation sigma(z) = " + activation + "\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5\n"
                + " input gram " + gram + "\n"
                + " z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n"
                + " with eps = " + eps + "\n closure " + Closure.EXACT.keyword() + "\n}\n";
        return ModelReader.parse("t.fnet", text).residuals().get(0);
    }

    @Test
    void cubicRuleIsExactForCubicsAndOfOrderFour() {
        double[] x = {0, 0.1, 0.35, 0.4, 0.8, 1.3, 1.5};
        double[][] w = CubicQuadrature.cumulativeWeights(x);
        for (int k = 1; k < x.length; k++) {
            int degree = Math.min(3, k);
            double sum = 0;
            for (int m = 0; m <= k; m++) {
                sum += w[k][m] * Math.pow(x[m], degree);
            }
            assertEquals(Math.pow(x[k], degree + 1) / (degree + 1), sum, 1e-14, "k = " + k);
        }
        double[] errors = new double[2];
        for (int i = 0; i < 2; i++) {
            int n = 32 << i;
            double[] grid = new double[n + 1];
            for (int m = 0; m <= n; m++) {
                grid[m] = 2.0 * m / n;
            }
            double[] last = CubicQuadrature.cumulativeWeights(grid)[n];
            double sum = 0;
            for (int m = 0; m <= n; m++) {
                sum += last[m] * Math.exp(grid[m]);
            }
            errors[i] = sum - (Math.exp(2) - 1);
        }
        double ratio = errors[0] / errors[1];
        // the end intervals' one-sided cubics approach the asymptotic 16 slowly: 6.6, 12.0, 14.1 for n = 8 .. 64
        assertTrue(ratio > 12.5 && ratio < 17, "fourth order: the error divides by 16 when h halves, got " + ratio);
    }

    /**
     * sigma(z) = z: G = R is a Markov chain, K1 = 0, and V = n Cov(R_ab, R_cd) obeys dV/dt = 2 Cw V + (K_ac S_bd +
     * K_ad S_bc + K_bc S_ad + K_bd S_ac), S = Cb + Cw K = Cw Q e^(Cw t), K = Q e^(Cw t) - c, Q = K(0) + c, c = Cb/Cw:
     * V(t) = e^(2 Cw t) [V(0) + 2 Cw t (Q_ac Q_bd + Q_ad Q_bc) - c (Q_ac + Q_ad + Q_bc + Q_bd)(1 - e^(-Cw t))].
     * The metric's V4 is Cw^2 V. Few nodes suffice: every integrand is a polynomial of degree four. The grid error of
     * V4[00][00] is 1.0e-5, 6.3e-7, 3.9e-8 with 16, 32, 64 steps (order four); 64 steps leave 2e-9 relative.
     */
    @Test
    void linearNetworkMatchesTheClosedForm() {
        ResidualModel m = model("z", 0.5, 1, "[[1.0, 0.5], [0.5, 0.8]]");
        GaussianPairs integrals = new GaussianPairs(z -> z, 2, 6, 6, 6, 6);
        double t = 0.5;
        ResidualStatistics.Layer l = new ExactContinuousDepth(m, integrals).solve(new double[] {0, t}, 64, 1e-12)
                .layers().get(1);
        double cw = 1.5;
        double c = 0.1 / cw;
        double[][] k = m.gramCopy();
        double[][] q = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                q[a][b] = k[a][b] + c;
                // zero up to rounding: the sources are covariances with constants (d d d d sigma sigma = const)
                assertEquals(0, l.stream().k1()[a][b], 1e-10);
                assertEquals(0, l.metric().k1()[a][b], 1e-10);
            }
        }
        double e = Math.exp(cw * t);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int x = 0; x < 2; x++) {
                    for (int y = 0; y < 2; y++) {
                        double v0 = k[a][x] * k[b][y] + k[a][y] * k[b][x];
                        double expected = e * e * (v0 + 2 * cw * t * (q[a][x] * q[b][y] + q[a][y] * q[b][x])
                                - c * (q[a][x] + q[a][y] + q[b][x] + q[b][y]) * (1 - 1 / e));
                        assertEquals(expected, l.stream().v4()[a][b][x][y], 1e-8 * Math.abs(expected));
                        assertEquals(cw * cw * expected, l.metric().v4()[a][b][x][y], 1e-8 * cw * cw * Math.abs(expected));
                    }
                }
            }
        }
    }

    /** The grid rule converges: 16 and 32 steps agree to 1e-6 (tanh; the rule is O(h^4), the quadrature ~1e-6 h). */
    @Test
    void gridRefinementConverges() {
        ResidualModel m = model("tanh(z)", 0.4, 1, "[[1.0]]");
        ResidualStatistics.Layer coarse = new ExactContinuousDepth(m).solve(new double[] {0, T}, 16, 1e-11).layers().get(1);
        ResidualStatistics.Layer fine = new ExactContinuousDepth(m).solve(new double[] {0, T}, 32, 1e-11).layers().get(1);
        double[] a = quantities(coarse);
        double[] b = quantities(fine);
        for (int q = 0; q < a.length; q++) {
            assertEquals(b[q], a[q], 1e-6, "quantity " + q);
        }
    }

    @Test
    void tanhRecursionConvergesAtOrderEpsSquaredToTheContinuousSolution() {
        convergence("tanh(z)");
    }

    @Test
    void reluRecursionConvergesAtOrderEpsSquaredToTheContinuousSolution() {
        convergence("relu(z)");
    }

    /**
     * Two inputs (every index of the cross term, the fourth-derivative contraction and V4's off-diagonal blocks):
     * tanh, K(0) = [[1, 0.5], [0.5, 0.8]], t = 0.16, eps = 0.4, 0.2, 0.1 (L = 1, 4, 16). The errors of the metric's
     * K1[01], K1[11], V4[01][01], V4[00][11] and R's K1[01] fall by 3.3 to 4.5 per halving of eps (measured 3.58 to
     * 3.97), and the Richardson value (4 X(0.1) - X(0.2)) / 3 is within |X_R(0.2, 0.1) - X_R(0.4, 0.2)| of the
     * continuous solution (its O(eps^4) residual falls by 16 per halving; measured a fifteenth of the bound).
     */
    @Test
    void twoInputsConvergeAtOrderEpsSquared() {
        String gram = "[[1.0, 0.5], [0.5, 0.8]]";
        double[] eps = {0.4, 0.2, 0.1};
        ResidualModel base = model("tanh(z)", eps[0], 1, gram);
        double[] limit = twoInputQuantities(new ExactContinuousDepth(base).solve(new double[] {0, T}, 8, 1e-11)
                .layers().get(1));
        GaussianPairs integrals = ExactContinuousDepth.integrals(base);
        double[][] discrete = new double[eps.length][];
        for (int i = 0; i < eps.length; i++) {
            int depth = (int) Math.round(T / (eps[i] * eps[i]));
            discrete[i] = twoInputQuantities(new ResidualTheory(model("tanh(z)", eps[i], depth, gram), integrals)
                    .run(Evaluators.residual(Closure.EXACT), null).layers().get(depth));
        }
        for (int q = 0; q < limit.length; q++) {
            for (int i = 1; i < eps.length; i++) {
                double ratio = (discrete[i - 1][q] - limit[q]) / (discrete[i][q] - limit[q]);
                assertTrue(ratio > 3.3 && ratio < 4.5, "quantity " + q + " error ratio " + ratio + " at eps = " + eps[i]);
            }
            double coarse = (4 * discrete[1][q] - discrete[0][q]) / 3;
            double fine = (4 * discrete[2][q] - discrete[1][q]) / 3;
            assertEquals(fine, limit[q], Math.abs(fine - coarse), "Richardson, quantity " + q);
        }
    }

    private static double[] twoInputQuantities(ResidualStatistics.Layer l) {
        return new double[] {l.metric().k1()[0][1], l.metric().k1()[1][1], l.metric().v4()[0][1][0][1],
                l.metric().v4()[0][0][1][1], l.stream().k1()[0][1]};
    }

    /** Metric K1, metric V4, R K1, R V4 ([00] entries) of one layer. */
    private static double[] quantities(ResidualStatistics.Layer l) {
        return new double[] {l.metric().k1()[0][0], l.metric().v4()[0][0][0][0], l.stream().k1()[0][0],
                l.stream().v4()[0][0][0][0]};
    }

    /**
     * The discrete errors X(eps) - X(0) at eps = 0.4, 0.2, 0.1, 0.05 (same quadrature as the continuous solver) must
     * fall by 4 per halving of eps: X(eps) = X(0) + a eps^2 + b eps^4, so the ratio is 4 (1 + O(eps^2)); measured
     * 3.37 to 3.72 for the first pair, 3.82 to 3.98 for the second, 3.95 to 4.09 for the last. The continuous value is
     * converged in its grid to ~1e-7, below 0.1 % of the smallest discrete error (6e-5). The Richardson extrapolation
     * X_R = (4 X(eps/2) - X(eps)) / 3 has an O(eps^4) residual that falls by 16 per halving, so the continuous solution
     * must lie within |X_R(0.1, 0.05) - X_R(0.2, 0.1)| of X_R(0.1, 0.05).
     */
    private static void convergence(String activation) {
        ResidualModel base = model(activation, EPS[0], 1, "[[1.0]]");
        double[] limit = quantities(new ExactContinuousDepth(base).solve(new double[] {0, T}, 32, 1e-11).layers().get(1));
        GaussianPairs integrals = ExactContinuousDepth.integrals(base);
        double[][] discrete = new double[EPS.length][];
        for (int i = 0; i < EPS.length; i++) {
            int depth = (int) Math.round(T / (EPS[i] * EPS[i]));
            discrete[i] = quantities(new ResidualTheory(model(activation, EPS[i], depth, "[[1.0]]"), integrals)
                    .run(Evaluators.residual(Closure.EXACT), null)
                    .layers().get(depth));
        }
        for (int q = 0; q < limit.length; q++) {
            for (int i = 1; i < EPS.length; i++) {
                double ratio = (discrete[i - 1][q] - limit[q]) / (discrete[i][q] - limit[q]);
                double low = i == EPS.length - 1 ? 3.8 : 3.3;
                double high = i == EPS.length - 1 ? 4.2 : 4.5;
                assertTrue(ratio > low && ratio < high, activation + " quantity " + q + " error ratio " + ratio
                        + " at eps = " + EPS[i]);
            }
            double coarse = (4 * discrete[2][q] - discrete[1][q]) / 3;
            double fine = (4 * discrete[3][q] - discrete[2][q]) / 3;
            assertEquals(fine, limit[q], Math.abs(fine - coarse) + 1e-7, activation + " Richardson, quantity " + q);
        }
    }
}
