package org.feynet.dmft;

/**
 * The running mean of the iterates of {@link DmftSolver} over the tail of an iteration that does not settle
 * (Polyak-Ruppert averaging): kbar = (1/W) sum_{i=1}^{W} k_i for every kernel and response entry, and of the outputs
 * fbar, with the spread of the iterates' outputs, max over (t, mu) of sd_i f_i(t, mu) (sd with divisor W - 1).
 * Where the iterates fluctuate around the fixed point by a bounded amount (the sampling solver with a kinked
 * activation, docs/METHOD.md), the mean is within about that spread over sqrt(W_eff) of it, W_eff the number of
 * effectively independent iterates; the replicas' spread, which includes this, is reported as the error.
 */
final class TailAverage {

    private KernelState sum;
    private double[][] sumF;
    private double[][] sumF2;
    private int count;

    /** Adds one iterate: its state and its outputs f[k][mu]. */
    void add(KernelState state, double[][] f) {
        if (count == 0) {
            sum = KernelState.empty(state.depth());
            sumF = new double[f.length][f[0].length];
            sumF2 = new double[f.length][f[0].length];
        }
        for (int l = 1; l <= state.depth(); l++) {
            sum.phi()[l] = accumulate(sum.phi()[l], state.phi()[l]);
            sum.g()[l] = accumulate(sum.g()[l], state.g()[l]);
            sum.a()[l] = accumulate(sum.a()[l], state.a()[l]);
            sum.b()[l] = accumulate(sum.b()[l], state.b()[l]);
        }
        for (int k = 0; k < f.length; k++) {
            for (int mu = 0; mu < f[k].length; mu++) {
                sumF[k][mu] += f[k][mu];
                sumF2[k][mu] += f[k][mu] * f[k][mu];
            }
        }
        count++;
    }

    private static double[][] accumulate(double[][] total, double[][] term) {
        if (term == null) {
            return total;
        }
        return total == null ? Dense.scale(term, 1) : Dense.plus(total, 1, term);
    }

    int count() {
        return count;
    }

    /** The mean state (kernels and responses), entry by entry. */
    KernelState mean() {
        KernelState out = KernelState.empty(sum.depth());
        for (int l = 1; l <= sum.depth(); l++) {
            out.phi()[l] = scaled(sum.phi()[l]);
            out.g()[l] = scaled(sum.g()[l]);
            out.a()[l] = scaled(sum.a()[l]);
            out.b()[l] = scaled(sum.b()[l]);
        }
        return out;
    }

    private double[][] scaled(double[][] total) {
        return total == null ? null : Dense.scale(total, 1.0 / count);
    }

    /** max over (t, mu) of the iterates' standard deviation of f(t, mu); 0 for fewer than two iterates. */
    double spread() {
        if (count < 2) {
            return 0;
        }
        double largest = 0;
        for (int k = 0; k < sumF.length; k++) {
            for (int mu = 0; mu < sumF[k].length; mu++) {
                double mean = sumF[k][mu] / count;
                double variance = Math.max(0, (sumF2[k][mu] - count * mean * mean) / (count - 1));
                largest = Math.max(largest, Math.sqrt(variance));
            }
        }
        return largest;
    }
}
