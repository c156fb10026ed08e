package org.feynet.numerics;

import java.util.HashMap;
import java.util.Map;

/**
 * Truncated Gaussian moments E[ prod_x z_x^{n_x} 1{z_x > 0} ] for z ~ N(0, K), 1..6 samples, K positive
 * definite, every sample carrying its indicator (also where n_x = 0).
 *
 * <p>Gaussian integration by parts (Stein's lemma, E[z_i h] = sum_j K_ij E[d_j h], with the distributional
 * derivative d_j 1{z_j > 0} = delta(z_j)) gives, for n_i > 0 and n' = n - e_i,
 * <pre>
 *   T_C(n) = sum_j Kc_ij [ n'_j T_C(n' - e_j)  +  [n'_j = 0] phi(0; Kc_jj) T_{C+j}(n') ],
 * </pre>
 * where T_C is the same moment for the conditional law of the remaining samples given z_c = 0 for
 * c in C (again a centred Gaussian, covariance Kc = the Schur complement of K_CC), and the boundary term
 * vanishes when z_j^{n'_j} does. This is the recursion of Kan &amp; Robotti, "On moments of folded and
 * truncated multivariate normal distributions", J. Comput. Graph. Stat. 26 (2017), section 3 (after
 * Tallis 1961), at zero truncation points. It ends in the orthant probabilities of
 * {@link OrthantProbability} (P_5 and P_6 by Plackett's reduction for five and six samples). States
 * (C, n) are memoized: at most 2^k prod_x (n_x + 1); the terminal orthant probabilities are memoized per
 * conditioning set C (at most 2^k of them, so P_6 is computed once per moment).
 *
 * <p>Accuracy: every term is a product of covariance entries, Gaussian densities at 0 and orthant
 * probabilities, summed with the signs of K; about 1e-15 relative for well-conditioned K, degrading
 * like 1e-16 / (1 - |r|) as a correlation r (or a conditional correlation) approaches +-1. A conditional
 * variance below 1e-14 of the scale raises {@link NumericalTrouble}.
 */
final class TruncatedMoments {

    private final int k;
    private final double scale;
    private final double[][][] conditional;
    private final Map<Long, Double> memo = new HashMap<>();
    private final double[] orthant;

    TruncatedMoments(double[][] cov) {
        this.k = cov.length;
        double s = 0.0;
        for (int a = 0; a < k; a++) {
            s = Math.max(s, cov[a][a]);
        }
        this.scale = s;
        if (k < 1 || k > 6) {
            throw new UnsupportedOperationException("truncated moments of " + k + " samples (1..6)");
        }
        this.conditional = new double[1 << k][][];
        this.orthant = new double[1 << k];
        java.util.Arrays.fill(orthant, Double.NaN);
        double[][] copy = new double[k][];
        for (int a = 0; a < k; a++) {
            copy[a] = cov[a].clone();
        }
        conditional[0] = copy;
    }

    /** E[prod_x z_x^{n[x]} 1{z_x > 0}]. */
    double moment(int[] n) {
        if (n.length != k) {
            throw new IllegalArgumentException("expected " + k + " exponents");
        }
        return t(0, n.clone());
    }

    private double t(int mask, int[] n) {
        int i = -1;
        for (int x = 0; x < k; x++) {
            if ((mask & (1 << x)) == 0 && n[x] > 0) {
                i = x;
                break;
            }
        }
        double[][] kc = conditional(mask);
        if (i < 0) {
            if (!Double.isNaN(orthant[mask])) {
                return orthant[mask];
            }
            int free = k - Integer.bitCount(mask);
            int[] idx = new int[free];
            int f = 0;
            for (int x = 0; x < k; x++) {
                if ((mask & (1 << x)) == 0) {
                    if (!(kc[x][x] > 1e-14 * scale)) {
                        throw new NumericalTrouble("ReLU moment: conditional variance " + kc[x][x]
                            + " of sample " + x + " vanishes (covariance singular or nearly so)");
                    }
                    idx[f++] = x;
                }
            }
            double p = OrthantProbability.of(kc, idx);
            orthant[mask] = p;
            return p;
        }
        long key = mask;
        for (int x = 0; x < k; x++) {
            key = (key << 8) | n[x];
        }
        Double cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        n[i]--;
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            if ((mask & (1 << j)) != 0 || kc[i][j] == 0.0) {
                continue;
            }
            double term;
            if (n[j] > 0) {
                int mult = n[j];
                n[j]--;
                term = mult * t(mask, n);
                n[j]++;
            } else {
                term = t(mask | (1 << j), n) / Math.sqrt(2 * Math.PI * kc[j][j]);
            }
            sum += kc[i][j] * term;
        }
        n[i]++;
        memo.put(key, sum);
        return sum;
    }

    /** The covariance of the free samples given z_c = 0 for c in mask (entries of conditioned samples unused). */
    private double[][] conditional(int mask) {
        double[][] kc = conditional[mask];
        if (kc != null) {
            return kc;
        }
        int j = 31 - Integer.numberOfLeadingZeros(mask);
        double[][] parent = conditional(mask & ~(1 << j));
        double pivot = parent[j][j];
        if (!(pivot > 1e-14 * scale)) {
            throw new NumericalTrouble("ReLU moment: conditional variance " + pivot
                + " of sample " + j + " vanishes (covariance singular or nearly so)");
        }
        kc = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                kc[a][b] = parent[a][b] - parent[a][j] * parent[j][b] / pivot;
            }
        }
        conditional[mask] = kc;
        return kc;
    }
}
