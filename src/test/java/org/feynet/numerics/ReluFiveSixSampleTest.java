package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Orthant probabilities P_5, P_6 (Plackett's reduction) and the five- and six-sample ReLU moments without
 * derivatives that the six-point cumulant T6 needs.
 */
class ReluFiveSixSampleTest {

    private final ReluMoments relu = new ReluMoments();

    private static double[][] equi(int d, double rho) {
        double[][] r = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                r[a][b] = a == b ? 1.0 : rho;
            }
        }
        return r;
    }

    private static int[] range(int d) {
        int[] idx = new int[d];
        for (int a = 0; a < d; a++) {
            idx[a] = a;
        }
        return idx;
    }

    private static int[] fill(int d, int v) {
        int[] out = new int[d];
        Arrays.fill(out, v);
        return out;
    }

    @Test
    void equicorrelationOneHalfGivesOneOverDPlusOne() {
        for (int d = 5; d <= 6; d++) {
            assertClose(1.0 / (d + 1), OrthantProbability.of(equi(d, 0.5), range(d)), 1e-14, 0, "P_" + d);
            assertClose(1.0 / (d + 1), relu.expect(equi(d, 0.5), fill(d, 1), fill(d, 1)), 1e-14, 0,
                "E prod theta, d = " + d);
        }
    }

    @Test
    void blockDiagonalCorrelationsFactorize() {
        double[][] a3 = {{1, 0.6, -0.4}, {0.6, 1, 0.3}, {-0.4, 0.3, 1}};
        double[][] a4 = {{1, 0.7, -0.2, 0.5}, {0.7, 1, 0.1, 0.4}, {-0.2, 0.1, 1, -0.6}, {0.5, 0.4, -0.6, 1}};
        double p2 = OrthantProbability.two(-0.8);
        double p3 = OrthantProbability.three(a3);
        double p4 = OrthantProbability.four(a4);
        double[][] a5 = blocks(new double[][] {{1, -0.8}, {-0.8, 1}}, a3);
        double p5 = OrthantProbability.of(a5, range(5));
        assertClose(p2 * p3, p5, 1e-14, 0, "P_5 = P_2 P_3");
        assertClose(p4 / 2, OrthantProbability.of(blocks(new double[][] {{1}}, a4), range(5)), 1e-14, 0,
            "P_5 = P_1 P_4");
        assertClose(p2 * p4, OrthantProbability.of(blocks(new double[][] {{1, -0.8}, {-0.8, 1}}, a4), range(6)),
            1e-13, 0, "P_6 = P_2 P_4");
        assertClose(p3 * p3, OrthantProbability.of(blocks(a3, a3), range(6)), 1e-13, 0, "P_6 = P_3 P_3");
        assertClose(p5 / 2, OrthantProbability.of(blocks(new double[][] {{1}}, a5), range(6)), 1e-13, 0,
            "P_6 = P_1 P_5");
        // a permutation of the blocks with variances other than 1
        int[] perm = {3, 0, 5, 1, 4, 2};
        double[][] b = blocks(a3, a3);
        double[][] c = new double[6][6];
        double[] sd = {0.5, 1.3, 2.0, 0.9, 1.1, 0.7};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                c[perm[i]][perm[j]] = b[i][j] * sd[perm[i]] * sd[perm[j]];
            }
        }
        assertClose(p3 * p3, OrthantProbability.of(c, range(6)), 1e-13, 0, "permuted, scaled blocks");
    }

    private static double[][] blocks(double[][] x, double[][] y) {
        int n = x.length;
        int m = y.length;
        double[][] out = new double[n + m][n + m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, out[i], 0, n);
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(y[i], 0, out[n + i], n, m);
        }
        return out;
    }

    /** P_d(rho) = int phi(x) Phi(x sqrt(rho / (1 - rho)))^d dx for rho >= 0 (one common factor). */
    @Test
    void equicorrelationMatchesOneDimensionalIntegral() {
        for (int d = 5; d <= 6; d++) {
            for (double rho : d == 5 ? new double[] {0.05, 0.3, 0.7, 0.9, 0.99, 0.999, 0.9999}
                    : new double[] {0.05, 0.3, 0.7, 0.9, 0.99, 0.999}) {
                double c = Math.sqrt(rho / (1 - rho));
                int dd = d;
                double exact = oneDimensional(x -> phi(x) * Math.pow(cdf(c * x), dd));
                assertClose(exact, OrthantProbability.of(equi(d, rho), range(d)), 1e-12, 1e-15,
                    "P_" + d + " at rho " + rho);
            }
        }
    }

    /**
     * E[prod relu(z_x)^{m_x}] for z_x = sqrt(rho) u + sqrt(1 - rho) e_x: given u the factors are independent,
     * E[relu(mu + s e)^m] = s^m M_m(mu / s), M_1(c) = c Phi(c) + phi(c), M_2(c) = (1 + c^2) Phi(c) + c phi(c).
     */
    @Test
    void equicorrelatedMomentsMatchOneDimensionalReductions() {
        int[][] powers = {{1, 1, 1, 1, 1}, {2, 1, 1, 1, 1}, {1, 1, 2, 1, 1}, {1, 1, 1, 1, 1, 1}};
        for (int[] m : powers) {
            int d = m.length;
            for (double rho : new double[] {0.1, 0.5, 0.9, 0.999}) {
                double c = Math.sqrt(rho / (1 - rho));
                double s = Math.sqrt(1 - rho);
                int total = Arrays.stream(m).sum();
                double exact = Math.pow(s, total) * oneDimensional(x -> {
                    double y = c * x;
                    double f = phi(x);
                    for (int p : m) {
                        f *= p == 1 ? y * cdf(y) + phi(y) : (1 + y * y) * cdf(y) + y * phi(y);
                    }
                    return f;
                });
                assertClose(exact, relu.expect(equi(d, rho), m, new int[d]), 1e-12, 1e-15,
                    Arrays.toString(m) + " at rho " + rho);
            }
        }
    }

    /** Five- and six-sample moments against 10^6 Monte Carlo draws (fixed seed), within five standard errors. */
    @Test
    void fiveAndSixSampleMomentsMatchMonteCarlo() {
        double[][] lower = {
            {1.0, 0, 0, 0, 0, 0},
            {0.6, 1.1, 0, 0, 0, 0},
            {-0.3, 0.4, 0.7, 0, 0, 0},
            {0.4, 0.5, -0.2, 0.9, 0, 0},
            {0.2, -0.5, 0.3, 0.1, 0.6, 0},
            {-0.1, 0.4, 0.5, -0.6, 0.35, 0.5}};
        double[][] k = new double[6][6];
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                for (int c = 0; c < 6; c++) {
                    k[a][b] += lower[a][c] * lower[b][c];
                }
            }
        }
        int[][] powers = {
            {1, 1, 1, 1, 1, 1}, {2, 1, 1, 1, 1, 0}, {1, 1, 2, 1, 1, 0}, {0, 1, 1, 1, 1, 2}, {1, 1, 1, 1, 1, 0},
            {1, 0, 1, 1, 1, 1}, {2, 0, 1, 1, 1, 1}};
        double[][] mc = ReluMonteCarlo.estimate(k, powers, 1_000_000, 20240601L);
        for (int c = 0; c < powers.length; c++) {
            double mean = mc[c][0];
            double se = mc[c][1];
            double exact = relu.expect(k, powers[c], new int[6]);
            assertTrue(Math.abs(exact - mean) <= 5 * se,
                "powers " + Arrays.toString(powers[c]) + ": exact " + exact + ", Monte Carlo " + mean + " +- " + se);
            // the same moment on the distinct samples only (zero powers dropped)
            int n = (int) Arrays.stream(powers[c]).filter(p -> p > 0).count();
            if (n < 6) {
                int[] idx = new int[n];
                int[] m = new int[n];
                for (int a = 0, f = 0; a < 6; a++) {
                    if (powers[c][a] > 0) {
                        idx[f] = a;
                        m[f++] = powers[c][a];
                    }
                }
                double[][] sub = new double[n][n];
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        sub[a][b] = k[idx[a]][idx[b]];
                    }
                }
                assertClose(exact, relu.expect(sub, m, new int[n]), 1e-13, 0, "sub-kernel " + Arrays.toString(m));
            }
        }
        // sample order does not matter
        int[] perm = {4, 2, 0, 5, 1, 3};
        double[][] kp = new double[6][6];
        int[] mp = new int[6];
        for (int a = 0; a < 6; a++) {
            mp[perm[a]] = powers[1][a];
            for (int b = 0; b < 6; b++) {
                kp[perm[a]][perm[b]] = k[a][b];
            }
        }
        assertClose(relu.expect(k, powers[1], new int[6]), relu.expect(kp, mp, new int[6]), 1e-13, 0, "permuted");
    }

    @Test
    void perfectlyCorrelatedTwinsAreMerged() {
        double[][] k5 = {
            {1.0, 0.6, -0.3, 0.4, 0.2},
            {0.6, 1.5, 0.2, 0.7, -0.3},
            {-0.3, 0.2, 0.8, -0.1, 0.3},
            {0.4, 0.7, -0.1, 1.2, 0.1},
            {0.2, -0.3, 0.3, 0.1, 0.9}};
        // sample 5 = 2 * sample 1 (correlation +1)
        double[][] k6 = new double[6][6];
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                k6[a][b] = k5[a == 5 ? 1 : a][b == 5 ? 1 : b] * (a == 5 ? 2 : 1) * (b == 5 ? 2 : 1);
            }
        }
        assertClose(2 * relu.expect(k5, new int[] {1, 2, 1, 1, 1}, new int[5]),
            relu.expect(k6, new int[] {1, 1, 1, 1, 1, 1}, new int[6]), 1e-13, 0, "twin: relu(z) relu(2z) = 2 relu(z)^2");
        assertClose(relu.expect(k5, new int[] {1, 1, 1, 1, 1}, new int[] {1, 1, 1, 1, 1}),
            relu.expect(k6, new int[] {1, 1, 1, 1, 1, 1}, new int[] {1, 1, 1, 1, 1, 1}), 1e-13, 0, "twin orthant");
        // sample 5 = -sample 1: theta(z) theta(-z) = 0
        double[][] anti = new double[6][6];
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                anti[a][b] = k5[a == 5 ? 1 : a][b == 5 ? 1 : b] * (a == 5 ? -1 : 1) * (b == 5 ? -1 : 1);
            }
        }
        assertEquals(0.0, relu.expect(anti, new int[] {1, 1, 1, 1, 1, 1}, new int[6]), "anti-twin");
    }

    @Tag("slow")
    @Test
    void degenerateInputGivesNumericalTroubleNotNaN() {
        double[][] k = equi(6, 0.3);
        // z6 = (z1 + z2) / sqrt(2 (1 + 0.3)): singular but not a twin
        double[][] s = new double[6][6];
        double norm = Math.sqrt(2 * 1.3);
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                s[a][b] = k[a][b];
            }
        }
        for (int a = 0; a < 5; a++) {
            s[a][5] = (k[a][0] + k[a][1]) / norm;
            s[5][a] = s[a][5];
        }
        s[5][5] = 1.0;
        NumericalTrouble t = assertThrows(NumericalTrouble.class, () -> relu.expect(s, fill(6, 1), deltaOnFirst(6)));
        assertTrue(t.getMessage().contains("singular") || t.getMessage().contains("vanish"), t.getMessage());
        assertTrue(Double.isFinite(relu.expect(s, fill(6, 1), new int[6])), "ridge without deltas");
        double[][] zero = equi(5, 0.2);
        for (int a = 0; a < 5; a++) {
            zero[4][a] = 0;
            zero[a][4] = 0;
        }
        assertThrows(NumericalTrouble.class, () -> relu.expect(zero, fill(5, 1), fill(5, 1)));
        assertEquals(0.0, relu.expect(zero, fill(5, 1), new int[5]), "relu(0) = 0");
        // the orthant probability itself stays finite on the singular kernel: z6 > 0 follows from z1, z2 > 0
        double p6 = OrthantProbability.of(s, range(6));
        double p5 = OrthantProbability.of(equi(5, 0.3), range(5));
        assertClose(p5, p6, 1e-8, 0, "P_6 with a redundant sample");
    }

    /** int_{-12}^{12} f, with breakpoints +-10^-k (k = 0..6) for the step of width ~1/c at the origin. */
    private static double oneDimensional(java.util.function.DoubleUnaryOperator f) {
        double sum = GaussLegendre.integrate(f, -12, -1, 1e-17) + GaussLegendre.integrate(f, 1, 12, 1e-17);
        for (int k = 0; k < 6; k++) {
            double hi = Math.pow(10, -k);
            double lo = hi / 10;
            sum += GaussLegendre.integrate(f, -hi, -lo, 1e-17) + GaussLegendre.integrate(f, lo, hi, 1e-17);
        }
        return sum + GaussLegendre.integrate(f, -1e-6, 1e-6, 1e-17);
    }

    private static double phi(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    private static double cdf(double x) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2));
    }

    private static int[] deltaOnFirst(int k) {
        int[] d = new int[k];
        d[0] = 2;
        return d;
    }
}
