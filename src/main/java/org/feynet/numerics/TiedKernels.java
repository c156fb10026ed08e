package org.feynet.numerics;

/**
 * The infinite-width kernels of a weight-tied (recurrent) network z^(t+1) = b + W sigma(z^(t)), t = 1..T-1, with
 * z^(1) ~ N(0, K^(1)) independent of W ~ N(0, Cw/n) and b ~ N(0, Cb): the two-step kernel
 * C(t, s)_ab = lim E[R^(t,s)_ab], R^(t,s)_ab = (1/n) sum_i z^(t)_{i;a} z^(s)_{i;b}.
 *
 * <p>At infinite width the preactivations of all steps are jointly Gaussian across steps and samples, iid over
 * neurons, and since the same W_ij and b_i act at every step,
 * <pre>
 *   C(t+1, s+1)_ab = Cb + Cw &lt;sigma(u_{t;a}) sigma(u_{s;b})&gt;,   (u_{t;a}, u_{s;b}) ~ N(0, [[C(t,t)_aa, C(t,s)_ab],
 *                                                                                      [C(s,t)_ba, C(s,s)_bb]]),
 *   C(1, 1) = K^(1),   C(1, s)_ab = C(s, 1)_ba = 0 for s &gt;= 2,
 * </pre>
 * the leading saddle point of the collective-field action (the sum over j of W_ij sigma_j sigma_j' averages to
 * Cw times the Gaussian expectation; z^(1) is independent of W and b and has mean 0). The diagonal C(t, t) follows
 * the MLP's kernel map, as without tying; the off-diagonal steps are where tying shows (without it they vanish).
 * Each entry is one two-sample Gaussian expectation of the engine (for t = s and a = b, one sample).
 */
public final class TiedKernels {

    private TiedKernels() {}

    /**
     * C(t, s)_ab for t, s = 1..steps, as [t-1][s-1][a][b].
     *
     * @throws NumericalTrouble when an expectation is not finite or a covariance is not positive semidefinite
     */
    public static double[][][][] twoStep(GaussianMoments engine, double cb, double cw, double[][] first, int steps) {
        int p = first.length;
        double[][][][] c = new double[steps][steps][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                c[0][0][a][b] = first[a][b];
            }
        }
        for (int t = 1; t < steps; t++) {
            for (int s = 1; s <= t; s++) {
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        double value = cb + cw * expectation(engine, c, t - 1, s - 1, a, b);
                        c[t][s][a][b] = value;
                        c[s][t][b][a] = value;
                    }
                }
            }
        }
        return c;
    }

    /** &lt;sigma(u_{t;a}) sigma(u_{s;b})&gt; under the kernel c. */
    private static double expectation(GaussianMoments engine, double[][][][] c, int t, int s, int a, int b) {
        if (t == s && a == b) {
            return engine.expect(new double[][] {{c[t][t][a][a]}}, new int[] {2}, new int[] {0});
        }
        double[][] covariance = {{c[t][t][a][a], c[t][s][a][b]}, {c[s][t][b][a], c[s][s][b][b]}};
        return engine.expect(covariance, new int[] {1, 1}, new int[] {0, 0});
    }
}
