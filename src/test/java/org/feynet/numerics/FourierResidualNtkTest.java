package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.feynet.codegen.Evaluators;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.Closure;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.LearningRates;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Variable;
import org.junit.jupiter.api.Test;

/**
 * The mean NTK to order 1/n of the Fourier residual network against numbers that do not come from the coupled
 * copies: the infinite-width NTK recursion of {@link FourierResidualKernels} (another quadrature and another
 * derivation), the exact statement for a linear activation (no finite-width correction at any order: the output
 * covariance of two linear copies obeys a closed width-independent recursion), and the mask average against patterns
 * enumerated one by one as networks without masks. Sampling: sampling.CoupledCopiesSamplingTest (the route with pair
 * couplings) and sampling.FourierResidualNtkSamplingTest (the NTK of explicit networks).
 */
class FourierResidualNtkTest {

    static final double[][] INPUTS = {{0.3, 0.0}, {0.2121, 0.2121}};

    static FourierResidualNetwork network(Activation activation, double[] alpha, double keep) {
        return new FourierResidualNetwork("ecrn", activation, alpha.length, new FourierFeatures(0, 1.0), 0.05, 1.0,
                alpha, keep, new LearningRates(1, 1), INPUTS, 1);
    }

    static Activation erf() {
        return new Activation("erf", new Call(Function.ERF, List.of(new Variable("z"))), ClosedForm.NONE);
    }

    /** The order-0 part is the mask-averaged NTK of the recursion, for tanh and erf and unequal rates. */
    @Test
    void leadingOrderIsTheNtkRecursion() {
        for (Activation sigma : List.of(FourierResidualFiniteWidthTest.tanh(), erf())) {
            FourierResidualNetwork net = new FourierResidualNetwork("ecrn", sigma, 3, new FourierFeatures(0, 1.0),
                    0.1, 0.9, new double[] {1.2, 0.6, 1.6}, 0.7, new LearningRates(0.6, 1.4), INPUTS, 1);
            FourierResidualNtk.Ntk r = FourierResidualNtk.of(net, INPUTS, Evaluators.residual(Closure.EXACT));
            FourierResidualKernels.MaskAverage average = FourierResidualKernels.maskAverage(net, INPUTS);
            double[][] ntk = average.ntk();
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(ntk[a][b], r.ntk0()[a][b], 2e-5 * ntk[a][a], sigma.name() + " " + a + b);
                    assertEquals(average.ntkMaskVariance()[a][b], r.maskVariance0()[a][b],
                            1e-4 * average.ntkMaskVariance()[a][a], sigma.name() + " mask variance " + a + b);
                }
            }
        }
    }

    /**
     * A linear network: for copies with correlated parameters E[z^A . z^B / n] obeys K' = K + alpha^2 (Cb_AB + Cw_AB K)
     * exactly at every width (W is independent of the stream it multiplies), so E[Theta] has no 1/n correction, and its
     * infinite-width value is the recursion Theta' = Theta + alpha^2 (lambda_b + lambda_W K + Cw Theta), output K + Theta.
     */
    @Test
    void linearNetworksHaveNoFiniteWidthCorrection() {
        Activation linear = new Activation("linear", new Variable("z"), ClosedForm.LINEAR);
        double[] alpha = {0.9, 0.5, 1.1};
        FourierResidualNetwork net = network(linear, alpha, 0.6);
        FourierResidualNtk.Ntk r = FourierResidualNtk.of(net, INPUTS, Evaluators.residual(Closure.EXACT));
        double[][] gram = FourierResidualKernels.fourierGram(1.0, INPUTS);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double expected = 0;
                for (int pattern = 0; pattern < 8; pattern++) {
                    double probability = 1;
                    double k = gram[a][b];
                    double theta = gram[a][b];
                    for (int l = 0; l < 3; l++) {
                        boolean kept = (pattern >> l & 1) == 1;
                        probability *= kept ? 0.6 : 0.4;
                        if (kept) {
                            double e2 = alpha[l] * alpha[l];
                            theta += e2 * (1 + k + theta);
                            k += e2 * (0.05 + k);
                        }
                    }
                    expected += probability * (k + theta);
                }
                assertEquals(expected, r.ntk0()[a][b], 1e-6 * expected, "ntk0 " + a + b);
                assertEquals(0, r.ntk1()[a][b], 1e-5 * expected, "ntk1 " + a + b);
            }
        }
    }

    /**
     * The mask average equals the average over the 2^L patterns, each evaluated as the network of its kept blocks
     * without masks (p = 1); the pattern without blocks has no 1/n correction (z^(0) has iid rows).
     */
    @Test
    void maskAverageIsTheAverageOfThePatterns() {
        double[] alpha = {1.2, 0.6, 1.6};
        double keep = 0.7;
        Activation tanh = FourierResidualFiniteWidthTest.tanh();
        FourierResidualNtk.Ntk averaged = FourierResidualNtk.of(network(tanh, alpha, keep), INPUTS,
                Evaluators.residual(Closure.EXACT));
        double[][] expected = new double[2][2];
        double[][][] order0 = new double[8][][];
        double[][][] order1 = new double[8][2][2];
        double[] probabilities = new double[8];
        // the pattern without blocks: z^(0) alone, iid rows, no 1/n correction
        order0[0] = FourierResidualKernels.infiniteWidth(network(tanh, alpha, keep), INPUTS, new boolean[3]).ntk();
        probabilities[0] = Math.pow(1 - keep, 3);
        for (int pattern = 1; pattern < 8; pattern++) {
            double probability = 1;
            List<Double> kept = new ArrayList<>();
            for (int l = 0; l < 3; l++) {
                boolean k = (pattern >> l & 1) == 1;
                probability *= k ? keep : 1 - keep;
                if (k) {
                    kept.add(alpha[l]);
                }
            }
            double[] scales = kept.stream().mapToDouble(Double::doubleValue).toArray();
            FourierResidualNtk.Ntk one = FourierResidualNtk.of(network(tanh, scales, 1.0), INPUTS,
                    Evaluators.residual(Closure.EXACT));
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    expected[a][b] += probability * one.ntk1()[a][b];
                }
            }
            probabilities[pattern] = probability;
            order0[pattern] = one.ntk0();
            order1[pattern] = one.ntk1();
        }
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(expected[a][b], averaged.ntk1()[a][b], 1e-9, "ntk1 " + a + b);
                // Var_m of the pattern means to 1/n: 2 Cov_m(ntk0(m), ntk1(m))
                double mean0 = 0;
                for (int m = 0; m < 8; m++) {
                    mean0 += probabilities[m] * order0[m][a][b];
                }
                double covariance = 0;
                for (int m = 0; m < 8; m++) {
                    covariance += probabilities[m] * (order0[m][a][b] - mean0) * (order1[m][a][b] - expected[a][b]);
                }
                assertEquals(2 * covariance, averaged.maskVariance1()[a][b], 1e-6 * Math.abs(2 * covariance),
                        "mask variance " + a + b);
            }
        }
        assertTrue(Math.abs(averaged.ntk1()[0][1]) > 0.1, "a visible correction: " + averaged.ntk1()[0][1]);
    }

    /** The extrapolation to 0 is exact for polynomials (in eta, or in sqrt(eta)) of degree below the number of points. */
    @Test
    void extrapolationWeightsAreExactForPolynomials() {
        double[][] r = new double[4][1];
        for (int k = 1; k <= 4; k++) {
            double eta = 0.01 * k;
            r[k - 1][0] = 2.5 - 3 * eta + 7 * eta * eta - 11 * eta * eta * eta;
        }
        double[] x = FourierResidualNtk.nodes(4, false);
        assertEquals(2.5, FourierResidualNtk.atZero(r, 0, x, 0, 4), 1e-12);
        assertEquals(2.5 - 11 * 0.01 * 0.02 * 0.03, FourierResidualNtk.atZero(r, 0, x, 0, 3), 1e-12);
        assertEquals(2.5 - 11 * 0.02 * 0.03 * 0.04, FourierResidualNtk.atZero(r, 0, x, 1, 3), 1e-12);
        // in half powers: a cubic in sqrt(eta) through sqrt(k h)
        double[] t = FourierResidualNtk.nodes(4, true);
        for (int k = 1; k <= 4; k++) {
            double s = Math.sqrt(0.01 * k);
            r[k - 1][0] = 1.5 + 2 * s - 4 * s * s + 5 * s * s * s;
        }
        assertEquals(1.5, FourierResidualNtk.atZero(r, 0, t, 0, 4), 1e-12);
    }
}
