package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.feynet.codegen.Evaluators;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.FourierResidualKernels;
import org.feynet.numerics.FourierResidualNtk;
import org.feynet.numerics.PairCouplings;
import org.feynet.numerics.ResidualStatistics;
import org.feynet.numerics.ResidualTheory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exact residual route with pair couplings (the NTK's coupled copies, {@link FourierResidualNtk}) against two
 * explicit finite networks whose parameters are drawn jointly: z^(0) rows iid with the coupled gram, and in every block
 * (b^A_i, b^B_i) and (W^A_ij, W^B_ij) jointly Gaussian with the couplings' variances and covariances (Cw / n for the
 * weights). At eta = 0.4 (copies far from equal) E[G_AB] = E sigma(z^A).sigma(z^B) / n and E[G_AA] at widths 16 .. 128
 * are fitted by c0 + c1/n + c2/n^2 and must match the route's order-0 and order-1 coefficients within 4 of their
 * fitted standard errors. The sampler is written here from the definition of the copies, independently of the route.
 */
class CoupledCopiesSamplingTest {

    static final List<Integer> WIDTHS = List.of(16, 32, 64, 128);
    static final int[] NETWORKS = {60000, 30000, 12000, 4000};
    static final double ETA = 1.5;
    static final double[] ALPHA = {1.2, 0.6, 1.6};

    @Test
    @Tag("slow")
    void coupledRouteMatchesCoupledFiniteNetworks() {
        FourierResidualNetwork net = FourierResidualNtkSamplingTest.network(FourierResidualNtkSamplingTest.tanh(), ALPHA);
        double[][] gram = FourierResidualKernels.fourierGram(1.0, net.inputs());
        double[][] k0 = FourierResidualNtk.coupledGram(gram, ETA);
        PairCouplings c = FourierResidualNtk.couplings(net, ETA, true);
        ResidualStatistics stats = new ResidualTheory(new ResidualModel("pair", net.activation(), net.cb(),
                net.cw(), ALPHA, k0, Closure.EXACT), c, false).run(Evaluators.residual(Closure.EXACT), null);
        ResidualStatistics.Kernel metric = stats.layers().get(ALPHA.length).metric();
        ResidualStatistics.Kernel first = stats.layers().get(0).metric();
        double[][] order0 = new double[2][2];
        double[][] order1 = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                order0[a][b] = (metric.k0()[a][b] - c.cb(a, b)) / c.cw(a, b);
                order1[a][b] = metric.k1()[a][b] / c.cw(a, b);
            }
        }
        int[][] entries = {{0, 1}, {0, 0}};
        double[][] y = new double[entries.length][WIDTHS.size()];
        double[][] errors = new double[entries.length][WIDTHS.size()];
        SplittableRandom random = new SplittableRandom(20261202);
        for (int k = 0; k < WIDTHS.size(); k++) {
            int n = WIDTHS.get(k);
            double[][] values = new double[entries.length][NETWORKS[k]];
            double[][] controls = new double[entries.length][NETWORKS[k]];
            for (int t = 0; t < NETWORKS[k]; t++) {
                double[][][] g = outputKernel(random, n, k0, c, ALPHA);
                for (int e = 0; e < entries.length; e++) {
                    values[e][t] = g[1][entries[e][0]][entries[e][1]];
                    controls[e][t] = g[0][entries[e][0]][entries[e][1]];
                }
            }
            for (int e = 0; e < entries.length; e++) {
                int a = entries[e][0];
                int b = entries[e][1];
                // control variate: G^(0) has the exact mean <sigma_a sigma_b> under the coupled gram (iid rows)
                double controlMean = (first.k0()[a][b] - c.cb(a, b)) / c.cw(a, b);
                double[] m = FourierResidualNngpSamplingTest.controlled(values[e], controls[e], controlMean);
                y[e][k] = n * (m[0] - order0[a][b]);
                errors[e][k] = n * Math.sqrt(m[1] / NETWORKS[k]);
            }
        }
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int e = 0; e < entries.length; e++) {
            WidthSeriesFit fit = WidthSeriesFit.of(WIDTHS, y[e], errors[e], 2);
            double predicted = order1[entries[e][0]][entries[e][1]];
            double pull = (fit.coefficients()[0] - predicted) / fit.errors()[0];
            report.append(String.format(Locale.ROOT, "G_%s: route c1 %.5f, fit %.5f +- %.5f (pull %.2f), chi2 %.2f%n",
                    e == 0 ? "AB" : "AA", predicted, fit.coefficients()[0], fit.errors()[0], pull, fit.chiSquare()));
            ok &= Math.abs(pull) < 4;
        }
        System.out.print(report);
        assertTrue(ok, report.toString());
    }

    /**
     * One pair of coupled networks of width n: (G_xy) = sigma(z^x).sigma(z^y) / n, x, y in {A, B}, at layer 0 ([0])
     * and at the last layer ([1]).
     */
    static double[][][] outputKernel(SplittableRandom random, int n, double[][] k0, PairCouplings c, double[] alpha) {
        double[][] z = new double[2][n];
        double[][] root = cholesky(k0);
        for (int i = 0; i < n; i++) {
            double u = FourierResidualSampler.gaussian(random);
            double v = FourierResidualSampler.gaussian(random);
            z[0][i] = root[0][0] * u;
            z[1][i] = root[1][0] * u + root[1][1] * v;
        }
        double[][] initial = kernel(z, n);
        double[][] bias = cholesky(new double[][] {{c.cb(0, 0), c.cb(0, 1)}, {c.cb(1, 0), c.cb(1, 1)}});
        double[][] weight = cholesky(new double[][] {{c.cw(0, 0) / n, c.cw(0, 1) / n}, {c.cw(1, 0) / n, c.cw(1, 1) / n}});
        for (double a : alpha) {
            double[][] s = new double[2][n];
            for (int x = 0; x < 2; x++) {
                for (int j = 0; j < n; j++) {
                    s[x][j] = Math.tanh(z[x][j]);
                }
            }
            double[][] next = new double[2][n];
            for (int i = 0; i < n; i++) {
                double u = FourierResidualSampler.gaussian(random);
                double v = FourierResidualSampler.gaussian(random);
                double xiA = bias[0][0] * u;
                double xiB = bias[1][0] * u + bias[1][1] * v;
                for (int j = 0; j < n; j++) {
                    u = FourierResidualSampler.gaussian(random);
                    v = FourierResidualSampler.gaussian(random);
                    xiA += weight[0][0] * u * s[0][j];
                    xiB += (weight[1][0] * u + weight[1][1] * v) * s[1][j];
                }
                next[0][i] = z[0][i] + a * xiA;
                next[1][i] = z[1][i] + a * xiB;
            }
            z = next;
        }
        return new double[][][] {initial, kernel(z, n)};
    }

    private static double[][] kernel(double[][] z, int n) {
        double[][] g = new double[2][2];
        for (int i = 0; i < n; i++) {
            double sa = Math.tanh(z[0][i]);
            double sb = Math.tanh(z[1][i]);
            g[0][0] += sa * sa / n;
            g[0][1] += sa * sb / n;
            g[1][1] += sb * sb / n;
        }
        g[1][0] = g[0][1];
        return g;
    }

    private static double[][] cholesky(double[][] m) {
        double l00 = Math.sqrt(m[0][0]);
        double l10 = m[1][0] / l00;
        double l11 = Math.sqrt(Math.max(0, m[1][1] - l10 * l10));
        return new double[][] {{l00, 0}, {l10, l11}};
    }
}
