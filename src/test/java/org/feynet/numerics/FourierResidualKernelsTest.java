package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.feynet.lang.ModelReader;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.LearningRates;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Variable;
import org.feynet.numerics.FourierResidualKernels.Kernels;
import org.feynet.numerics.FourierResidualKernels.MaskAverage;
import org.feynet.numerics.FourierResidualKernels.MaskPattern;
import org.feynet.numerics.KernelBrackets.Brackets;
import org.junit.jupiter.api.Test;

/**
 * The infinite-width kernels of the Fourier-feature residual network against results computed without them: the
 * characteristic function of the Gaussian frequencies (Monte Carlo over B), the exact sin engine and the arcsine
 * kernel of erf (for the quadrature), the residual network's own mean-field recursion (p = 1), and the mask average
 * computed by the distribution recursion and by Monte Carlo over patterns.
 */
class FourierResidualKernelsTest {

    static final double[][] INPUTS = {{0.5, 0.0}, {0.25, 0.433}, {-0.25, 0.433}, {-0.5, 0.0}, {0.0, -0.3}};
    static final Variable Z = new Variable("z");

    static Activation tanh() {
        return new Activation("tanh", new Call(Function.TANH, List.of(Z)), ClosedForm.NONE);
    }

    static Activation erf() {
        return new Activation("erf", new Call(Function.ERF, List.of(Z)), ClosedForm.ERF);
    }

    static FourierResidualNetwork network(Activation sigma, double[] alpha, double keep, double scale) {
        return new FourierResidualNetwork("ecrn", sigma, alpha.length, new FourierFeatures(0, scale), 0.05, 1.0,
                alpha, keep, new LearningRates(0.7, 1.3), INPUTS, 0);
    }

    static double[] uniform(int depth) {
        double[] alpha = new double[depth];
        java.util.Arrays.fill(alpha, 1 / Math.sqrt(depth));
        return alpha;
    }

    /**
     * gamma.gamma' = (1/m) sum_k cos(2 pi b_k.(x - x')) with b_k ~ N(0, s^2 I): the sample mean over m = 40000
     * frequencies must lie within 5 standard errors (the sample standard deviation of the cosines over sqrt(m)) of
     * exp(-2 pi^2 s^2 |x - x'|^2), for every pair.
     */
    @Test
    void fourierGramIsTheMeanOfTheFiniteFeatureGram() {
        double s = 0.8;
        double[][] g = FourierResidualKernels.fourierGram(s, INPUTS);
        Random random = new Random(7);
        int m = 40_000;
        double[][] b = new double[m][2];
        for (double[] row : b) {
            row[0] = s * random.nextGaussian();
            row[1] = s * random.nextGaussian();
        }
        for (int a = 0; a < INPUTS.length; a++) {
            for (int c = 0; c < INPUTS.length; c++) {
                double sum = 0;
                double sum2 = 0;
                for (double[] freq : b) {
                    double phase = 2 * Math.PI * (freq[0] * (INPUTS[a][0] - INPUTS[c][0])
                            + freq[1] * (INPUTS[a][1] - INPUTS[c][1]));
                    sum += Math.cos(phase);
                    sum2 += Math.cos(phase) * Math.cos(phase);
                }
                double mean = sum / m;
                double se = Math.sqrt(Math.max(sum2 / m - mean * mean, 0) / m);
                assertEquals(g[a][c], mean, 5 * se + 1e-12, "pair " + a + c);
            }
        }
        assertEquals(1.0, g[2][2], 0);
    }

    /** Quadrature against the exact engine of sin (SinMoments), and against S = K, D = 1 for the identity. */
    @Test
    void quadratureMatchesTheExactEngines() {
        double[][] k = FourierResidualKernels.fourierGram(0.4, INPUTS);
        for (int a = 0; a < k.length; a++) {
            k[a][a] += 0.3 * a;
        }
        Activation sin = new Activation("sin", new Call(Function.SIN, List.of(Z)), ClosedForm.SIN);
        Brackets exact = KernelBrackets.forActivation(sin).of(k);
        Brackets quad = KernelBrackets.quadrature(sin, 1).of(k);
        Brackets identity = KernelBrackets.quadrature(new Activation("z", Z, ClosedForm.LINEAR), 1).of(k);
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                assertEquals(exact.sigmaSigma()[a][b], quad.sigmaSigma()[a][b], 1e-12);
                assertEquals(exact.slopeSlope()[a][b], quad.slopeSlope()[a][b], 1e-12);
                assertEquals(k[a][b], identity.sigmaSigma()[a][b], 1e-12);
                assertEquals(1, identity.slopeSlope()[a][b], 1e-12);
            }
        }
    }

    /**
     * alpha = 0 leaves the Fourier kernel: NNGP = &lt;erf erf&gt;_G and NTK = &lt;erf erf&gt;_G + &lt;erf' erf'&gt;_G o G,
     * with the arcsine kernel (Williams 1997) (2/pi) asin(2 G_ab / sqrt((1 + 2 G_aa)(1 + 2 G_bb))) and its
     * derivative (4/pi) / sqrt((1 + 2 G_aa)(1 + 2 G_bb) - 4 G_ab^2), written out here.
     */
    @Test
    void vanishingResidualScalesLeaveTheFourierKernel() {
        FourierResidualNetwork net = network(erf(), new double[4], 0.6, 0.5);
        double[][] g = FourierResidualKernels.fourierGram(0.5, INPUTS);
        MaskAverage average = FourierResidualKernels.maskAverage(net, INPUTS);
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                double norm = (1 + 2 * g[a][a]) * (1 + 2 * g[b][b]);
                double ss = 2 / Math.PI * Math.asin(2 * g[a][b] / Math.sqrt(norm));
                double dd = 4 / Math.PI / Math.sqrt(norm - 4 * g[a][b] * g[a][b]);
                assertEquals(ss, average.nngp()[a][b], 1e-11);
                assertEquals(ss + dd * g[a][b], average.ntk()[a][b], 1e-11);
                assertEquals(0, average.ntkMaskVariance()[a][b], 1e-20);
            }
        }
    }

    /**
     * p = 1: the stream kernel K^(l) is the mean-field kernel of the residual network with eps_l = alpha_l and input
     * gram the Fourier kernel, which ResidualTheory computes with its own P-dimensional quadrature.
     */
    @Test
    void keepingEveryBlockIsTheResidualNetworksMeanField() {
        double[] alpha = {0.5, 0.2, 0.7, 0.4};
        FourierResidualNetwork net = network(tanh(), alpha, 1.0, 0.5);
        double[][] g = FourierResidualKernels.fourierGram(0.5, new double[][] {INPUTS[0], INPUTS[1]});
        StringBuilder text = new StringBuilder("network r {\n width n\n depth L = 4\n activation sigma(z) = tanh(z)\n"
                + " init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.05, Cw = 1.0\n input gram [[1.0, ")
                .append(g[0][1]).append("], [").append(g[0][1]).append(", 1.0]]\n")
                .append(" z[l+1] = z[l] + eps[l] * (b[l+1] + W[l+1] . sigma(z[l])) for l = 0 .. L-1\n")
                .append(" with eps = [0.5, 0.2, 0.7, 0.4]\n}\n");
        ResidualModel residual = ModelReader.parse("r.fnet", text.toString()).residuals().get(0);
        ResidualTheory theory = new ResidualTheory(residual);
        MaskAverage average = FourierResidualKernels.maskAverage(net, new double[][] {INPUTS[0], INPUTS[1]});
        assertEquals(1, average.patterns().size());
        assertEquals(1.0, average.patterns().get(0).probability(), 0);
        for (int l = 0; l <= 4; l++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(theory.meanField(l)[a][b], average.stream()[l][a][b], 1e-9, "layer " + l);
                }
            }
        }
    }

    /**
     * The enumeration over the 2^L patterns and the propagation of the state distribution (merging equal states)
     * give the same moments, with unequal scales (no merging: 2^L states) and equal scales (L + 1 states).
     */
    @Test
    void enumerationAndDistributionRecursionAgree() {
        for (double[] alpha : List.of(new double[] {0.5, 0.2, 0.7, 0.4, 0.3, 0.6}, uniform(8))) {
            FourierResidualNetwork net = network(tanh(), alpha, 0.8, 1.0);
            FourierResidualKernels kernels = new FourierResidualKernels(net);
            double[][] g = FourierResidualKernels.fourierGram(1.0, INPUTS);
            MaskAverage enumerated = kernels.maskAverage(g);
            MaskAverage recursion = kernels.distributionAverage(g);
            assertEquals(1 << alpha.length, enumerated.patterns().size());
            assertEquals(1.0, enumerated.patterns().stream().mapToDouble(MaskPattern::probability).sum(), 1e-12);
            for (int a = 0; a < g.length; a++) {
                for (int b = 0; b < g.length; b++) {
                    assertEquals(enumerated.ntk()[a][b], recursion.ntk()[a][b], 1e-12);
                    assertEquals(enumerated.nngp()[a][b], recursion.nngp()[a][b], 1e-12);
                    assertEquals(enumerated.ntkMaskVariance()[a][b], recursion.ntkMaskVariance()[a][b], 1e-10);
                    assertEquals(enumerated.stream()[alpha.length][a][b], recursion.stream()[alpha.length][a][b],
                            1e-12);
                }
            }
            assertTrue(enumerated.ntkMaskVariance()[0][0] > 1e-4, "masks move the NTK at O(1)");
        }
    }

    /**
     * Monte Carlo over masks: 4000 iid patterns drawn with p = 0.7, each evaluated by {@link
     * FourierResidualKernels#kernels}; the sample mean of the NTK is within 5 standard errors of the exact mean, and
     * the sample variance within 5 of its standard errors (estimated from the sample fourth central moment).
     */
    @Test
    void maskAverageMatchesMonteCarloOverPatterns() {
        double[] alpha = {0.5, 0.2, 0.7, 0.4, 0.3};
        FourierResidualNetwork net = network(tanh(), alpha, 0.7, 1.0);
        FourierResidualKernels kernels = new FourierResidualKernels(net);
        double[][] g = FourierResidualKernels.fourierGram(1.0, INPUTS);
        MaskAverage exact = kernels.maskAverage(g);
        Random random = new Random(11);
        int draws = 4000;
        double[] values = new double[draws];
        for (int t = 0; t < draws; t++) {
            boolean[] kept = new boolean[alpha.length];
            for (int l = 0; l < kept.length; l++) {
                kept[l] = random.nextDouble() < 0.7;
            }
            values[t] = kernels.kernels(g, kept).ntk()[0][1];
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double m2 = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        double m4 = java.util.Arrays.stream(values).map(v -> Math.pow(v - mean, 4)).average().orElseThrow();
        assertEquals(exact.ntk()[0][1], mean, 5 * Math.sqrt(m2 / draws));
        assertEquals(exact.ntkMaskVariance()[0][1], m2, 5 * Math.sqrt((m4 - m2 * m2) / draws));
    }

    /** The tanh quadrature is converged: doubling the nodes changes S and D by less than 1e-12. */
    @Test
    void tanhQuadratureIsConverged() {
        double[][] k = new FourierResidualKernels(network(tanh(), uniform(8), 1.0, 1.0))
                .kernels(FourierResidualKernels.fourierGram(1.0, INPUTS), allKept(8)).stream()[8];
        Brackets once = KernelBrackets.quadrature(tanh(), 1).of(k);
        Brackets twice = KernelBrackets.quadrature(tanh(), 2).of(k);
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                assertEquals(twice.sigmaSigma()[a][b], once.sigmaSigma()[a][b], 1e-12);
                assertEquals(twice.slopeSlope()[a][b], once.slopeSlope()[a][b], 1e-12);
            }
        }
    }

    static boolean[] allKept(int depth) {
        boolean[] kept = new boolean[depth];
        java.util.Arrays.fill(kept, true);
        return kept;
    }
}
