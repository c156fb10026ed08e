package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ReLU moments with delta-function factors (derivative order above the power) on three and four samples. */
class ReluDeltaMomentsTest {

    private final ReluMoments relu = new ReluMoments();

    private double e(double[][] k, int[] m, int[] d) {
        return relu.expect(k, m, d);
    }

    /**
     * Random kernels: correlation matrices normalized from A A^T, kept when every |r| <= 0.9, some |r| >= 0.6
     * and the smallest eigenvalue of R is at least 0.05, then scaled by variances in [0.5, 2].
     */
    private static List<double[][]> kernels(int n, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        while (out.size() < count) {
            double[][] a = new double[n][n];
            for (double[] row : a) {
                for (int j = 0; j < n; j++) {
                    row[j] = rnd.nextDouble(-1, 1);
                }
            }
            double[][] s = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int t = 0; t < n; t++) {
                        s[i][j] += a[i][t] * a[j][t];
                    }
                }
            }
            double maxR = 0;
            double[][] r = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] = s[i][j] / Math.sqrt(s[i][i] * s[j][j]);
                    if (i != j) {
                        maxR = Math.max(maxR, Math.abs(r[i][j]));
                    }
                }
            }
            if (maxR > 0.9 || maxR < 0.6 || minEigenvalue(r) < 0.05) {
                continue;
            }
            double[] sd = new double[n];
            for (int i = 0; i < n; i++) {
                sd[i] = Math.sqrt(rnd.nextDouble(0.5, 2.0));
            }
            double[][] k = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    k[i][j] = sd[i] * sd[j] * r[i][j];
                }
            }
            out.add(k);
        }
        return out;
    }

    private static double minEigenvalue(double[][] m) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : new org.hipparchus.linear.EigenDecompositionSymmetric(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(m)).getEigenvalues()) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** 4-point central difference of E_K[...] in the entry K_ab (= K_ba), step h. */
    private double dK(double[][] k, int[] m, int[] d, int a, int b, double h) {
        double[] c = {-2, -1, 1, 2};
        double[] w = {1, -8, 8, -1};
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double[][] kk = new double[k.length][];
            for (int r = 0; r < k.length; r++) {
                kk[r] = k[r].clone();
            }
            kk[a][b] += c[i] * h;
            if (a != b) {
                kk[b][a] += c[i] * h;
            }
            s += w[i] * e(kk, m, d);
        }
        return s / (12 * h);
    }

    /**
     * Price's theorem: E_K[d_a d_b F] = (1 + delta_ab) dE_K[F]/dK_ab. Each case adds d_a d_b to a lower
     * derivative vector; many lower cases have no delta factor (truncated moments, exact before this
     * extension), the rest are themselves delta cases (a chain). Step h = 2e-4 against eigenvalues >= 0.025
     * of K: the 4-point truncation error h^4 f^(5) / 30 ~ (h / lambda_min)^4 is about 1e-9 relative (observed
     * at most 1.2e-9), rounding (1e-15 absolute in the orthant probabilities) gives 1e-15 / h ~ 1e-11;
     * tolerance 1e-7 relative, 1e-9 absolute.
     */
    @Test
    void deltaMomentsAreKernelDerivativesOfLowerOnes() {
        // {m..., lower d..., a, b}
        int[][] three = {
            {1, 1, 1, 0, 0, 0, 0, 0},   // E[delta relu relu] = 2 d/dK11 E[relu relu relu]
            {1, 1, 1, 1, 0, 0, 0, 1},   // E[delta theta relu] ... d/dK12
            {1, 1, 1, 1, 1, 0, 0, 1},   // E[delta delta relu]
            {1, 1, 1, 1, 1, 1, 0, 1},   // E[delta delta theta]
            {2, 1, 1, 1, 0, 0, 0, 0},   // (relu^2)''' = 2 delta
            {2, 1, 1, 2, 1, 1, 0, 0},
            {2, 2, 2, 2, 2, 1, 1, 2},
            {3, 1, 1, 3, 0, 1, 0, 0},
            {1, 2, 3, 1, 2, 3, 0, 2},
            {1, 1, 1, 2, 1, 0, 0, 1},   // chain: lower d = (2,1,0) is a delta case
            {1, 1, 2, 2, 1, 2, 1, 1},   // chain
            {1, 1, 1, 3, 1, 1, 0, 2},   // chain, orders up to 8 in total
            {2, 1, 1, 3, 2, 0, 1, 2},   // chain
        };
        int[][] four = {
            {1, 1, 1, 1, 0, 0, 0, 0, 0, 0},   // E[delta relu relu relu]
            {1, 1, 1, 1, 1, 1, 0, 0, 0, 1},   // E[delta delta relu relu]
            {1, 1, 1, 1, 1, 1, 1, 1, 2, 3},   // E[theta theta delta delta]
            {2, 1, 1, 1, 1, 1, 1, 0, 0, 0},
            {1, 2, 1, 2, 1, 2, 1, 1, 2, 3},
            {3, 1, 1, 1, 2, 0, 1, 1, 1, 2},
            {1, 1, 1, 1, 2, 1, 1, 1, 2, 3},   // chain
            {1, 1, 1, 1, 2, 2, 0, 0, 0, 0},   // chain: <d_a d_a (relu_a relu_b relu_c relu_d)> type
            {2, 1, 1, 1, 3, 2, 1, 0, 0, 1},   // chain
            {1, 1, 2, 2, 2, 2, 1, 1, 2, 2},   // chain, orders 8 in total
        };
        check(three, 3, kernels(3, 4, 11L));
        check(four, 4, kernels(4, 3, 12L));
    }

    private void check(int[][] cases, int n, List<double[][]> kernels) {
        for (double[][] k : kernels) {
            for (int[] c : cases) {
                int[] m = Arrays.copyOfRange(c, 0, n);
                int[] lower = Arrays.copyOfRange(c, n, 2 * n);
                int a = c[2 * n];
                int b = c[2 * n + 1];
                int[] upper = lower.clone();
                upper[a]++;
                upper[b]++;
                boolean delta = false;
                for (int x = 0; x < n; x++) {
                    delta |= upper[x] > m[x];
                }
                assertTrue(delta, "case without a delta factor: " + Arrays.toString(c));
                double fd = (a == b ? 2 : 1) * dK(k, m, lower, a, b, 2e-4);
                assertClose(fd, e(k, m, upper), 1e-7, 1e-9,
                    "m=" + Arrays.toString(m) + " d=" + Arrays.toString(upper) + " K=" + Arrays.deepToString(k));
            }
        }
    }

    /**
     * One-factor kernels K = diag(D) + v v^T: z_i = v_i x + sqrt(D_i) g_i, so given x the samples are
     * independent and E = int phi(x) prod_i E[f_i(z_i) | x] dx, with, for z ~ N(c, s^2) and u = c / s,
     * E[z^a theta(z)] = s^a sum_l C(a, l) u^{a-l} I_l(u), I_l = int_{-u}^inf g^l phi(g) dg
     * (I_0 = Phi(u), I_1 = phi(u), I_l = (-u)^{l-1} phi(u) + (l - 1) I_{l-2}), and
     * E[delta^(k)(z)] = s^{-k-1} He_k(-u) phi(u). The 1-D integral by adaptive Gauss-Legendre on [-12, 12]
     * (absolute tolerance 1e-15). Equicorrelation (v_i equal, D_i equal) is the symmetric special case.
     */
    @Test
    void oneFactorKernelsMatchOneDimensionalIntegrals() {
        double[][] vs = {{1.2, -0.9, 0.8, 1.0}, {0.9487, 0.9487, 0.9487, 0.9487}, {0.5, 1.1, -0.7, 0.3}};
        double[][] ds = {{0.3, 0.2, 0.5, 0.12}, {0.1, 0.1, 0.1, 0.1}, {0.4, 0.25, 0.6, 0.8}};
        int[][] cases = {
            {1, 1, 1, 1, 2, 0, 0, 0},
            {1, 1, 1, 1, 2, 2, 0, 0},
            {1, 1, 1, 1, 2, 2, 2, 2},
            {1, 1, 1, 1, 3, 2, 1, 0},
            {1, 1, 1, 1, 4, 1, 1, 0},
            {2, 1, 1, 1, 3, 1, 0, 0},
            {2, 2, 1, 1, 3, 3, 0, 1},
            {1, 2, 1, 2, 3, 1, 2, 2},
            {3, 1, 1, 1, 6, 0, 1, 1},
            {1, 1, 2, 2, 1, 3, 2, 2},
            {1, 1, 1, 0, 2, 0, 0, 0},
            {1, 2, 3, 0, 3, 2, 1, 0},
            {2, 1, 1, 0, 5, 2, 1, 0},
            {1, 1, 1, 0, 2, 2, 2, 0},
            {1, 1, 1, 0, 4, 3, 1, 0},
        };
        for (int t = 0; t < vs.length; t++) {
            double[] v = vs[t];
            double[] dd = ds[t];
            double[][] k = new double[4][4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    k[i][j] = v[i] * v[j] + (i == j ? dd[i] : 0);
                }
            }
            for (int[] c : cases) {
                int[] m = Arrays.copyOfRange(c, 0, 4);
                int[] d = Arrays.copyOfRange(c, 4, 8);
                double ref = GaussLegendre.integrate(x -> {
                    double p = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
                    for (int i = 0; i < 4; i++) {
                        p *= conditional(m[i], d[i], v[i] * x, Math.sqrt(dd[i]));
                    }
                    return p;
                }, -12, 12, 1e-15);
                assertClose(ref, e(k, m, d), 1e-11, 1e-13,
                    "kernel " + t + " m=" + Arrays.toString(m) + " d=" + Arrays.toString(d));
            }
        }
    }

    /** E[(d/dz)^d relu(z)^m] for z ~ N(c, s^2). */
    private static double conditional(int m, int d, double c, double s) {
        if (m == 0) {
            return d == 0 ? 1 : 0;
        }
        double u = c / s;
        double phi = Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        if (d > m) {
            int k = d - m - 1;
            double h0 = 1;
            double h1 = -u;
            for (int i = 1; i < k; i++) {
                double h2 = -u * h1 - i * h0;
                h0 = h1;
                h1 = h2;
            }
            double he = k == 0 ? 1 : h1;
            return ReluMoments.factorial(m) * Math.pow(s, -k - 1) * he * phi;
        }
        int a = m - d;
        double[] in = new double[a + 1];
        in[0] = 0.5 * org.hipparchus.special.Erf.erfc(-u / Math.sqrt(2));
        if (a >= 1) {
            in[1] = phi;
        }
        for (int l = 2; l <= a; l++) {
            in[l] = Math.pow(-u, l - 1) * phi + (l - 1) * in[l - 2];
        }
        double sum = 0;
        double binom = 1;
        for (int l = 0; l <= a; l++) {
            sum += binom * Math.pow(u, a - l) * in[l];
            binom = binom * (a - l) / (l + 1);
        }
        return ReluMoments.factorial(m) / ReluMoments.factorial(a) * Math.pow(s, a) * sum;
    }

    /** The conditioning route reproduces the closed two-sample formulas (delta-polynomial, delta-delta). */
    @Test
    void conditioningAgreesWithTheTwoSampleFormulas() {
        double[][][] ks = {{{1.1, 0.45}, {0.45, 0.8}}, {{0.7, -1.1}, {-1.1, 2.3}}, {{2.0, 0.0}, {0.0, 0.5}},
            {{1.0, 0.89}, {0.89, 1.0}}};
        int count = 0;
        for (double[][] k : ks) {
            for (int m1 = 0; m1 <= 3; m1++) {
                for (int m2 = 1; m2 <= 3; m2++) {
                    for (int d1 = 0; d1 <= 8; d1++) {
                        for (int d2 = 0; d2 <= 8; d2++) {
                            int[] m = {m1, m2};
                            int[] d = {d1, d2};
                            double closed = e(k, m, d);
                            double conditioned = ReluMoments.expect(k, m, d, true);
                            assertClose(closed, conditioned, 1e-12, 1e-14,
                                "m=" + Arrays.toString(m) + " d=" + Arrays.toString(d) + " K=" + Arrays.deepToString(k));
                            if (d1 > m1 && m1 > 0 || d2 > m2) {
                                count++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(count > 500, "delta cases compared: " + count);
    }

    /** Relabelling the samples changes which delta factor is conditioned on first, not the value. */
    @Test
    void resultsDoNotDependOnTheSampleOrder() {
        double[][] k = kernels(4, 1, 13L).get(0);
        int[][][] cases = {
            {{1, 1, 1, 1}, {3, 3, 2, 0}},
            {{1, 2, 1, 1}, {2, 4, 2, 0}},
            {{1, 1, 1, 2}, {2, 2, 2, 2}},
            {{2, 1, 1, 1}, {4, 2, 0, 2}},
        };
        int[][] perms = {{1, 0, 2, 3}, {3, 2, 1, 0}, {2, 3, 0, 1}, {1, 3, 0, 2}};
        for (int[][] c : cases) {
            double ref = e(k, c[0], c[1]);
            for (int[] p : perms) {
                double[][] kp = new double[4][4];
                int[] mp = new int[4];
                int[] dp = new int[4];
                for (int i = 0; i < 4; i++) {
                    mp[i] = c[0][p[i]];
                    dp[i] = c[1][p[i]];
                    for (int j = 0; j < 4; j++) {
                        kp[i][j] = k[p[i]][p[j]];
                    }
                }
                assertClose(ref, e(kp, mp, dp), 1e-12, 1e-14,
                    "m=" + Arrays.toString(c[0]) + " d=" + Arrays.toString(c[1]) + " perm " + Arrays.toString(p));
            }
        }
    }

    @Test
    void independentSamplesFactorize() {
        double[][] k = {{1.3, 0, 0, 0}, {0, 0.7, 0.4, 0}, {0, 0.4, 1.1, 0}, {0, 0, 0, 0.5}};
        double delta1 = e(new double[][] {{1.3}}, new int[] {1}, new int[] {2});
        double pair = e(new double[][] {{0.7, 0.4}, {0.4, 1.1}}, new int[] {1, 2}, new int[] {3, 1});
        double last = e(new double[][] {{0.5}}, new int[] {2}, new int[] {0});
        assertClose(delta1 * pair * last, e(k, new int[] {1, 1, 2, 2}, new int[] {2, 3, 1, 0}), 1e-14, 0, "product");
        assertEquals(0.0, e(k, new int[] {1, 1, 1, 1}, new int[] {3, 0, 0, 0}), 0.0, "E delta' = 0 for an independent sample");
    }

    @Test
    void degenerateKernelsGiveNumericalTroubleNotNaN() {
        double[][] twins = {{1.0, 0.6, -0.3, 1.0}, {0.6, 1.5, 0.2, 0.6}, {-0.3, 0.2, 0.8, -0.3}, {1.0, 0.6, -0.3, 1.0}};
        assertThrows(NumericalTrouble.class, () -> e(twins, new int[] {1, 1, 1, 1}, new int[] {2, 0, 0, 0}));
        assertThrows(NumericalTrouble.class, () -> e(twins, new int[] {1, 1, 1, 1}, new int[] {0, 0, 2, 2}));
        // polynomial twins merge: relu(z0) theta(z0) = (relu^2)'(z0) / 2, next to a delta factor
        double[][] k3 = {{1.0, 0.6, -0.3}, {0.6, 1.5, 0.2}, {-0.3, 0.2, 0.8}};
        assertClose(0.5 * e(k3, new int[] {2, 1, 1}, new int[] {1, 0, 2}),
            e(twins, new int[] {1, 1, 1, 1}, new int[] {0, 0, 2, 1}), 1e-14, 0, "merged twins");
        double[][] sum = {{1, 0, 1}, {0, 1, 1}, {1, 1, 2}}; // z3 = z1 + z2: given z1 = 0, z3 = z2
        NumericalTrouble t = assertThrows(NumericalTrouble.class,
            () -> e(sum, new int[] {1, 1, 1}, new int[] {2, 0, 0}));
        assertTrue(t.getMessage().contains("singular"), t.getMessage());
        double[][] zero = {{1.0, 0.3, 0}, {0.3, 1.2, 0}, {0, 0, 0}};
        assertEquals(0.0, e(zero, new int[] {1, 1, 1}, new int[] {2, 2, 0}), "relu(0) = 0");
        assertThrows(NumericalTrouble.class, () -> e(zero, new int[] {1, 1, 1}, new int[] {2, 0, 2}));
        // kernels approaching singularity along random directions: finite values or NumericalTrouble
        SplittableRandom rnd = new SplittableRandom(14L);
        int[][] ds = {{2, 0, 0, 0}, {2, 2, 0, 0}, {3, 1, 1, 1}, {2, 2, 2, 2}};
        for (int trial = 0; trial < 30; trial++) {
            double eps = Math.pow(10, -rnd.nextInt(4, 17));
            double[][] a = new double[4][3];
            for (double[] row : a) {
                for (int j = 0; j < 3; j++) {
                    row[j] = rnd.nextDouble(-1, 1);
                }
            }
            double[][] k = new double[4][4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    for (int s = 0; s < 3; s++) {
                        k[i][j] += a[i][s] * a[j][s];
                    }
                    k[i][j] += i == j ? eps : 0;
                }
            }
            for (int[] d : ds) {
                try {
                    double v = e(k, new int[] {1, 1, 1, 1}, d);
                    assertTrue(Double.isFinite(v), "eps " + eps + " d=" + Arrays.toString(d) + ": " + v);
                } catch (NumericalTrouble expected) {
                    // reported, as it should be
                }
            }
        }
    }
}
