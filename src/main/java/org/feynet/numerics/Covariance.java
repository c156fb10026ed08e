package org.feynet.numerics;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * A validated covariance of 1 to 4 distinct samples and its pivoted Cholesky factor.
 *
 * <p>Checks (at the boundary, as every {@link GaussianMoments} engine needs them): the matrix is square,
 * k = 1..4, its entries are finite (else {@link NumericalTrouble}), symmetric within 1e-10 of its scale
 * (else {@link IllegalArgumentException}; the symmetric part is used), and positive semidefinite: an
 * eigenvalue below -1e-10 times the largest |eigenvalue| raises {@link NumericalTrouble}.
 *
 * <p>The factor is the outer-product Cholesky with diagonal pivoting (Higham, "Accuracy and Stability of
 * Numerical Algorithms", 2nd ed., section 10.3): at step j the sample with the largest remaining Schur
 * complement diagonal becomes pivot j, and the factorization stops at rank r when that diagonal is at
 * most {@value #RANK_TOLERANCE} times the largest diagonal of K. Then z = L u, u ~ N(0, I_r), with
 * z_{perm[i]} = sum_{t <= min(i, r-1)} L[i][t] u_t; dropping the remaining variance v changes a smooth
 * expectation by O(v), i.e. by a relative 1e-12. Pivoting gives |L[i][j]| <= L[j][j] for i > j: later
 * samples depend on u_j no more strongly than sample perm[j] does.
 */
final class Covariance {

    static final double RANK_TOLERANCE = 1e-12;
    static final double SYMMETRY_TOLERANCE = 1e-10;
    static final double PSD_TOLERANCE = 1e-10;

    final int k;
    final double[][] k2;
    final int[] perm;
    final double[][] lower;
    final int rank;
    final double scale;

    private Covariance(double[][] sym, int[] perm, double[][] lower, int rank, double scale) {
        this.k = sym.length;
        this.k2 = sym;
        this.perm = perm;
        this.lower = lower;
        this.rank = rank;
        this.scale = scale;
    }

    /** Validates covariance, powers and derivatives (any may be checked with null powers/derivatives). */
    static Covariance of(double[][] covariance, int[] powers, int[] derivatives, int maxDerivative) {
        double[][] sym = validate(covariance);
        int k = sym.length;
        checkCounts("powers", powers, k, Integer.MAX_VALUE);
        checkCounts("derivatives", derivatives, k, maxDerivative);
        return factor(sym);
    }

    static void checkCounts(String name, int[] counts, int k, int max) {
        if (counts == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (counts.length != k) {
            throw new IllegalArgumentException(
                name + " has " + counts.length + " entries for a " + k + "x" + k + " covariance");
        }
        for (int x = 0; x < k; x++) {
            if (counts[x] < 0 || counts[x] > max) {
                throw new IllegalArgumentException(
                    name + "[" + x + "] = " + counts[x] + " outside 0.." + max);
            }
        }
    }

    /** Shape, finiteness, symmetry and positive semidefiniteness; returns the symmetric part. */
    static double[][] validate(double[][] covariance) {
        if (covariance == null || covariance.length < 1 || covariance.length > 6) {
            throw new IllegalArgumentException("covariance must be k x k with 1 <= k <= 6, got "
                + (covariance == null ? "null" : covariance.length + " rows"));
        }
        int k = covariance.length;
        double scale = 0.0;
        for (int a = 0; a < k; a++) {
            if (covariance[a] == null || covariance[a].length != k) {
                throw new IllegalArgumentException("covariance row " + a + " must have " + k + " entries");
            }
            for (int b = 0; b < k; b++) {
                double v = covariance[a][b];
                if (!Double.isFinite(v)) {
                    throw new NumericalTrouble("covariance entry [" + a + "][" + b + "] is " + v);
                }
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double[][] sym = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double x = covariance[a][b];
                double y = covariance[b][a];
                if (Math.abs(x - y) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException("covariance is not symmetric: [" + a + "][" + b + "] = "
                        + x + " but [" + b + "][" + a + "] = " + y);
                }
                sym[a][b] = 0.5 * (x + y);
            }
        }
        if (k > 1 && scale > 0) {
            double[] eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(sym)).getEigenvalues();
            double max = 0.0;
            double min = Double.POSITIVE_INFINITY;
            for (double e : eig) {
                max = Math.max(max, Math.abs(e));
                min = Math.min(min, e);
            }
            if (min < -PSD_TOLERANCE * max) {
                throw new NumericalTrouble("covariance is not positive semidefinite: eigenvalue " + min
                    + " (largest |eigenvalue| " + max + ")");
            }
        } else if (k == 1 && sym[0][0] < 0) {
            throw new NumericalTrouble("variance is negative: " + sym[0][0]);
        }
        return sym;
    }

    private static Covariance factor(double[][] sym) {
        int k = sym.length;
        double[][] s = new double[k][];
        for (int a = 0; a < k; a++) {
            s[a] = sym[a].clone();
        }
        int[] perm = new int[k];
        for (int a = 0; a < k; a++) {
            perm[a] = a;
        }
        double maxDiag = 0.0;
        for (int a = 0; a < k; a++) {
            maxDiag = Math.max(maxDiag, sym[a][a]);
        }
        double[][] lower = new double[k][k];
        int rank = 0;
        for (int j = 0; j < k; j++) {
            int p = j;
            for (int i = j + 1; i < k; i++) {
                if (s[perm[i]][perm[i]] > s[perm[p]][perm[p]]) {
                    p = i;
                }
            }
            int tmp = perm[j];
            perm[j] = perm[p];
            perm[p] = tmp;
            double[] row = lower[j];
            lower[j] = lower[p];
            lower[p] = row;
            double pivot = s[perm[j]][perm[j]];
            if (pivot <= RANK_TOLERANCE * maxDiag) {
                break;
            }
            double d = Math.sqrt(pivot);
            lower[j][j] = d;
            for (int i = j + 1; i < k; i++) {
                lower[i][j] = s[perm[i]][perm[j]] / d;
            }
            for (int i = j + 1; i < k; i++) {
                for (int h = j + 1; h < k; h++) {
                    s[perm[i]][perm[h]] -= lower[i][j] * lower[h][j];
                }
            }
            rank = j + 1;
        }
        return new Covariance(sym, perm, lower, rank, maxDiag);
    }
}
