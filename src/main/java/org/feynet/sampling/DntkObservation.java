package org.feynet.sampling;

import java.util.Arrays;
import java.util.List;
import org.feynet.model.Statistic;

/**
 * What the dNTK sampler records of one network: per layer index t = l - 1 and statistic s of {@link #STATISTICS}
 * (P, Q, R, S, T, U), {@code values[t][s][((a P + b) P + c) P + d]}, the per-network quantity whose mean times n
 * estimates the statistic, pooled over the exchange of neurons 1 and 2 (i, k = 0, 1 and 1, 0):
 * <pre>
 *   P: (dH_{i k k; a b c} z_{i;d} + swap) / 2          Q: (dH_{i i k; a b c} z_{k;d} + swap) / 2
 *   R: (ddI_{i i k k; a b c d} + swap) / 2             S: (ddII_{i i k k; a b c d} + swap) / 2
 *   T: (ddII_{i k i k; a d b c} + swap) / 2            U: (ddII_{i k k i; a c d b} + swap) / 2
 * </pre>
 * Layer 1 is linear in its parameters, so its entries are all zero. A reusable buffer, overwritten by each
 * {@link DntkPass#draw}.
 */
final class DntkObservation {

    /** The statistics in the order of the second index of {@link #values}. */
    static final List<Statistic> STATISTICS = List.of(Statistic.P, Statistic.Q, Statistic.R, Statistic.S,
            Statistic.T, Statistic.U);

    final double[][][] values;
    private final int inputs;
    private final double[][][][] dhSame;
    private final double[][][][] dhMixed;

    DntkObservation(int depth, int inputs) {
        this.inputs = inputs;
        int entries = inputs * inputs * inputs * inputs;
        this.values = new double[depth][STATISTICS.size()][entries];
        this.dhSame = new double[2][inputs][inputs][inputs];
        this.dhMixed = new double[2][inputs][inputs][inputs];
    }

    /** Zeroes the entries of layer index t. */
    void clear(int t) {
        for (double[] v : values[t]) {
            Arrays.fill(v, 0);
        }
    }

    /**
     * Records layer index t from the derivatives computed for it and the layer's preactivations z[a][i].
     *
     * @return whether every entry is finite
     */
    boolean record(int t, DntkDerivatives d, double[][] z, boolean ddntk) {
        clear(t);
        recordDntk(t, d, z);
        if (ddntk) {
            recordSecondDdntk(t, d);
            recordFirstDdntk(t, d);
        }
        for (double[] v : values[t]) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private int q(int neuron, int sample) {
        return DntkDerivatives.index(neuron, sample, inputs);
    }

    private int entry(int a, int b, int c, int d) {
        return ((a * inputs + b) * inputs + c) * inputs + d;
    }

    /** P and Q: dH_{i k k; a b c} and dH_{i i k; a b c} for (i, k) = (0, 1), (1, 0), times the preactivations. */
    private void recordDntk(int t, DntkDerivatives d, double[][] z) {
        int p = inputs;
        for (int i = 0; i < 2; i++) {
            int k = 1 - i;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    for (int c = 0; c < p; c++) {
                        dhSame[i][a][b][c] = d.dH(q(i, a), q(k, b), q(k, c));
                        dhMixed[i][a][b][c] = d.dH(q(i, a), q(i, b), q(k, c));
                    }
                }
            }
        }
        double[] pv = values[t][0];
        double[] qv = values[t][1];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int e = 0; e < p; e++) {
                        int u = entry(a, b, c, e);
                        pv[u] = (dhSame[0][a][b][c] * z[e][0] + dhSame[1][a][b][c] * z[e][1]) / 2;
                        qv[u] = (dhMixed[0][a][b][c] * z[e][1] + dhMixed[1][a][b][c] * z[e][0]) / 2;
                    }
                }
            }
        }
    }

    /** S, T, U from the Hessian-vector products of {@link DntkDerivatives#ddII}. */
    private void recordSecondDdntk(int t, DntkDerivatives dv) {
        int p = inputs;
        double[] s = values[t][3];
        double[] tv = values[t][4];
        double[] u = values[t][5];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        int w = entry(a, b, c, d);
                        for (int i = 0; i < 2; i++) {
                            int k = 1 - i;
                            s[w] += dv.ddII(q(i, a), q(k, c), q(i, b), q(k, d)) / 2;
                            tv[w] += dv.ddII(q(i, a), q(i, b), q(k, d), q(k, c)) / 2;
                            u[w] += dv.ddII(q(i, a), q(k, d), q(k, c), q(i, b)) / 2;
                        }
                    }
                }
            }
        }
    }

    /**
     * R: ddI_{i i k k; a b c d} = D^3 z_{i;a}[g_{i;b}, g_{k;c}, g_{k;d}], from the second-order tangents along the
     * pairs (g_{k;c}, g_{k;d}) with c &lt;= d (the third derivative is symmetric, so (d, c) gives the same value) and
     * the outputs (i;a), i = 1 - k, all computed together.
     */
    private void recordFirstDdntk(int t, DntkDerivatives dv) {
        int p = inputs;
        int jobs = p * (p + 1);
        int[] us = new int[jobs];
        int[] vs = new int[jobs];
        int[] neurons = new int[jobs];
        int m = 0;
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < p; c++) {
                for (int d = c; d < p; d++) {
                    us[m] = q(k, c);
                    vs[m] = q(k, d);
                    neurons[m++] = 1 - k;
                }
            }
        }
        dv.secondOrder(us, vs, neurons);
        double[] r = values[t][2];
        for (m = 0; m < jobs; m++) {
            int c = us[m] % p;
            int d = vs[m] % p;
            int i = neurons[m];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double half = dv.ddI(m, a, q(i, b)) / 2;
                    r[entry(a, b, c, d)] += half;
                    if (d != c) {
                        r[entry(a, b, d, c)] += half;
                    }
                }
            }
        }
    }
}
