package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.NtkObservables;
import org.feynet.numerics.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NTK statistics of {@code derive ntk to order 1/n} against exact results, through the whole pipeline (parse,
 * derive, codegen, eval), with the observables of docs/OUTPUTS.md: H0, H1, ntk_same, ntk_other, ntk_off, ntk_metric
 * and ntk_preactivation_off.
 *
 * <p>Notation: K = K^(1) the first-layer metric, H = H^(1) = lambda_b + lambda_W x_a.x_b/n0 the first-layer NTK (with
 * a gram input, lambda_b + lambda_W (K - Cb)/Cw, docs/LANGUAGE.md), w_{abcd} = K_ac K_bd + K_ad K_bc.
 */
class NtkExactChecksTest {

    private static final String[] OBSERVABLES =
            {"ntk_same", "ntk_other", "ntk_off", "ntk_metric", "ntk_preactivation_off"};

    /**
     * Linear networks get the exact Isserlis engine (LinearMoments), so their statistics carry rounding only: measured
     * at most 6e-16 of the largest component of a tensor through 6 layers; 1e-12 of it leaves a wide margin and still
     * tells apart any wrong coefficient.
     */
    private static final double EXACT = 1e-12;

    private static MetricStatistics eval(String text) {
        return Pipeline.evaluate(Pipeline.parse("ntk.fnet", text), false);
    }

    /** Three samples of dimension 4, linearly independent. */
    private static final double[][] X = {{1.0, 0.0, 2.0, -0.5}, {0.5, 1.5, -1.0, 0.0}, {-0.3, 0.8, 0.4, 1.2}};

    /** Three samples given by their first-layer metric, positive definite. */
    private static final double[][] GRAM = {{1.0, 0.3, -0.2}, {0.3, 0.8, 0.1}, {-0.2, 0.1, 1.4}};

    /** The overlaps x_a.x_b / n0 of raw inputs. */
    private static double[][] overlaps(double[][] x) {
        int p = x.length;
        double[][] o = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int i = 0; i < x[a].length; i++) {
                    o[a][b] += x[a][i] * x[b][i] / x[a].length;
                }
            }
        }
        return o;
    }

    /** One model and its first-layer K and H computed here from their definitions, not by feynet. */
    private record Case(String name, String text, double cb, double cw, double lambdaB, double lambdaW,
                        double[][] k, double[][] h) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case onGram(String name, String activation, double cb, double cw, double lambdaB, double lambdaW,
                               int depth, double[][] gram) {
        int p = gram.length;
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                h[a][b] = lambdaB + lambdaW * (gram[a][b] - cb) / cw;
            }
        }
        return new Case(name, Models.ntk(name, activation, cb, cw, lambdaB, lambdaW, depth, gram), cb, cw, lambdaB,
                lambdaW, gram, h);
    }

    private static Case onInputs(String name, String activation, double cb, double cw, double lambdaB, double lambdaW,
                                 int depth, double[][] x) {
        double[][] o = overlaps(x);
        int p = x.length;
        double[][] k = new double[p][p];
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                k[a][b] = cb + cw * o[a][b];
                h[a][b] = lambdaB + lambdaW * o[a][b];
            }
        }
        return new Case(name, Models.ntkOnInputs(name, activation, cb, cw, lambdaB, lambdaW, depth, x), cb, cw,
                lambdaB, lambdaW, k, h);
    }

    /** Linear networks on a gram and on raw inputs, with bias (Cb, lambda_b > 0) and without (both 0). */
    static Stream<Case> linearNetworks() {
        return Stream.of(
                onGram("linear_gram_bias", "z", 0.2, 0.9, 0.3, 1.4, 6, GRAM),
                onGram("linear_gram_nobias", "z", 0, 1.3, 0, 0.7, 6, GRAM),
                onInputs("linear_raw_bias", "z", 0.2, 1.1, 0.5, 1.0, 6, X),
                onInputs("linear_raw_nobias", "z", 0, 0.8, 0, 1.5, 6, X));
    }

    /** The leading statistics of one layer of a linear network, as PDLT's tensors (docs/OUTPUTS.md). */
    private record LinearLayer(double[][] k0, double[][][][] v4, double[][] h0, double[][][][] d, double[][][][] a,
                               double[][][][] b, double[][][][] f) {

        /** Layer 1: K0 = K, H0 = H, nothing fluctuates. */
        static LinearLayer first(double[][] k, double[][] h) {
            int p = k.length;
            return new LinearLayer(k, new double[p][p][p][p], h, new double[p][p][p][p], new double[p][p][p][p],
                    new double[p][p][p][p], new double[p][p][p][p]);
        }

        /**
         * One layer on, for sigma = z (sigma' = 1), worked out from the layer step of docs/METHOD.md: given layer l,
         * Theta'_{ik;ab} = delta_ik (lambda_b + lambda_W S_ab) + w_i^T Theta_ab w_k and Ghat' = Cb + Cw S with
         * S = (1/n) sum_j z_j z_j^T, so E[Theta'_ii | l] = lambda_b + lambda_W S_ab + Cw T_ab, T = (1/n) sum_j Theta_jj,
         * and n Cov(S, S) -> w + V4, n Cov(T, S) -> D, n Cov(T, T) -> A (the within-neuron parts are O(1/n)):
         * <pre>
         *   K0' = Cb + Cw K0                  V4' = Cw^2 (w + V4)
         *   H0' = lambda_b + lambda_W K0 + Cw H0                    (and H1' = lambda_W K1 + Cw H1 = 0)
         *   D'_(ab)(cd) = Cw lambda_W (w + V4) + Cw^2 D_(ab)(cd)
         *   A'_(ab)(cd) = lambda_W^2 (w + V4) + Cw lambda_W (D_(ab)(cd) + D_(cd)(ab)) + Cw^2 A_(ab)(cd)
         *   B'_(ab)(cd) = Cw^2 (H0_ab H0_cd + B_(ab)(cd))     n (Cw/n)^2 sum_jm E[Theta_jm;ab Theta_jm;cd]
         *   F'_(ab)(cd) = Cw^2 (H0_ab K0_cd + F_(ab)(cd))     n (Cw/n)^2 sum_jm E[Theta_jm;ab z_j;c z_m;d]
         * </pre>
         */
        LinearLayer next(double cb, double cw, double lambdaB, double lambdaW) {
            int p = k0.length;
            double[][] k = new double[p][p];
            double[][] h = new double[p][p];
            double[][][][] v = new double[p][p][p][p];
            double[][][][] dd = new double[p][p][p][p];
            double[][][][] aa = new double[p][p][p][p];
            double[][][][] bb = new double[p][p][p][p];
            double[][][][] ff = new double[p][p][p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    k[i][j] = cb + cw * k0[i][j];
                    h[i][j] = lambdaB + lambdaW * k0[i][j] + cw * h0[i][j];
                    for (int m = 0; m < p; m++) {
                        for (int q = 0; q < p; q++) {
                            double s = k0[i][m] * k0[j][q] + k0[i][q] * k0[j][m] + v4[i][j][m][q];
                            v[i][j][m][q] = cw * cw * s;
                            dd[i][j][m][q] = cw * lambdaW * s + cw * cw * d[i][j][m][q];
                            aa[i][j][m][q] = lambdaW * lambdaW * s + cw * lambdaW * (d[i][j][m][q] + d[m][q][i][j])
                                    + cw * cw * a[i][j][m][q];
                            bb[i][j][m][q] = cw * cw * (h0[i][j] * h0[m][q] + b[i][j][m][q]);
                            ff[i][j][m][q] = cw * cw * (h0[i][j] * k0[m][q] + f[i][j][m][q]);
                        }
                    }
                }
            }
            return new LinearLayer(k, v, h, dd, aa, bb, ff);
        }

        /** The observable of docs/OUTPUTS.md at [i][j][m][q]. */
        double observable(String key, int i, int j, int m, int q) {
            return switch (key) {
                case "ntk_same" -> a[i][j][m][q] + b[i][j][m][q] + b[i][j][q][m];
                case "ntk_other" -> a[i][j][m][q];
                case "ntk_off" -> b[i][j][m][q];
                case "ntk_metric" -> d[m][q][i][j];
                case "ntk_preactivation_off" -> f[i][j][m][q];
                default -> throw new IllegalArgumentException(key);
            };
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linearNetworks")
    void linearNetNtkFollowsTheExactLinearRecursionsAtEveryLayer(Case c) {
        MetricStatistics s = eval(c.text());
        int p = c.k().length;
        LinearLayer next = LinearLayer.first(c.k(), c.h());
        for (MetricStatistics.Layer l : s.layers()) {
            LinearLayer exact = next;
            String at = c + " at layer " + l.layer();
            double hScale = maxAbs(exact.h0());
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    assertEquals(exact.k0()[a][b], l.get(Statistic.K0, a, b), EXACT * maxAbs(exact.k0()), "K0 " + at);
                    assertEquals(exact.h0()[a][b], l.get(Statistic.H0, a, b), EXACT * hScale, "H0 " + at);
                    assertEquals(0.0, l.get(Statistic.H1, a, b), EXACT * hScale, "H1 " + at);
                }
            }
            Map<String, Tensor> observed = NtkObservables.of(l);
            for (String key : OBSERVABLES) {
                double scale = Math.max(1, maxAbs(exact, key, p));
                forEachIndex(p, (a, b, cc, d) -> assertEquals(exact.observable(key, a, b, cc, d),
                        observed.get(key).get(a, b, cc, d), EXACT * scale,
                        key + "[" + a + b + cc + d + "] " + at));
            }
            assertTrue(l.layer() == 1 || maxAbs(exact, "ntk_off", p) > 0.1, "ntk_off is not trivially zero " + at);
            next = exact.next(c.cb(), c.cw(), c.lambdaB(), c.lambdaW());
        }
    }

    /**
     * Layer 2 of a linear network, exactly at any width n: given layer 1 (z_j iid N(0, K), Theta^(1) = delta H),
     * Theta^(2)_{ik;ab} = delta_ik (lambda_b + lambda_W S_ab) + Q_ik H_ab with S_ab = (1/n) sum_j z_{j;a} z_{j;b}
     * (n Cov(S_ab, S_cd) = w exactly) and Q_ik = sum_j W_ij W_kj (n Var Q_ii = 2 Cw^2, n E[Q_12^2] = Cw^2, Q_11 and
     * Q_22 independent), Ghat^(2) = Cb + Cw S and z^(2)_i = b_i + sum_j W_ij z_j. Hence, with no 1/n remainder,
     * <pre>
     *   ntk_same  = lambda_W^2 w + 2 Cw^2 H_ab H_cd      ntk_other = lambda_W^2 w
     *   ntk_off   = Cw^2 H_ab H_cd                       ntk_metric = Cw lambda_W w
     *   ntk_preactivation_off = Cw^2 H_ab K_cd           H0 = lambda_b + lambda_W K + Cw H,  H1 = 0.
     * </pre>
     * These are the formulas that NtkSamplerTest checks the sampled networks against
     * (assertLinearNetworkStatisticsAreExact), so theory and sampler meet here on the same exact values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("linearNetworks")
    void linearNetNtkAtLayerTwoHasItsExactFiniteWidthValues(Case c) {
        MetricStatistics.Layer second = eval(c.text()).layer(2);
        Map<String, Tensor> observed = NtkObservables.of(second);
        double[][] k = c.k();
        double[][] h = c.h();
        double cw = c.cw();
        double lw = c.lambdaW();
        int p = k.length;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double h0 = c.lambdaB() + lw * k[a][b] + cw * h[a][b];
                assertEquals(h0, second.get(Statistic.H0, a, b), EXACT * Math.abs(h0), "H0");
                assertEquals(0.0, second.get(Statistic.H1, a, b), EXACT * Math.abs(h0), "H1");
            }
        }
        double scale = 10 * (1 + cw * cw + lw * lw) * Math.pow(1 + maxAbs(k) + maxAbs(h), 2);
        forEachIndex(p, (a, b, cc, d) -> {
            double w = k[a][cc] * k[b][d] + k[a][d] * k[b][cc];
            String at = "[" + a + b + cc + d + "] " + c;
            assertEquals(lw * lw * w + 2 * cw * cw * h[a][b] * h[cc][d], observed.get("ntk_same").get(a, b, cc, d),
                    EXACT * scale, "ntk_same" + at);
            assertEquals(lw * lw * w, observed.get("ntk_other").get(a, b, cc, d), EXACT * scale, "ntk_other" + at);
            assertEquals(cw * cw * h[a][b] * h[cc][d], observed.get("ntk_off").get(a, b, cc, d), EXACT * scale,
                    "ntk_off" + at);
            assertEquals(cw * lw * w, observed.get("ntk_metric").get(a, b, cc, d), EXACT * scale, "ntk_metric" + at);
            assertEquals(cw * cw * h[a][b] * k[cc][d], observed.get("ntk_preactivation_off").get(a, b, cc, d),
                    EXACT * scale, "ntk_preactivation_off" + at);
        });
    }

    /** sigma(z) = z + z^2/2 and its derivative 1 + z, as coefficients of 1, z, z^2. */
    private static final double[] QUADRATIC = {0, 1, 0.5};
    private static final double[] QUADRATIC_SLOPE = {1, 1};

    /**
     * Layer 2 of any network, exactly at any width n, worked out from the definitions: given layer 1 the neurons j
     * are iid with z_j ~ N(0, K) and Theta^(1)_{jm} = delta_jm H, so with f_ab = sigma_a sigma_b, g_ab = sigma'_a
     * sigma'_b, C(u, v) = &lt;uv&gt; - &lt;u&gt;&lt;v&gt; (one neuron), Theta^(2)_{ik;ab} = delta_ik (lambda_b
     * + lambda_W mean_j f_ab) + H_ab sum_j W_ij W_kj g_ab, Ghat^(2) = Cb + Cw mean_j f and E[W^4] = 3 (Cw/n)^2:
     * <pre>
     *   H0 = lambda_b + lambda_W &lt;f_ab&gt; + Cw H_ab &lt;g_ab&gt;,  H1 = 0
     *   ntk_other  = lambda_W^2 C(f_ab, f_cd) + Cw lambda_W (H_cd C(f_ab, g_cd) + H_ab C(g_ab, f_cd))
     *                + Cw^2 H_ab H_cd C(g_ab, g_cd)
     *   ntk_same   = ntk_other + 2 Cw^2 H_ab H_cd &lt;g_ab g_cd&gt;
     *   ntk_off    = Cw^2 H_ab H_cd &lt;g_ab g_cd&gt;
     *   ntk_metric = Cw lambda_W C(f_ab, f_cd) + Cw^2 H_cd C(f_ab, g_cd)
     *   ntk_preactivation_off = Cw^2 H_ab &lt;g_ab f_cd&gt;
     * </pre>
     * with no 1/n remainder. For sigma = z (g = 1) they are the linear formulas above. Here sigma(z) = z + z^2/2,
     * whose Gaussian expectations are computed by Isserlis' theorem (feynet integrates it by Gauss-Hermite
     * quadrature, exact for polynomials up to rounding), so that the orientation of ntk_metric and the mixed terms
     * C(f, g) are checked too. Tolerance: 1e-10 of the largest component (measured: 1.1e-15).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {false, true})
    void polynomialNetNtkAtLayerTwoHasItsExactFiniteWidthValues(boolean rawInputs) {
        Case c = rawInputs ? onInputs("quadratic_raw", "z + 0.5*z^2", 0.1, 1.2, 0.3, 0.9, 3, X)
                : onGram("quadratic_gram", "z + 0.5*z^2", 0.2, 0.8, 0.4, 1.3, 3, GRAM);
        MetricStatistics.Layer second = eval(c.text()).layer(2);
        Map<String, Tensor> observed = NtkObservables.of(second);
        double[][] k = c.k();
        double[][] h = c.h();
        double cw = c.cw();
        double lw = c.lambdaW();
        int p = k.length;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double h0 = c.lambdaB() + lw * gaussian(k, new int[] {a, b}, QUADRATIC, QUADRATIC)
                        + cw * h[a][b] * gaussian(k, new int[] {a, b}, QUADRATIC_SLOPE, QUADRATIC_SLOPE);
                assertEquals(h0, second.get(Statistic.H0, a, b), 1e-10 * Math.abs(h0), "H0 " + c);
                assertEquals(0.0, second.get(Statistic.H1, a, b), 1e-10 * Math.abs(h0), "H1 " + c);
            }
        }
        double[][][][][] exact = new double[OBSERVABLES.length][p][p][p][p];
        double[] scale = new double[OBSERVABLES.length];
        forEachIndex(p, (a, b, cc, d) -> {
            int[] abcd = {a, b, cc, d};
            double ff = covariance(k, abcd, QUADRATIC, QUADRATIC, QUADRATIC, QUADRATIC);
            double fg = covariance(k, abcd, QUADRATIC, QUADRATIC, QUADRATIC_SLOPE, QUADRATIC_SLOPE);
            double gf = covariance(k, abcd, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC, QUADRATIC);
            double gg = covariance(k, abcd, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC_SLOPE);
            double gg2 = gaussian(k, abcd, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC_SLOPE);
            double gff = gaussian(k, abcd, QUADRATIC_SLOPE, QUADRATIC_SLOPE, QUADRATIC, QUADRATIC);
            double other = lw * lw * ff + cw * lw * (h[cc][d] * fg + h[a][b] * gf) + cw * cw * h[a][b] * h[cc][d] * gg;
            double[] values = {other + 2 * cw * cw * h[a][b] * h[cc][d] * gg2, other,
                cw * cw * h[a][b] * h[cc][d] * gg2, cw * lw * ff + cw * cw * h[cc][d] * fg, cw * cw * h[a][b] * gff};
            for (int o = 0; o < values.length; o++) {
                exact[o][a][b][cc][d] = values[o];
                scale[o] = Math.max(scale[o], Math.abs(values[o]));
            }
        });
        for (int o = 0; o < OBSERVABLES.length; o++) {
            int key = o;
            forEachIndex(p, (a, b, cc, d) -> assertEquals(exact[key][a][b][cc][d],
                    observed.get(OBSERVABLES[key]).get(a, b, cc, d), 1e-10 * scale[key],
                    OBSERVABLES[key] + "[" + a + b + cc + d + "] " + c));
        }
        double[] asymmetry = {0};
        forEachIndex(p, (a, b, cc, d) -> asymmetry[0] = Math.max(asymmetry[0],
                Math.abs(exact[3][a][b][cc][d] - exact[3][cc][d][a][b])));
        assertTrue(asymmetry[0] > 1e-3 * scale[3],
                "ntk_metric is not symmetric under exchange of its pairs here, so its orientation is tested");
    }

    /**
     * The single-neuron covariance C(u1 u2, u3 u4) of z ~ N(0, k) with u_i = poly_i(z_{s_i}), s = (a, b, c, d):
     * &lt;u1 u2 u3 u4&gt; - &lt;u1 u2&gt;&lt;u3 u4&gt;.
     */
    private static double covariance(double[][] k, int[] s, double[]... polys) {
        return gaussian(k, s, polys) - gaussian(k, new int[] {s[0], s[1]}, polys[0], polys[1])
                * gaussian(k, new int[] {s[2], s[3]}, polys[2], polys[3]);
    }

    /** E[prod_i poly_i(z_{s_i})] for z ~ N(0, k), each poly by its coefficients from the constant up. */
    private static double gaussian(double[][] k, int[] samples, double[]... polys) {
        return expand(k, samples, polys, 0, new int[64], 0);
    }

    private static double expand(double[][] k, int[] samples, double[][] polys, int factor, int[] monomial,
                                 int degree) {
        if (factor == polys.length) {
            return isserlis(k, monomial, degree);
        }
        double sum = 0;
        for (int power = 0; power < polys[factor].length; power++) {
            if (polys[factor][power] != 0) {
                for (int i = 0; i < power; i++) {
                    monomial[degree + i] = samples[factor];
                }
                sum += polys[factor][power] * expand(k, samples, polys, factor + 1, monomial, degree + power);
            }
        }
        return sum;
    }

    /** E[z_{m_0} ... z_{m_{d-1}}] by Isserlis' theorem: pair the first with each other, recurse on the rest. */
    private static double isserlis(double[][] k, int[] m, int d) {
        if (d == 0) {
            return 1;
        }
        if (d % 2 == 1) {
            return 0;
        }
        double sum = 0;
        for (int j = 1; j < d; j++) {
            int[] rest = new int[d - 2];
            for (int i = 1, r = 0; i < d; i++) {
                if (i != j) {
                    rest[r++] = m[i];
                }
            }
            sum += k[m[0]][m[j]] * isserlis(k, rest, d - 2);
        }
        return sum;
    }

    /**
     * ReLU-type activations sigma(z) = relu(z) - alpha relu(-z) (relu, leaky relu, relu written through abs), with
     * bias (Cb, lambda_b > 0) and without: flipping the signs of row j of W^(l) and of b_j^(l) maps z_j to -z_j and
     * leaves Theta^(l)_{jj} unchanged, so E[sigma'(z_{j;a})^2 Theta_{jj;aa}] = (1 + alpha^2)/2 E[Theta_{jj;aa}] and
     * E[sigma(z_{j;a})^2] = (1 + alpha^2)/2 E[z_{j;a}^2] exactly: the diagonal of the mean NTK obeys a linear
     * recursion with no finite-width correction (SPEC section 7). Off the diagonal there is one. The engines are
     * exact (ReluMoments, PiecewiseLinearMoments); measured: H1_aa = 0 exactly; the bound 1e-11 H0_aa allows for
     * rounding.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu(z)", "max(0, z) - 0.1*max(0, -z)", "0.5*(z + abs(z))"})
    void reluTypeNetHasNoDiagonalNtkCorrectionButOneOffTheDiagonal(String activation) {
        for (boolean bias : new boolean[] {false, true}) {
            MetricStatistics s = eval(Models.ntk("relu_type", activation, bias ? 0.2 : 0, 1.9, bias ? 0.3 : 0, 1.2,
                    6, GRAM));
            for (MetricStatistics.Layer l : s.layers()) {
                for (int a = 0; a < 3; a++) {
                    assertEquals(0.0, l.get(Statistic.H1, a, a), 1e-11 * l.get(Statistic.H0, a, a),
                            activation + (bias ? " with" : " without") + " bias: H1[" + a + a + "] at layer " + l.layer());
                }
            }
            MetricStatistics.Layer last = s.layer(6);
            for (int[] ab : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
                double h1 = last.get(Statistic.H1, ab[0], ab[1]);
                assertTrue(Math.abs(h1) > 1e-2 * last.get(Statistic.H0, ab[0], ab[1]),
                        activation + ": off-diagonal H1[" + ab[0] + ab[1] + "] = " + h1);
            }
        }
    }

    /**
     * relu written as (z + |z|)/2 goes through the piecewise-linear engine, relu(z) through the ReLU engine; their NTK
     * statistics agree at every layer (measured: bit for bit, since the piecewise-linear engine reduces
     * 1 relu(z) + 0 relu(-z) to the same ReLU moments; the bound, 1e-11 of each tensor's largest component, is that
     * engine's accuracy).
     */
    @Test
    void reluWrittenWithAbsHasTheNtkStatisticsOfRelu() {
        MetricStatistics relu = eval(Models.ntk("relu", "relu(z)", 0.1, 1.8, 0.2, 1.0, 5, GRAM));
        MetricStatistics viaAbs = eval(Models.ntk("relu_abs", "0.5*(z + abs(z))", 0.1, 1.8, 0.2, 1.0, 5, GRAM));
        assertSameStatistics(relu, viaAbs, 1e-11);
    }

    /**
     * Raw inputs x and the gram K = Cb + Cw x.x/n0 they give (with H^(1) = lambda_b + lambda_W (K - Cb)/Cw, the same
     * lambda_b + lambda_W x.x/n0) describe the same network: every statistic agrees at every layer, up to the
     * rounding of K's entries through the quadrature (measured: bit for bit; bounded by 1e-12 of each tensor's
     * largest component).
     */
    @Test
    void rawInputsAndTheirGramGiveIdenticalNtkStatistics() {
        double cb = 0.1;
        double cw = 1.5;
        double[][] o = overlaps(X);
        double[][] gram = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                gram[a][b] = cb + cw * o[a][b];
            }
        }
        MetricStatistics raw = eval(Models.ntkOnInputs("tanh_raw", "tanh(z)", cb, cw, 0.2, 1.1, 4, X));
        MetricStatistics viaGram = eval(Models.ntk("tanh_gram", "tanh(z)", cb, cw, 0.2, 1.1, 4, gram));
        assertSameStatistics(raw, viaGram, 1e-12);
    }

    private static void assertSameStatistics(MetricStatistics expected, MetricStatistics actual, double relative) {
        assertEquals(expected.statistics(), actual.statistics());
        for (int l = 1; l <= expected.layers().size(); l++) {
            for (Statistic s : expected.statistics()) {
                Tensor e = expected.layer(l).tensor(s);
                Tensor a = actual.layer(l).tensor(s);
                double[] ev = components(e);
                double[] av = components(a);
                double scale = maxAbs(e);
                for (int i = 0; i < ev.length; i++) {
                    assertEquals(ev[i], av[i], relative * scale, s.name() + " at layer " + l);
                }
            }
        }
    }

    /**
     * The same-neuron covariance is the covariance shared by all neurons plus the within-neuron part (docs/OUTPUTS.md):
     * ntk_same[a][b][c][d] = ntk_other[a][b][c][d] + ntk_off[a][b][c][d] + ntk_off[a][b][d][c]; and each observable
     * has the symmetries of its definition (Theta_{ik;ab} = Theta_{ki;ba}; neurons i, k exchangeable):
     * ntk_same and ntk_other under a <-> b, c <-> d and (ab) <-> (cd); ntk_off under (ab) <-> (cd) and
     * (a, c) <-> (b, d); ntk_preactivation_off under (a, c) <-> (b, d); ntk_metric under a <-> b and c <-> d. Checked on
     * a gelu network with three inputs, where none of these is trivial.
     */
    @Test
    void sameNeuronCovarianceIsTheSharedPartPlusTheWithinNeuronPart() {
        MetricStatistics s = eval(Models.ntk("gelu", "0.5*z*(1 + erf(z/sqrt(2)))", 0.1, 1.5, 0.1, 1.0, 4, GRAM));
        for (MetricStatistics.Layer l : s.layers().subList(1, 4)) {
            Map<String, Tensor> t = NtkObservables.of(l);
            Tensor same = t.get("ntk_same");
            Tensor other = t.get("ntk_other");
            Tensor off = t.get("ntk_off");
            Tensor metric = t.get("ntk_metric");
            Tensor preactivation = t.get("ntk_preactivation_off");
            double scale = maxAbs(same);
            String at = " at layer " + l.layer();
            forEachIndex(3, (a, b, c, d) -> {
                String i = "[" + a + b + c + d + "]" + at;
                assertEquals(same.get(a, b, c, d), other.get(a, b, c, d) + off.get(a, b, c, d) + off.get(a, b, d, c),
                        1e-14 * scale, "ntk_same" + i);
                for (Tensor x : List.of(same, other)) {
                    assertEquals(x.get(a, b, c, d), x.get(b, a, c, d), 0.0, "a <-> b" + i);
                    assertEquals(x.get(a, b, c, d), x.get(a, b, d, c), 0.0, "c <-> d" + i);
                    assertEquals(x.get(a, b, c, d), x.get(c, d, a, b), 0.0, "(ab) <-> (cd)" + i);
                }
                assertEquals(off.get(a, b, c, d), off.get(c, d, a, b), 0.0, "ntk_off (ab) <-> (cd)" + i);
                assertEquals(off.get(a, b, c, d), off.get(b, a, d, c), 0.0, "ntk_off (ac) <-> (bd)" + i);
                assertEquals(preactivation.get(a, b, c, d), preactivation.get(b, a, d, c), 0.0, "preactivation" + i);
                assertEquals(metric.get(a, b, c, d), metric.get(b, a, c, d), 0.0, "ntk_metric a <-> b" + i);
                assertEquals(metric.get(a, b, c, d), metric.get(a, b, d, c), 0.0, "ntk_metric c <-> d" + i);
            });
            if (l.layer() > 2) {
                // at layer 2, ntk_off = Cw^2 H_ab H_cd <g_ab g_cd> is symmetric in c <-> d; deeper it is not
                assertTrue(Math.abs(off.get(0, 1, 0, 1) - off.get(0, 1, 1, 0)) > 1e-4 * maxAbs(off),
                        "ntk_off[0101] differs from ntk_off[0110]" + at);
            }
        }
    }

    private static double maxAbs(Tensor t) {
        double max = 0;
        for (double v : components(t)) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** Every component, in row-major order. */
    private static double[] components(Tensor t) {
        int p = t.inputs();
        double[] out = new double[(int) Math.pow(p, t.rank())];
        int[] index = new int[t.rank()];
        for (int code = 0; code < out.length; code++) {
            for (int k = t.rank() - 1, r = code; k >= 0; k--, r /= p) {
                index[k] = r % p;
            }
            out[code] = t.get(index);
        }
        return out;
    }

    private static double maxAbs(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static double maxAbs(LinearLayer layer, String key, int p) {
        double[] max = {0};
        forEachIndex(p, (a, b, c, d) -> max[0] = Math.max(max[0], Math.abs(layer.observable(key, a, b, c, d))));
        return max[0];
    }

    private interface IndexAction {
        void at(int a, int b, int c, int d);
    }

    private static void forEachIndex(int p, IndexAction action) {
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        action.at(a, b, c, d);
                    }
                }
            }
        }
    }
}
