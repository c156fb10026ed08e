package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.model.Activation;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.CollectiveFieldTheory;
import org.feynet.numerics.GaussianEngines;
import org.feynet.numerics.TiedLocalRate;
import org.junit.jupiter.api.Test;

/**
 * The local rate of a weight-tied network's kernel at order 1/n ({@link TiedLocalRate}) for a linear tied network
 * (sigma(z) = z, Cb = 0, one input K), where everything is exact: K0(t) = Cw^(t-1) K, so r0 = Cw, and
 * K1(t) = K Cw^m lim n (n^(-m-1) E tr((G^m)^T G^m) - 1), m = t - 1, from Wick's theorem for Gaussian matrices
 * ({@link GaussianMatrixWick}, as in {@link CollectiveFieldWickTest}). The exact r1(t) is read off the rate of
 * K0 + K1/n itself at a large n (the definition, not the expansion): it is 0, since K1(t) is proportional to K0(t)
 * here (E tr((G^m)^T G^m) / n^(m+1) = 1 + O(1/n^2) for m = 1, 2), and the route's r1 must agree within 4.5 of its
 * quadrature errors, which must stay below 0.25. The sampling check of a non-linear tied network's r1 is in
 * docs/VALIDATION.md.
 */
class TiedLocalRateTest {

    private static final double CW = 0.7;
    private static final double K = 1.2;
    private static final int STEPS = 6;

    @Test
    void linearTiedNetworkHasTheExactLocalRates() {
        Activation linear = Networks.linear();
        CollectiveFieldTheory.Result field = CollectiveFieldTheory.evaluate(ScalarFunction.of(linear.expression()),
                GaussianEngines.forActivation(linear, Evaluators.jet(new ActivationCalculus(linear))), 0, CW,
                new double[][] {{K}}, STEPS, true, new CollectiveFieldTheory.Quadrature(16, 1 << 13, 3));
        List<TiedLocalRate> rates = TiedLocalRate.of(field, 0);
        assertEquals(STEPS - 2, rates.size());
        double[] k0 = new double[STEPS + 1];
        double[] k1 = new double[STEPS + 1];
        for (int t = 1; t <= STEPS; t++) {
            int m = t - 1;
            k0[t] = K * Math.pow(CW, m);
            k1[t] = m == 0 ? 0 : K * Math.pow(CW, m) * GaussianMatrixWick.richardson(n -> n * (Math.pow(n, -m - 1)
                    * GaussianMatrixWick.traceOfPowers(true, m, m, n) - 1));
        }
        for (TiedLocalRate rate : rates) {
            int t = rate.step();
            double width = 1e6;
            double exact = width * (rate(k0, k1, t, width) - rate(k0, k1, t, Double.POSITIVE_INFINITY));
            assertEquals(CW, rate.r0(), 1e-12);
            assertEquals(exact, rate.r1(), 4.5 * rate.r1Error() + 1e-4, "r1 at step " + t);
            assertTrue(rate.r1Error() < 0.25, "r1 error " + rate.r1Error() + " at " + t);
            assertEquals(-1 / Math.log(CW), rate.xi0(), 1e-12);
            assertEquals(rate.r1() / (CW * Math.log(CW) * Math.log(CW)), rate.xi1(), 1e-12 * Math.abs(rate.xi1()));
            assertEquals(0, exact, 1e-5, "a linear tied network's K1(t) is proportional to K0(t)");
        }
    }

    /**
     * The expansion and its error on a synthetic result: K0(t) = 0.5 + 0.4 (0.6)^t and K1(t) = 0.3 t - 0.2 + 0.1
     * (0.6)^t with per-shift values scattered about it. r1 must be the 1/n slope of the rate of K0 + K1/n (by its
     * definition, at n = 10^7), and its error the standard error of the same combination over the shifts.
     */
    @Test
    void theCoefficientIsTheSlopeOfTheRateAndItsErrorTheSpreadOverShifts() {
        int steps = 7;
        int shifts = 5;
        double[] k0 = new double[steps + 1];
        double[] k1 = new double[steps + 1];
        double[][] perShift = new double[steps + 1][shifts];
        java.util.List<CollectiveFieldTheory.Step> list = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int t = 1; t <= steps; t++) {
            k0[t] = 0.5 + 0.4 * Math.pow(0.6, t);
            for (int s = 0; s < shifts; s++) {
                perShift[t][s] = 0.3 * t - 0.2 + 0.1 * Math.pow(0.6, t) + 0.05 * random.nextGaussian();
                k1[t] += perShift[t][s] / shifts;
            }
            list.add(new CollectiveFieldTheory.Step(t, new double[][] {{k0[t]}}, new double[][] {{k1[t]}},
                    new double[1][1][1][1], new double[1][1], new double[1][1][1][1],
                    new double[][][] {{perShift[t].clone()}}));
        }
        List<TiedLocalRate> rates = TiedLocalRate.of(new CollectiveFieldTheory.Result(true, list, null), 0);
        assertEquals(steps - 2, rates.size());
        for (TiedLocalRate rate : rates) {
            int t = rate.step();
            double width = 1e7;
            double slope = width * (rate(k0, k1, t, width) - rate(k0, k1, t, Double.POSITIVE_INFINITY));
            assertEquals(0.6, rate.r0(), 1e-12);
            assertEquals(slope, rate.r1(), 1e-5 * Math.max(1, Math.abs(slope)), "r1 at " + t);
            double[] combination = new double[shifts];
            double mean = 0;
            for (int s = 0; s < shifts; s++) {
                double[] one = new double[steps + 1];
                for (int u = 1; u <= steps; u++) {
                    one[u] = perShift[u][s];
                }
                combination[s] = width * (rate(k0, one, t, width) - rate(k0, one, t, Double.POSITIVE_INFINITY));
                mean += combination[s] / shifts;
            }
            double square = 0;
            for (double c : combination) {
                square += (c - mean) * (c - mean);
            }
            assertEquals(Math.sqrt(square / (shifts - 1) / shifts), rate.r1Error(), 1e-4 * rate.r1Error(),
                    "error at " + t);
        }
    }

    /** (K(t+1) - K(t+2)) / (K(t) - K(t+1)) of K = K0 + K1/n. */
    private static double rate(double[] k0, double[] k1, int t, double n) {
        double[] k = new double[3];
        for (int j = 0; j < 3; j++) {
            k[j] = k0[t + j] + k1[t + j] / n;
        }
        return (k[1] - k[2]) / (k[0] - k[1]);
    }
}
