package org.feynet.training;

import java.util.List;

/**
 * One trained Fourier residual network, observed at the report times t_k (k = 0 .. K).
 *
 * @param seed        the seed it was drawn from
 * @param kept        its block masks (true: kept)
 * @param times       t_k
 * @param outputs     f(x_a, t_k), [k][a]
 * @param loss        (1/(2P)) |f - y|^2 at t_k
 * @param testError   (1/(2P*)) |f* - y*|^2 on the held-out set at t_k (NaN without one)
 * @param ntk         the NTK Gram Theta(t_k), [k][a][b]
 * @param eigenvalues its eigenvalues, descending, [k][i]
 * @param largestStep the largest RK4 step used
 * @param prediction  the drift predictions from the network's dNTK/ddNTK at t = 0 (null when not asked for)
 */
public record FourierResidualRun(long seed, boolean[] kept, double[] times, double[][] outputs, double[] loss,
                                 double[] testError, double[][][] ntk, double[][] eigenvalues, double largestStep,
                                 DriftPrediction prediction) {

    /** ||Theta(t_k) - Theta(0)||_F. */
    public double drift(int k) {
        return Gram.frobeniusDistance(ntk[k], ntk[0]);
    }

    /** The number of report times. */
    public int count() {
        return times.length;
    }

    /** Runs as a list, for ensembles. */
    static List<FourierResidualRun> of(List<FourierResidualRun> runs) {
        return List.copyOf(runs);
    }
}
