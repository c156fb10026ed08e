package org.feynet.sampling;

import org.feynet.numerics.NumericalTrouble;

/**
 * A square root R (P x r) of a symmetric positive semidefinite matrix K = R R^T, by Cholesky factorisation with
 * diagonal pivoting (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., section 10.3): at each step
 * the largest remaining diagonal entry is eliminated, and the factorisation stops when every remaining diagonal
 * entry is below {@code tolerance * max_a K_aa}. The rank r may be smaller than P, so singular kernels (two equal
 * inputs, say) are drawn exactly: z = R g with g ~ N(0, 1_r) has covariance R R^T. Cost O(P^2 r).
 */
final class PsdSquareRoot {

    /** Relative size of a remaining pivot below which K is treated as having lower rank. */
    static final double TOLERANCE = 1e-12;
    /** Relative size of a remaining entry that shows K is not positive semidefinite. */
    private static final double INDEFINITE = 1e-9;

    private PsdSquareRoot() {}

    /**
     * R with K = R R^T up to rounding, R[a][k] for a = 0..P-1, k = 0..r-1.
     *
     * @throws IllegalArgumentException if K is not square and symmetric
     * @throws NumericalTrouble         if K is not positive semidefinite or not finite
     */
    static double[][] of(double[][] k) {
        int p = k.length;
        double scale = 0;
        for (int a = 0; a < p; a++) {
            if (k[a].length != p) {
                throw new IllegalArgumentException("first-layer metric must be square, row " + (a + 1)
                        + " has " + k[a].length + " entries for " + p + " inputs");
            }
            for (int b = 0; b < p; b++) {
                if (!Double.isFinite(k[a][b])) {
                    throw new NumericalTrouble("first-layer metric K^(1) has a non-finite entry at ["
                            + (a + 1) + "][" + (b + 1) + "]");
                }
                scale = Math.max(scale, Math.abs(k[a][b]));
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                if (Math.abs(k[a][b] - k[b][a]) > 1e-12 * Math.max(scale, 1e-300)) {
                    throw new IllegalArgumentException("first-layer metric must be symmetric: K[" + (a + 1) + "]["
                            + (b + 1) + "] = " + k[a][b] + " but K[" + (b + 1) + "][" + (a + 1) + "] = " + k[b][a]);
                }
            }
        }
        double[][] residual = new double[p][];
        for (int a = 0; a < p; a++) {
            residual[a] = k[a].clone();
        }
        double[][] columns = new double[p][];
        int rank = 0;
        while (rank < p) {
            int pivot = 0;
            for (int a = 1; a < p; a++) {
                if (residual[a][a] > residual[pivot][pivot]) {
                    pivot = a;
                }
            }
            double d = residual[pivot][pivot];
            if (d <= TOLERANCE * scale) {
                break;
            }
            double root = Math.sqrt(d);
            double[] column = new double[p];
            for (int a = 0; a < p; a++) {
                column[a] = residual[a][pivot] / root;
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    residual[a][b] -= column[a] * column[b];
                }
            }
            columns[rank++] = column;
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                if (Math.abs(residual[a][b]) > INDEFINITE * scale) {
                    throw new NumericalTrouble("first-layer metric K^(1) is not positive semidefinite"
                            + " (residual " + residual[a][b] + " at [" + (a + 1) + "][" + (b + 1)
                            + "] after a rank-" + rank + " Cholesky factorisation)");
                }
            }
        }
        double[][] r = new double[p][rank];
        for (int c = 0; c < rank; c++) {
            for (int a = 0; a < p; a++) {
                r[a][c] = columns[c][a];
            }
        }
        return r;
    }
}
