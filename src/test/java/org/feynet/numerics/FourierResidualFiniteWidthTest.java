package org.feynet.numerics;

import static org.feynet.numerics.ResidualExactChecksTest.forEach;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.feynet.codegen.Evaluators;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.LearningRates;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Variable;
import org.junit.jupiter.api.Test;

/**
 * The 1/n NNGP of the Fourier residual network against numbers that do not use its mask bookkeeping: the
 * infinite-width NNGP of {@link FourierResidualKernels}, the closed form of a linear activation averaged over
 * explicitly enumerated patterns, and the causality of the exact route that lets one run serve every prefix.
 * The Monte Carlo check is {@code sampling.FourierResidualNngpSamplingTest}.
 */
class FourierResidualFiniteWidthTest {

    static final double[][] INPUTS = {{0.3, 0.0}, {0.2121, 0.2121}};

    static FourierResidualNetwork network(Activation activation, double[] alpha, double keep) {
        return new FourierResidualNetwork("ecrn", activation, alpha.length, new FourierFeatures(0, 1.0), 0.05, 1.0,
                alpha, keep, new LearningRates(1, 1), INPUTS, 1);
    }

    static Activation tanh() {
        return new Activation("tanh", new Call(Function.TANH, List.of(new Variable("z"))), ClosedForm.NONE);
    }

    /** The infinite-width part agrees with the kernel recursion's mask average (a different quadrature). */
    @Test
    void leadingOrderIsTheMaskAveragedNngp() {
        FourierResidualNetwork net = network(tanh(), new double[] {1.2, 0.6, 1.6}, 0.7);
        FourierResidualFiniteWidth.Nngp r = FourierResidualFiniteWidth.of(net, net.inputs(),
                Evaluators.residual(Closure.EXACT));
        double[][] nngp = FourierResidualKernels.maskAverage(net, net.inputs()).nngp();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(nngp[a][b], r.nngp0()[a][b], 1e-5);
            }
        }
        assertEquals(4, r.runs(), "8 patterns, 4 maximal kept sequences");
    }

    /**
     * Linear activation: G = R and, per pattern, E R^(l+1) = R^(l) + eps^2 (Cb + Cw R^(l)) exactly (nngp1 = 0), while
     * n Cov(R_ab, R_cd) follows V' = (1 + eps^2 Cw)^2 V + eps^2 (K_ac S_bd + K_ad S_bc + K_bc S_ad + K_bd S_ac)
     * + eps^4 (S_ac S_bd + S_ad S_bc), S = Cb + Cw K, V^(0) = K_ac K_bd + K_ad K_bc (ResidualExactChecksTest); averaged
     * here over the 2^L patterns enumerated one by one with probability p^k (1 - p)^(L - k).
     */
    @Test
    void linearActivationMatchesTheClosedFormAveragedOverPatterns() {
        Activation linear = new Activation("linear", new Variable("z"), ClosedForm.LINEAR);
        double[] alpha = {0.8, 0.4, 0.6};
        double keep = 0.7;
        FourierResidualNetwork net = network(linear, alpha, keep);
        FourierResidualFiniteWidth.Nngp r = FourierResidualFiniteWidth.of(net, net.inputs(),
                Evaluators.residual(Closure.EXACT));
        double[][] gram = FourierResidualKernels.fourierGram(1.0, INPUTS);
        double[][][][] expected = new double[2][2][2][2];
        int depth = alpha.length;
        for (int pattern = 0; pattern < (1 << depth); pattern++) {
            double probability = 1;
            double[][] k = org.feynet.model.Matrices.copy(gram);
            double[][][][] v = new double[2][2][2][2];
            forEach((a, b, c, d) -> v[a][b][c][d] = gram[a][c] * gram[b][d] + gram[a][d] * gram[b][c]);
            for (int l = 0; l < depth; l++) {
                boolean kept = (pattern >> l & 1) == 1;
                probability *= kept ? keep : 1 - keep;
                if (kept) {
                    linearStep(k, v, alpha[l] * alpha[l], net.cb(), net.cw());
                }
            }
            final double w = probability;
            forEach((a, b, c, d) -> expected[a][b][c][d] += w * v[a][b][c][d]);
        }
        forEach((a, b, c, d) -> assertEquals(expected[a][b][c][d], r.v4()[a][b][c][d], 1e-6 * expected[0][0][0][0],
                "V4 " + a + b + c + d));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(0, r.nngp1()[a][b], 1e-7);
            }
        }
    }

    /**
     * The pairwise route on three inputs (each entry from the network on one pair of inputs) agrees with the runs on
     * the pairs {0, 1}, {0, 2}, {1, 2} done separately with two-input networks (exact restriction: to rounding), and
     * it is symmetric.
     */
    @Test
    void pairwiseRestrictsToTwoInputNetworks() {
        double[][] three = {{0.3, 0.0}, {0.2121, 0.2121}, {0.0, 0.25}};
        FourierResidualNetwork net = new FourierResidualNetwork("ecrn", tanh(), 2, new FourierFeatures(0, 1.0), 0.05,
                1.0, new double[] {1.2, 0.6}, 0.7, new LearningRates(1, 1), three, 1);
        FourierResidualFiniteWidth.Pairwise pairs = FourierResidualFiniteWidth.pairwise(net, three,
                Evaluators.residual(Closure.EXACT));
        int[][] subsets = {{0, 1}, {0, 2}, {1, 2}};
        for (int[] s : subsets) {
            FourierResidualFiniteWidth.Nngp joint = FourierResidualFiniteWidth.of(net,
                    new double[][] {three[s[0]], three[s[1]]}, Evaluators.residual(Closure.EXACT));
            assertEquals(joint.nngp0()[0][1], pairs.nngp0()[s[0]][s[1]], 1e-12);
            assertEquals(joint.nngp1()[0][1], pairs.nngp1()[s[1]][s[0]], 1e-12);
            assertEquals(joint.v4()[0][1][0][1], pairs.variance()[s[0]][s[1]], 1e-12);
            assertEquals(joint.nngp1()[1][1], pairs.nngp1()[s[1]][s[1]], 2e-3 * Math.abs(joint.nngp1()[1][1]));
        }
    }

    /** The statistics of layer j do not depend on the scales after it, so one run serves every prefix. */
    @Test
    void exactRouteIsCausal() {
        double[][] gram = FourierResidualKernels.fourierGram(1.0, INPUTS);
        ResidualStatistics longer = new ResidualTheory(new ResidualModel("r", tanh(), 0.05, 1.0,
                new double[] {1.2, 0.6, 1.6}, gram, Closure.EXACT)).run(Evaluators.residual(Closure.EXACT), null);
        ResidualStatistics shorter = new ResidualTheory(new ResidualModel("r", tanh(), 0.05, 1.0,
                new double[] {1.2, 0.6}, gram, Closure.EXACT)).run(Evaluators.residual(Closure.EXACT), null);
        ResidualStatistics.Kernel a = longer.layers().get(2).metric();
        ResidualStatistics.Kernel b = shorter.layers().get(2).metric();
        forEach((i, j, k, l) -> assertEquals(b.v4()[i][j][k][l], a.v4()[i][j][k][l], 1e-12));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(b.k1()[i][j], a.k1()[i][j], 1e-12);
                assertEquals(b.k0()[i][j], a.k0()[i][j], 1e-12);
            }
        }
    }

    /** Equal scales: the kept sequences are the counts k with binomial probabilities, one run of depth L. */
    @Test
    void equalScalesMergeIntoBinomialCounts() {
        FourierResidualNetwork net = network(tanh(), new double[] {0.5, 0.5, 0.5, 0.5}, 0.3);
        Map<List<Double>, Double> s = FourierResidualFiniteWidth.sequences(net);
        assertEquals(5, s.size());
        for (int k = 0; k <= 4; k++) {
            double binomial = org.hipparchus.util.CombinatoricsUtils.binomialCoefficientDouble(4, k)
                    * Math.pow(0.3, k) * Math.pow(0.7, 4 - k);
            assertEquals(binomial, s.get(java.util.Collections.nCopies(k, 0.5)), 1e-15);
        }
        assertEquals(1, FourierResidualFiniteWidth.maximal(s.keySet()).size());
    }

    static void linearStep(double[][] k, double[][][][] v, double e2, double cb, double cw) {
        double[][] s = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                s[a][b] = cb + cw * k[a][b];
            }
        }
        double grow = (1 + e2 * cw) * (1 + e2 * cw);
        double[][][][] next = new double[2][2][2][2];
        forEach((a, b, c, d) -> next[a][b][c][d] = grow * v[a][b][c][d]
                + e2 * (k[a][c] * s[b][d] + k[a][d] * s[b][c] + k[b][c] * s[a][d] + k[b][d] * s[a][c])
                + e2 * e2 * (s[a][c] * s[b][d] + s[a][d] * s[b][c]));
        forEach((a, b, c, d) -> v[a][b][c][d] = next[a][b][c][d]);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                k[a][b] += e2 * s[a][b];
            }
        }
    }
}
