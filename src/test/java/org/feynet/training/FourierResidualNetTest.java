package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.junit.jupiter.api.Test;

/**
 * The explicit Fourier residual network against independent evaluations: its backpropagated gradients against
 * central finite differences of the forward pass, its factorised NTK Gram and its flow direction against
 * sums over the explicit per-sample gradients, its dNTK against finite differences of that explicit Gram, and
 * the RK4 flow against the fourth-order convergence in the step.
 */
class FourierResidualNetTest {

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /**
     * df/dtheta_i against (f(theta + h e_i) - f(theta - h e_i)) / 2h with h = 1e-5: the central difference has
     * error ~ h^2 |f'''| ~ 1e-10 plus rounding 1e-16/h ~ 1e-11, so 1e-7 is a safe tolerance; checked with all blocks
     * kept and with masks that drop some.
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        for (double keep : new double[] {1.0, 0.5}) {
            FourierResidualNetwork spec = EcrnFixtures.network(3, 4, keep, 3);
            FourierResidualNet.Draw draw = FourierResidualNet.draw(spec, 6, 4, 11);
            FourierResidualNet net = draw.net();
            double[][] gamma = net.features(spec.inputs());
            double[] theta = draw.theta();
            SplittableRandom pick = new SplittableRandom(3);
            for (int a = 0; a < gamma.length; a++) {
                double[] grad = net.gradient(theta, gamma[a]);
                for (int trial = 0; trial < 60; trial++) {
                    int i = trial < 3 ? grad.length - 1 - trial : pick.nextInt(grad.length);
                    double h = 1e-5;
                    double[] up = theta.clone();
                    double[] down = theta.clone();
                    up[i] += h;
                    down[i] -= h;
                    double fd = (net.outputs(up, new double[][] {gamma[a]})[0]
                            - net.outputs(down, new double[][] {gamma[a]})[0]) / (2 * h);
                    assertEquals(fd, grad[i], 1e-7, "parameter " + i + ", input " + a + ", keep " + keep);
                }
            }
        }
    }

    /** Theta_ab = sum_theta rho_theta g_a g_b and sum_c rho g_c u_c from the explicit gradients, to rounding. */
    @Test
    void ntkAndFlowDirectionMatchExplicitGradients() {
        FourierResidualNetwork spec = EcrnFixtures.network(4, 5, 0.6, 4);
        FourierResidualNet.Draw draw = FourierResidualNet.draw(spec, 7, 5, 5);
        FourierResidualNet net = draw.net();
        double[][] gamma = net.features(spec.inputs());
        double[][] explicit = explicitNtk(net, draw.theta(), gamma);
        FourierResidualNet.State state = net.state(draw.theta(), gamma);
        double[][] factorised = state.ntk();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                assertEquals(explicit[a][b], factorised[a][b], 1e-12 * maxAbs(explicit));
            }
        }
        double[] u = {0.3, -1.1, 0.7, 0.2};
        double[] tangent = state.tangent(u);
        double[] rho = net.rates();
        for (int c = 0; c < 4; c++) {
            double[] g = net.gradient(draw.theta(), gamma[c]);
            for (int i = 0; i < g.length; i++) {
                tangent[i] -= rho[i] * g[i] * u[c];
            }
        }
        assertEquals(0, Gram.norm(tangent), 1e-12);
    }

    static double[][] explicitNtk(FourierResidualNet net, double[] theta, double[][] gamma) {
        double[] rho = net.rates();
        double[][] g = new double[gamma.length][];
        for (int a = 0; a < gamma.length; a++) {
            g[a] = net.gradient(theta, gamma[a]);
        }
        double[][] out = new double[gamma.length][gamma.length];
        for (int a = 0; a < gamma.length; a++) {
            for (int b = 0; b < gamma.length; b++) {
                for (int i = 0; i < rho.length; i++) {
                    out[a][b] += rho[i] * g[a][i] * g[b][i];
                }
            }
        }
        return out;
    }

    /**
     * dH_abc against the central difference, step 1e-4, of the explicit-gradient Gram along the explicit
     * v_c = rho grad f_c; both are O(eps^2) accurate, and the Richardson estimate of NtkDrift's own error is
     * checked to bound the disagreement (up to a factor and rounding).
     */
    @Test
    void dntkMatchesDifferencesOfTheExplicitGram() {
        FourierResidualNetwork spec = EcrnFixtures.network(3, 4, 1.0, 3);
        FourierResidualNet.Draw draw = FourierResidualNet.draw(spec, 8, 4, 21);
        FourierResidualNet net = draw.net();
        double[][] gamma = net.features(spec.inputs());
        double[] theta = draw.theta();
        double[][][] dH = NtkDrift.dntk(net, theta, gamma, NtkDrift.EPS);
        double error = NtkDrift.dntkError(net, theta, gamma, NtkDrift.EPS);
        double[] rho = net.rates();
        double scale = 0;
        for (int c = 0; c < 3; c++) {
            double[] g = net.gradient(theta, gamma[c]);
            double[] v = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                v[i] = rho[i] * g[i];
            }
            double eps = 1e-4;
            double[][] plus = explicitNtk(net, NtkDrift.shift(theta, v, eps), gamma);
            double[][] minus = explicitNtk(net, NtkDrift.shift(theta, v, -eps), gamma);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double expected = (plus[a][b] - minus[a][b]) / (2 * eps);
                    scale = Math.max(scale, Math.abs(expected));
                    assertEquals(expected, dH[a][b][c], 10 * error + 1e-8 * Math.max(1, Math.abs(expected)),
                            "dH_" + a + b + c);
                }
            }
        }
        assertTrue(scale > 1e-3, "the dNTK of a width-8 network is not negligible: " + scale);
        assertTrue(error < 1e-5 * scale, "the finite-difference error estimate " + error + " vs " + scale);
    }

    /**
     * RK4 is fourth order: the differences of f(T) between steps h, h/2, h/4 shrink by 2^4 = 16 (accept > 10),
     * and the loss decreases along the flow.
     */
    @Test
    void flowConvergesAtFourthOrder() {
        FourierResidualNetwork spec = EcrnFixtures.network(3, 6, 1.0, 4);
        FourierResidualTraining training = EcrnFixtures.training(spec, 2.0);
        double[][] f = new double[3][];
        for (int i = 0; i < 3; i++) {
            FourierResidualTrainer.Settings settings = new FourierResidualTrainer.Settings(12, 6, 1,
                    0.2 / (1 << i), FourierResidualTrainer.Prediction.NONE);
            FourierResidualRun run = FourierResidualTrainer.train(training, settings, 7);
            assertEquals(0.2 / (1 << i), run.largestStep(), 1e-15, "the step bound must not interfere");
            f[i] = run.outputs()[1];
            assertTrue(run.loss()[1] < run.loss()[0]);
        }
        double coarse = 0;
        double fine = 0;
        for (int a = 0; a < 4; a++) {
            coarse = Math.max(coarse, Math.abs(f[0][a] - f[1][a]));
            fine = Math.max(fine, Math.abs(f[1][a] - f[2][a]));
        }
        assertTrue(coarse / fine > 10, "ratio " + coarse / fine + " (" + coarse + ", " + fine + ")");
    }
}
