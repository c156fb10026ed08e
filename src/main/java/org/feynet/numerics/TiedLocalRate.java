package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;

/**
 * The finite-width local decay rate of a weight-tied network's kernel, step by step (docs/METHOD.md, "Correlation
 * depth at finite width", weight-tied networks).
 *
 * <p>With shared weights the 1/n correction K1(t) of E[R^(t)] = K0(t) + K1(t)/n does not settle at a fixed point, so
 * there is no single rate chi + chi_1/n to linearise. What is defined at every step is the local rate of the approach,
 * <pre>
 *   r(t) = (K(t+1) - K(t+2)) / (K(t) - K(t+1)),   K = K0 + K1/n,   t = 1 .. T-2,
 * </pre>
 * and, with D(t) = K(t) - K(t+1) = D0(t) + D1(t)/n, its expansion r(t) = r0(t) + r1(t)/n + O(1/n^2) with
 * <pre>
 *   r0(t) = D0(t+1) / D0(t),   r1(t) = (D1(t+1) - r0(t) D1(t)) / D0(t),
 * </pre>
 * the local correlation depth xi(t) = -1/ln|r(t)| = xi0(t) + xi1(t)/n with xi1 = r1 / (r0 ln^2|r0|). For independent
 * layers r0(t) -&gt; chi_par and r1(t) -&gt; chi_par_1 ({@link FiniteWidthDepth}); tied, r1(t) keeps changing with t,
 * the O(t/n) correction of the collective-field expansion. r1 is linear in K1(t), K1(t+1), K1(t+2); its quadrature
 * error is the spread over the random shifts of the same combination of the per-shift K1 (the shifts share their
 * points across steps, so the three are correlated), divided by sqrt(S).
 *
 * @param step   t
 * @param r0     the infinite-width local rate
 * @param r1     its 1/n coefficient
 * @param r1Error the quadrature standard error of r1
 * @param xi0    -1/ln|r0|, or NaN when |r0| is not below 1
 * @param xi1    the 1/n coefficient of xi, or NaN with xi0
 * @param xi1Error its standard error
 */
public record TiedLocalRate(int step, double r0, double r1, double r1Error, double xi0, double xi1,
                            double xi1Error) {

    /** Relative size of D0(t) below which the kernel has reached its fixed point and the rate is not defined. */
    static final double SETTLED = 1e-9;

    /**
     * The local rates of entry (a, a) at steps 1 .. T-2 of a collective-field result, as far as the kernel still
     * moves (D0(t) above {@link #SETTLED} of K0(t)).
     */
    public static List<TiedLocalRate> of(CollectiveFieldTheory.Result result, int a) {
        List<CollectiveFieldTheory.Step> steps = result.steps();
        List<TiedLocalRate> out = new ArrayList<>();
        for (int t = 0; t + 2 < steps.size(); t++) {
            double[] k0 = new double[3];
            double[] k1 = new double[3];
            double[][] shifts = new double[3][];
            for (int j = 0; j < 3; j++) {
                CollectiveFieldTheory.Step s = steps.get(t + j);
                k0[j] = s.k0()[a][a];
                k1[j] = s.k1()[a][a];
                shifts[j] = s.k1Shifts()[a][a];
            }
            double d0 = k0[0] - k0[1];
            if (!(Math.abs(d0) > SETTLED * Math.abs(k0[0]))) {
                break;
            }
            double r0 = (k0[1] - k0[2]) / d0;
            double r1 = coefficient(k1, r0, d0);
            int count = shifts[0].length;
            double[] perShift = new double[count];
            for (int s = 0; s < count; s++) {
                perShift[s] = coefficient(new double[] {shifts[0][s], shifts[1][s], shifts[2][s]}, r0, d0);
            }
            double error = standardError(perShift);
            double log = Math.log(Math.abs(r0));
            boolean decays = Math.abs(r0) < 1 && r0 != 0;
            double xi0 = decays ? -1 / log : Double.NaN;
            double toXi = decays ? 1 / (r0 * log * log) : Double.NaN;
            out.add(new TiedLocalRate(t + 1, r0, r1, error, xi0, r1 * toXi, Math.abs(toXi) * error));
        }
        return out;
    }

    /** r1 = (D1(t+1) - r0 D1(t)) / D0(t) from K1 at t, t+1, t+2. */
    private static double coefficient(double[] k1, double r0, double d0) {
        return ((k1[1] - k1[2]) - r0 * (k1[0] - k1[1])) / d0;
    }

    private static double standardError(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double square = 0;
        for (double v : x) {
            square += (v - mean) * (v - mean);
        }
        return Math.sqrt(square / (x.length - 1) / x.length);
    }
}
