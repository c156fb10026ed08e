package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.LearningRates;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Variable;
import org.feynet.numerics.FourierResidualKernels;
import org.feynet.numerics.FourierResidualKernels.MaskAverage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The infinite-width kernels of the Fourier-feature residual network against explicit finite networks (backprop
 * NTK, masks and frequencies drawn per network, m = 4096): at each width n the sample mean and the sample variance
 * over networks of NTK entries, with their standard errors (s / sqrt(N) for the mean, sqrt((m4 - m2^2) / N) for the
 * variance, m_k the sample central moments), are fitted by c0 + c1/n (weighted least squares, {@link
 * WidthSeriesFit}); c0 must match the exact mask average and the exact mask variance within 4 of its fitted standard
 * errors. The finite-m bias of the mean over B is O(1/m), about 1e-4 here, well below those errors (about 1e-2).
 */
class FourierResidualSamplingTest {

    static final List<Integer> WIDTHS = List.of(32, 64, 128, 256);
    static final int NETWORKS = 3000;
    static final int[][] ENTRIES = {{0, 0}, {0, 1}, {1, 2}};

    static FourierResidualNetwork network() {
        Activation tanh = new Activation("tanh", new Call(Function.TANH, List.of(new Variable("z"))), ClosedForm.NONE);
        double[][] inputs = {{0.3, 0.0}, {0.2121, 0.2121}, {0.0, 0.3}};
        return new FourierResidualNetwork("ecrn", tanh, 4, new FourierFeatures(4096, 1.0), 0.05, 1.0,
                new double[] {0.8, 0.4, 0.6, 0.5}, 0.7, new LearningRates(0.7, 1.3), inputs, 0);
    }

    @Test
    @Tag("slow")
    void maskAveragedNtkAndMaskVarianceMatchFiniteNetworksExtrapolatedInOneOverN() {
        FourierResidualNetwork net = network();
        MaskAverage exact = FourierResidualKernels.maskAverage(net, net.inputs());
        int w = WIDTHS.size();
        double[][] means = new double[ENTRIES.length][w];
        double[][] meanErrors = new double[ENTRIES.length][w];
        double[][] variances = new double[ENTRIES.length][w];
        double[][] varianceErrors = new double[ENTRIES.length][w];
        SplittableRandom random = new SplittableRandom(20261201);
        for (int k = 0; k < w; k++) {
            FourierResidualSampler sampler = new FourierResidualSampler(net, WIDTHS.get(k), 4096);
            double[][] values = new double[ENTRIES.length][NETWORKS];
            for (int t = 0; t < NETWORKS; t++) {
                double[][] ntk = sampler.draw(random).ntk();
                for (int e = 0; e < ENTRIES.length; e++) {
                    values[e][t] = ntk[ENTRIES[e][0]][ENTRIES[e][1]];
                }
            }
            for (int e = 0; e < ENTRIES.length; e++) {
                double[] m = moments(values[e]);
                means[e][k] = m[0];
                meanErrors[e][k] = Math.sqrt(m[1] / NETWORKS);
                variances[e][k] = m[1] * NETWORKS / (NETWORKS - 1.0);
                varianceErrors[e][k] = Math.sqrt((m[2] - m[1] * m[1]) / NETWORKS);
            }
        }
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int e = 0; e < ENTRIES.length; e++) {
            int a = ENTRIES[e][0];
            int b = ENTRIES[e][1];
            WidthSeriesFit mean = WidthSeriesFit.of(WIDTHS, means[e], meanErrors[e], 2);
            WidthSeriesFit var = WidthSeriesFit.of(WIDTHS, variances[e], varianceErrors[e], 2);
            double meanPull = (mean.coefficients()[0] - exact.ntk()[a][b]) / mean.errors()[0];
            double varPull = (var.coefficients()[0] - exact.ntkMaskVariance()[a][b]) / var.errors()[0];
            report.append(String.format(java.util.Locale.ROOT, "Theta_%d%d: exact %.5f, fit %.5f +- %.5f (pull %.2f,"
                    + " chi2 %.1f/%d); mask var exact %.5f, fit %.5f +- %.5f (pull %.2f, chi2 %.1f/%d)%n", a, b,
                    exact.ntk()[a][b], mean.coefficients()[0], mean.errors()[0], meanPull, mean.chiSquare(),
                    mean.degreesOfFreedom(), exact.ntkMaskVariance()[a][b], var.coefficients()[0], var.errors()[0],
                    varPull, var.chiSquare(), var.degreesOfFreedom()));
            ok &= Math.abs(meanPull) < 4 && Math.abs(varPull) < 4;
        }
        System.out.print(report);
        assertTrue(ok, report.toString());
    }

    /** Mean, second and fourth central moments. */
    static double[] moments(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double m2 = 0;
        double m4 = 0;
        for (double x : v) {
            double d = (x - mean) * (x - mean);
            m2 += d;
            m4 += d * d;
        }
        return new double[] {mean, m2 / v.length, m4 / v.length};
    }
}
