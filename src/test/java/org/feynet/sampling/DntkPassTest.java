package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.model.Activation;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Operator;
import org.junit.jupiter.api.Test;

class DntkPassTest {

    private static final double LAMBDA_B = 0.3;
    private static final double LAMBDA_W = 1.7;
    private static final long SEED = 77;
    /** The finite-difference step (see {@link #assertDerivativesMatchFiniteDifferences}). */
    private static final double STEP = 0.01;
    private static final double TOLERANCE = 1e-5;
    private static final ScalarExpr Z = new ScalarExpr.Variable("z");

    /** gelu(z) = z (1 + erf(z / sqrt 2)) / 2, not odd. */
    static Activation gelu() {
        ScalarExpr inner = new Binary(Operator.DIVIDE, Z, new Call(Function.SQRT, List.of(new Constant(2))));
        ScalarExpr onePlusErf = new Binary(Operator.ADD, new Constant(1), new Call(Function.ERF, List.of(inner)));
        return new Activation("gelu", new Binary(Operator.MULTIPLY,
                new Binary(Operator.MULTIPLY, new Constant(0.5), Z), onePlusErf), Activation.ClosedForm.NONE);
    }

    /** softplus(z) = log(1 + exp z). */
    static Activation softplus() {
        return new Activation("softplus", new Call(Function.LOG, List.of(new Binary(Operator.ADD, new Constant(1),
                new Call(Function.EXP, List.of(Z))))), Activation.ClosedForm.NONE);
    }

    private static DntkPass drawn(MlpModel model, int width, long index) {
        DntkPass pass = new DntkPass(model, width, LAMBDA_B, LAMBDA_W);
        pass.forward(Seeds.network(SEED, index));
        return pass;
    }

    /** Sum over mu, nu of m[mu][nu] u[mu] v[nu]. */
    private static double bilinear(double[][] m, double[] u, double[] v) {
        double sum = 0;
        for (int mu = 0; mu < u.length; mu++) {
            for (int nu = 0; nu < v.length; nu++) {
                sum += m[mu][nu] * u[mu] * v[nu];
            }
        }
        return sum;
    }

    private static double[] times(double[][] m, double[] u) {
        double[] out = new double[m.length];
        for (int mu = 0; mu < m.length; mu++) {
            for (int nu = 0; nu < u.length; nu++) {
                out[mu] += m[mu][nu] * u[nu];
            }
        }
        return out;
    }

    /**
     * dH, ddI and ddII of every neuron and sample assignment at layers 2 and 3 (29 parameters) against the
     * brute-force contraction of finite-difference derivative tensors. The tensors are Richardson-extrapolated
     * central differences with step h = 0.01, whose error is O(h^4): about 1e-8 times fifth and seventh derivatives
     * of order one per entry, and rounding eps / (h/2)^3 ~ 2e-9 for the third derivative. Contracted with the
     * gradients over up to 29^3 entries, the differences observed are 6e-7 (tanh), 2e-8 (gelu) and 2e-9
     * (softplus), and they fall by the factor 16 expected of h^4 when h is halved from 0.04 down to 0.01: the
     * exact values agree with the limit. A tolerance of 1e-5 (relative above 1) leaves more than a factor 10,
     * while a wrong or missing term of a formula is of order one.
     */
    private static void assertDerivativesMatchFiniteDifferences(Activation sigma) {
        double[][] x = {{0.9, -0.4}, {-0.3, 1.2}};
        MlpModel model = Networks.mlpOnVectors(sigma, 0.2, 1.5, 3, x);
        int width = 3;
        int p = 2;
        DntkPass pass = drawn(model, width, 4);
        ExplicitTanhNetwork net = ExplicitTanhNetwork.replay(model, width, SEED, 4);
        for (int t = 2; t <= 3; t++) {
            BruteForceDerivatives brute = new BruteForceDerivatives(model, net, t, LAMBDA_B, LAMBDA_W);
            double[][] g = brute.gradient(STEP);
            for (double[] gq : g) {
                for (int mu = 0; mu < gq.length; mu++) {
                    gq[mu] *= brute.rates[mu];
                }
            }
            double[][][] hess = brute.hessian(STEP);
            double[][][][] third = brute.third(STEP);
            DntkDerivatives d = pass.derivatives();
            d.compute(t);
            int outputs = 2 * p;
            for (int o = 0; o < outputs; o++) {
                for (int q1 = 0; q1 < outputs; q1++) {
                    for (int q2 = 0; q2 < outputs; q2++) {
                        double expected = bilinear(hess[o], g[q1], g[q2]);
                        check(expected, d.dH(o, q1, q2), "dH", t, o, q1, q2);
                    }
                }
            }
            for (int o1 = 0; o1 < outputs; o1++) {
                for (int q3 = 0; q3 < outputs; q3++) {
                    double[] hA = times(hess[o1], g[q3]);
                    for (int o2 = 0; o2 < outputs; o2++) {
                        for (int q4 = 0; q4 < outputs; q4++) {
                            double[] hB = times(hess[o2], g[q4]);
                            double expected = 0;
                            for (int mu = 0; mu < hA.length; mu++) {
                                expected += brute.rates[mu] * hA[mu] * hB[mu];
                            }
                            check(expected, d.ddII(o1, q3, o2, q4), "ddII", t, o1, q3, o2, q4);
                        }
                    }
                }
            }
            runAllSecondOrderJobs(d, p);
            for (int m = 0; m < 2 * outputs * outputs; m++) {
                int u = m / (2 * outputs);
                int v = m / 2 % outputs;
                for (int a = 0; a < p; a++) {
                    int o = (m % 2) * p + a;
                    for (int w = 0; w < outputs; w++) {
                        double expected = 0;
                        for (int mu = 0; mu < g[w].length; mu++) {
                            expected += g[w][mu] * bilinear(third[o][mu], g[u], g[v]);
                        }
                        check(expected, d.ddI(m, a, w), "ddI", t, o, w, u, v);
                    }
                }
            }
        }
    }

    /** Second-order jobs for every pair (u, v) and both output neurons: job m = (u 2P + v) 2 + neuron. */
    private static void runAllSecondOrderJobs(DntkDerivatives d, int p) {
        int jobs = 2 * (2 * p) * (2 * p);
        int[] us = new int[jobs];
        int[] vs = new int[jobs];
        int[] neurons = new int[jobs];
        for (int m = 0; m < jobs; m++) {
            us[m] = m / (4 * p);
            vs[m] = m / 2 % (2 * p);
            neurons[m] = m % 2;
        }
        d.secondOrder(us, vs, neurons);
    }

    private static void check(double expected, double actual, String what, int t, int... q) {
        double error = Math.abs(expected - actual);
        assertTrue(error < TOLERANCE * Math.max(1, Math.abs(expected)), what + java.util.Arrays.toString(q)
                + " at layer " + t + ": exact " + actual + ", finite differences " + expected);
    }

    @Test
    void derivativesOfATanhNetworkMatchFiniteDifferences() {
        assertDerivativesMatchFiniteDifferences(Networks.tanh());
    }

    @Test
    void derivativesOfAGeluNetworkMatchFiniteDifferences() {
        assertDerivativesMatchFiniteDifferences(gelu());
    }

    @Test
    void derivativesOfASoftplusNetworkMatchFiniteDifferences() {
        assertDerivativesMatchFiniteDifferences(softplus());
    }

    /**
     * A linear network of depth 2, z^(2) = b2 + W2 (b1 + W1 x): the only second derivatives are
     * d^2 z_i / dW2_{im} db1_m = 1 and d^2 z_i / dW2_{im} dW1_{mk} = x_k, and there are no third derivatives. With
     * H1_{ab} = lambda_b + lambda_W x_a.x_b/n0 and z1 = z^(1),
     * dH_{i0 i1 i2; d0 d1 d2} = (lambda_W/n) sum_j [delta_{i0 i1} z1_{j;d1} W2_{i2 j} H1_{d0 d2}
     * + delta_{i0 i2} z1_{j;d2} W2_{i1 j} H1_{d0 d1}], ddII_{i1 i2 i3 i4; d1 d2 d3 d4} = (lambda_W/n)
     * delta_{i1 i2} H1_{d1 d3} H1_{d2 d4} sum_m W2_{i3 m} W2_{i4 m} + (lambda_W/n)^2 delta_{i1 i3} delta_{i2 i4}
     * H1_{d1 d2} sum_m z1_{m;d3} z1_{m;d4} (the Hessian-vector product Hess_{i;a} g_{j;b} is W2_{jm} H1_{ab} on
     * W2_{im}, delta_ij (lambda_W/n) z1_{m;b} on b1_m and x_{a;k} times that on W1_{mk}) and ddI = 0.
     */
    private static void assertLinearDepthTwoClosedForm(MlpModel model, double[][] h1) {
        int width = 5;
        int p = model.inputs();
        DntkPass pass = drawn(model, width, 2);
        ExplicitTanhNetwork net = ExplicitTanhNetwork.replay(model, width, SEED, 2);
        double[][] z1 = net.forward()[0];
        double[][] w2 = net.weights[1];
        DntkDerivatives d = pass.derivatives();
        d.compute(2);
        double rate = LAMBDA_W / width;
        for (int o = 0; o < 2 * p; o++) {
            for (int q1 = 0; q1 < 2 * p; q1++) {
                for (int q2 = 0; q2 < 2 * p; q2++) {
                    int i0 = o / p;
                    int d0 = o % p;
                    int i1 = q1 / p;
                    int d1 = q1 % p;
                    int i2 = q2 / p;
                    int d2 = q2 % p;
                    double expected = 0;
                    for (int j = 0; j < width; j++) {
                        expected += (i0 == i1 ? z1[j][d1] * w2[i2][j] * h1[d0][d2] : 0)
                                + (i0 == i2 ? z1[j][d2] * w2[i1][j] * h1[d0][d1] : 0);
                    }
                    expected *= rate;
                    assertEquals(expected, d.dH(o, q1, q2), 1e-12 * Math.max(1, Math.abs(expected)), "dH");
                }
            }
        }
        for (int o1 = 0; o1 < 2 * p; o1++) {
            for (int q3 = 0; q3 < 2 * p; q3++) {
                for (int o2 = 0; o2 < 2 * p; o2++) {
                    for (int q4 = 0; q4 < 2 * p; q4++) {
                        double expected = linearDdII(o1 / p, o2 / p, q3 / p, q4 / p, o1 % p, o2 % p, q3 % p,
                                q4 % p, h1, z1, w2, rate);
                        assertEquals(expected, d.ddII(o1, q3, o2, q4), 1e-12 * Math.max(1, Math.abs(expected)),
                                "ddII");
                    }
                }
            }
        }
        runAllSecondOrderJobs(d, p);
        for (int m = 0; m < 8 * p * p; m++) {
            for (int a = 0; a < p; a++) {
                for (int w = 0; w < 2 * p; w++) {
                    assertEquals(0.0, d.ddI(m, a, w), 0.0, "ddI of a network linear in each layer's parameters");
                }
            }
        }
    }

    private static double linearDdII(int i1, int i2, int i3, int i4, int d1, int d2, int d3, int d4, double[][] h1,
                                     double[][] z1, double[][] w2, double rate) {
        double sum = 0;
        for (int m = 0; m < z1.length; m++) {
            sum += (i1 == i2 ? rate * h1[d1][d3] * h1[d2][d4] * w2[i3][m] * w2[i4][m] : 0)
                    + (i1 == i3 && i2 == i4 ? rate * rate * h1[d1][d2] * z1[m][d3] * z1[m][d4] : 0);
        }
        return sum;
    }

    @Test
    void linearDepthTwoNetworkOnAGramHasTheClosedForm() {
        double[][] k = {{1.0, 0.6}, {0.6, 0.9}};
        double cb = 0.3;
        double cw = 1.4;
        double[][] h1 = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                h1[a][b] = LAMBDA_B + LAMBDA_W * (k[a][b] - cb) / cw;
            }
        }
        assertLinearDepthTwoClosedForm(Networks.mlp(Networks.linear(), cb, cw, 2, k), h1);
    }

    @Test
    void linearDepthTwoNetworkOnRawInputsHasTheClosedForm() {
        double[][] x = {{0.5, -1.0, 2.0}, {1.5, 0.3, -0.2}};
        double[][] h1 = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += x[a][k] * x[b][k];
                }
                h1[a][b] = LAMBDA_B + LAMBDA_W * dot / 3;
            }
        }
        assertLinearDepthTwoClosedForm(Networks.mlpOnVectors(Networks.linear(), 0.2, 1.1, 2, x), h1);
    }

    @Test
    void preactivationsAreThoseOfTheNtkPassBitForBit() {
        List<MlpModel> models = List.of(
                Networks.mlp(Networks.tanh(), 0.1, 1.4, 4, new double[][] {{1.0, 0.3}, {0.3, 0.7}}),
                Networks.mlpOnVectors(gelu(), 0.2, 1.6, 3, new double[][] {{1.0, 0.0, 2.0}, {0.5, 1.5, -1.0}}));
        for (MlpModel model : models) {
            DntkPass pass = drawn(model, 8, 3);
            NtkObservation ntk = new NtkObservation(model.depth(), model.inputs());
            new NtkPass(model, 8, LAMBDA_B, LAMBDA_W).draw(Seeds.network(SEED, 3), ntk);
            for (int l = 1; l <= model.depth(); l++) {
                for (int i = 0; i < 2; i++) {
                    for (int a = 0; a < model.inputs(); a++) {
                        assertEquals(ntk.preactivation[l - 1][i][a], pass.z[l][a][i], 0.0);
                    }
                }
            }
        }
    }

    @Test
    void explicitInputsRealiseTheGram() {
        double[][] k = {{1.0, 0.6, 0.6}, {0.6, 0.9, 0.4}, {0.6, 0.4, 1.2}};
        MlpModel model = Networks.mlp(Networks.tanh(), 0.3, 1.7, 3, k);
        double[][] x = DntkPass.explicitInputs(model);
        for (int a = 0; a < 3; a++) {
            assertEquals(3, x[a].length);
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int m = 0; m < 3; m++) {
                    dot += x[a][m] * x[b][m];
                }
                assertEquals(k[a][b], 0.3 + 1.7 * dot / 3, 1e-12);
            }
        }
    }

    @Test
    void aGramBelowTheBiasVarianceIsRefused() {
        // K is positive definite, but K - Cb has eigenvalues 0.5 and -0.1: no real inputs give it.
        MlpModel model = Networks.mlp(Networks.tanh(), 0.8, 1.0, 3, new double[][] {{1.0, 0.5}, {0.5, 1.0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DntkSampler.of(model, 4));
        assertTrue(e.getMessage().contains("not positive semidefinite"), e.getMessage());
    }
}
