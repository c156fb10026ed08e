package org.feynet.numerics;

/**
 * The Cholesky factorisation with diagonal pivoting of a symmetric positive semidefinite matrix (Higham, "Accuracy
 * and Stability of Numerical Algorithms", 2nd ed., SIAM 2002, section 10.3), the square root that turns independent
 * standard normals into correlated ones.
 *
 * <h2>Formula</h2>
 * For a symmetric positive semidefinite n x n matrix A of rank r it finds an ordering p_0 .. p_{n-1} of the indices
 * and a lower trapezoidal L (n x r, L[j][j] &gt; 0) with
 * <pre>
 *   A[p_i][p_h] = sum_{t &lt; r} L[i][t] L[h][t],   that is   P^T A P = L L^T,
 * </pre>
 * by the outer-product algorithm: with S = A, step j = 0, 1, .. swaps to position j the index whose diagonal entry
 * of S is the largest among the positions j .. n-1 (the earliest in the current order on ties), sets
 * <pre>
 *   L[j][j] = sqrt(S[p_j][p_j]),   L[i][j] = S[p_i][p_j] / L[j][j]  (i &gt; j),
 *   S[p_i][p_h] -= L[i][j] L[h][j]  (i, h &gt; j),
 * </pre>
 * so that S holds the Schur complement of the pivots chosen so far. It stops at rank r when the largest remaining
 * diagonal entry is at most {@code rank} tolerance times max_a A_aa. Then z = R g, with R[p_i][t] = L[i][t] the
 * n x r {@link #root} and g ~ N(0, 1_r), has covariance R R^T = A up to the neglected Schur complement; singular
 * matrices (two equal samples, say) are factored exactly, with fewer columns. Pivoting gives
 * |L[i][j]| &lt;= L[j][j] for i &gt; j and L[0][0] &gt;= L[1][1] &gt;= ... . Cost O(n^2 r).
 *
 * <h2>Checks, at the boundary</h2>
 * In this order: A is square (else {@link IllegalArgumentException}); its entries are finite (else
 * {@link NumericalTrouble}: a non-finite kernel comes from an earlier computation); it is symmetric within the
 * {@code symmetry} tolerance times max|A_ab| (else {@link IllegalArgumentException}), and its symmetric part
 * (A + A^T)/2 is what is factored; after the factorisation, every entry of the remaining Schur complement S is at
 * most the {@code indefiniteness} tolerance times max|A_ab| in magnitude (else {@link NumericalTrouble}). The last
 * check is the test for positive semidefiniteness: S is positive semidefinite exactly when A is (Haynsworth's
 * inertia additivity, the pivots being positive), and then |S_ih| &lt;= sqrt(S_ii S_hh), below the rank tolerance;
 * an entry beyond it shows a negative eigenvalue of A of about that size. Messages index entries from 1.
 *
 * <h2>Accuracy</h2>
 * The computed factor satisfies P^T (A + E) P = L L^T with |E| of order n u (1 + ||W||_2)^2 ||A||_2 (Higham,
 * section 10.3.2), u the unit roundoff and W = L11^{-1} L21^T for the leading r x r block L11 of L; pivoting bounds
 * ||W||_2 by sqrt((n - r)(4^r - 1) / 3), and it is of order one in practice. Truncating at rank r adds the
 * neglected Schur complement, whose entries are at most the rank tolerance times max_a A_aa.
 *
 * <p>Instances are immutable; accessors return copies.
 */
public final class PivotedCholesky {

    /**
     * The tolerances of the checks and of the rank decision, each relative to the size of the matrix.
     *
     * @param symmetry       largest |A_ab - A_ba| accepted, relative to max|A_ab|
     * @param rank           a remaining diagonal entry at most this times max_a A_aa ends the factorisation
     * @param indefiniteness largest |entry| of the remaining Schur complement accepted, relative to max|A_ab|;
     *                       at least {@code rank}, since a positive semidefinite remainder has entries up to that
     */
    public record Tolerances(double symmetry, double rank, double indefiniteness) {

        /** Symmetry 1e-10, rank 1e-12, indefiniteness 1e-10: about 1e4 ulps of rounding, well below any data. */
        public static final Tolerances DEFAULT = new Tolerances(1e-10, 1e-12, 1e-10);

        public Tolerances {
            requireFraction("symmetry", symmetry);
            requireFraction("rank", rank);
            requireFraction("indefiniteness", indefiniteness);
            if (indefiniteness < rank) {
                throw new IllegalArgumentException("indefiniteness tolerance " + indefiniteness
                        + " is below the rank tolerance " + rank + ": positive semidefinite matrices would fail");
            }
        }

        private static void requireFraction(String name, double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException(name + " tolerance must lie in [0, 1), got " + value);
            }
        }
    }

    private final double[][] symmetric;
    private final double[][] schur;
    private final int[] pivots;
    private final double[][] lower;
    private final int rank;

    private PivotedCholesky(double[][] symmetric, double rankTolerance) {
        int n = symmetric.length;
        this.symmetric = symmetric;
        this.schur = copy(symmetric);
        this.pivots = new int[n];
        for (int i = 0; i < n; i++) {
            pivots[i] = i;
        }
        this.lower = new double[n][n];
        this.rank = factor(rankTolerance * largestDiagonal(symmetric));
    }

    /** Factors {@code matrix} with the {@link Tolerances#DEFAULT default tolerances}. */
    public static PivotedCholesky of(String name, double[][] matrix) {
        return of(name, matrix, Tolerances.DEFAULT);
    }

    /**
     * Checks and factors a symmetric positive semidefinite matrix.
     *
     * @param name       what the matrix is, for messages ("covariance", "first-layer metric K^(1)")
     * @param matrix     n x n, n &gt;= 1; not modified
     * @param tolerances the tolerances of the checks and of the rank decision
     * @throws IllegalArgumentException if the matrix is not square or not symmetric
     * @throws NumericalTrouble         if an entry is not finite or the matrix is not positive semidefinite
     */
    public static PivotedCholesky of(String name, double[][] matrix, Tolerances tolerances) {
        if (tolerances == null) {
            throw new IllegalArgumentException("tolerances must not be null");
        }
        double[][] symmetric = symmetricPart(name, matrix, tolerances.symmetry());
        PivotedCholesky factor = new PivotedCholesky(symmetric, tolerances.rank());
        factor.checkRemainder(name, tolerances.indefiniteness());
        return factor;
    }

    /** n, the order of the matrix. */
    public int dimension() {
        return pivots.length;
    }

    /** r, the number of pivots taken: the numerical rank at the rank tolerance. */
    public int rank() {
        return rank;
    }

    /** p_0 .. p_{n-1}: the index of the matrix that became pivot j is p_j (the first r are the pivots taken). */
    public int[] pivots() {
        return pivots.clone();
    }

    /** L by pivot position: row i belongs to index p_i, L[i][t] = 0 for t &gt; i or t &gt;= r (an n x n array). */
    public double[][] lower() {
        return copy(lower);
    }

    /** R, n x r with rows in the matrix's own order: R[p_i][t] = L[i][t], so that R R^T = A. */
    public double[][] root() {
        int n = pivots.length;
        double[][] root = new double[n][rank];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lower[i], 0, root[pivots[i]], 0, rank);
        }
        return root;
    }

    /** (A + A^T)/2, the matrix that was factored. */
    public double[][] matrix() {
        return copy(symmetric);
    }

    /** Shape, finiteness and symmetry; the symmetric part. */
    private static double[][] symmetricPart(String name, double[][] matrix, double tolerance) {
        requireSquare(name, matrix);
        double scale = largestMagnitude(name, matrix);
        int n = matrix.length;
        double[][] symmetric = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double x = matrix[a][b];
                double y = matrix[b][a];
                if (Math.abs(0.5 * x - 0.5 * y) > 0.5 * tolerance * scale) { // halves: no overflow
                    throw new IllegalArgumentException(name + " is not symmetric: [" + (a + 1) + "][" + (b + 1)
                            + "] = " + x + " but [" + (b + 1) + "][" + (a + 1) + "] = " + y);
                }
                symmetric[a][b] = 0.5 * x + 0.5 * y;
            }
        }
        return symmetric;
    }

    private static void requireSquare(String name, double[][] matrix) {
        if (matrix == null || matrix.length == 0) {
            throw new IllegalArgumentException(name + " must be a square matrix of order at least 1, got "
                    + (matrix == null ? "null" : "no rows"));
        }
        int n = matrix.length;
        for (int a = 0; a < n; a++) {
            if (matrix[a] == null || matrix[a].length != n) {
                throw new IllegalArgumentException(name + " must be square: row " + (a + 1) + " has "
                        + (matrix[a] == null ? "no" : matrix[a].length) + " entries, expected " + n);
            }
        }
    }

    /** max|A_ab|, after checking that every entry is finite. */
    private static double largestMagnitude(String name, double[][] matrix) {
        double scale = 0.0;
        for (int a = 0; a < matrix.length; a++) {
            for (int b = 0; b < matrix.length; b++) {
                double v = matrix[a][b];
                if (!Double.isFinite(v)) {
                    throw new NumericalTrouble(name + " has an entry that is not finite (" + (Double.isNaN(v) ? "undefined"
                            : "overflow") + ") at [" + (a + 1) + "][" + (b + 1) + "]");
                }
                scale = Math.max(scale, Math.abs(v));
            }
        }
        return scale;
    }

    private static double largestDiagonal(double[][] a) {
        double max = 0.0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, a[i][i]);
        }
        return max;
    }

    /** The outer-product steps until the largest remaining diagonal entry is at most {@code threshold}; the rank. */
    private int factor(double threshold) {
        int n = pivots.length;
        for (int j = 0; j < n; j++) {
            swap(j, largestRemainingDiagonal(j));
            double pivot = schur[pivots[j]][pivots[j]];
            if (pivot <= threshold) {
                return j;
            }
            eliminate(j, Math.sqrt(pivot));
        }
        return n;
    }

    /** The position from j on whose diagonal entry of S is the largest (the earliest on ties). */
    private int largestRemainingDiagonal(int j) {
        int best = j;
        for (int i = j + 1; i < pivots.length; i++) {
            if (schur[pivots[i]][pivots[i]] > schur[pivots[best]][pivots[best]]) {
                best = i;
            }
        }
        return best;
    }

    private void swap(int j, int p) {
        int index = pivots[j];
        pivots[j] = pivots[p];
        pivots[p] = index;
        double[] row = lower[j];
        lower[j] = lower[p];
        lower[p] = row;
    }

    /** Column j of L from pivot d = L[j][j], and the Schur complement of pivot j on the positions after it. */
    private void eliminate(int j, double d) {
        int n = pivots.length;
        lower[j][j] = d;
        for (int i = j + 1; i < n; i++) {
            lower[i][j] = schur[pivots[i]][pivots[j]] / d;
        }
        for (int i = j + 1; i < n; i++) {
            for (int h = j + 1; h < n; h++) {
                schur[pivots[i]][pivots[h]] -= lower[i][j] * lower[h][j];
            }
        }
    }

    /** The remaining Schur complement must vanish to the tolerance: else A is not positive semidefinite. */
    private void checkRemainder(String name, double tolerance) {
        double scale = largestMagnitude(name, symmetric);
        int worstA = -1;
        int worstB = -1;
        double worst = 0.0;
        for (int i = rank; i < pivots.length; i++) {
            for (int h = rank; h < pivots.length; h++) {
                double v = schur[pivots[i]][pivots[h]];
                if (Math.abs(v) > tolerance * scale && Math.abs(v) > worst) {
                    worst = Math.abs(v);
                    worstA = pivots[i];
                    worstB = pivots[h];
                }
            }
        }
        if (worstA >= 0) {
            throw new NumericalTrouble(name + " is not positive semidefinite: after " + rank + " pivot"
                    + (rank == 1 ? "" : "s") + " of its Cholesky factorisation the remaining entry [" + (worstA + 1)
                    + "][" + (worstB + 1) + "] is " + schur[worstA][worstB] + ", beyond " + tolerance
                    + " times its largest |entry| " + scale);
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
