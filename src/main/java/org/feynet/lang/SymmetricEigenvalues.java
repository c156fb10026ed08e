package org.feynet.lang;

/**
 * Eigenvalues of a small real symmetric matrix by the cyclic Jacobi method: plane rotations
 * A <- J^T A J, each chosen to zero one off-diagonal pair (p, q) with tan(theta) = t the smaller root of
 * t^2 + 2 zeta t - 1 = 0, zeta = (A_qq - A_pp) / (2 A_pq), until the off-diagonal part is negligible; the diagonal
 * then holds the eigenvalues. Each rotation is orthogonal, so the result is backward stable (eigenvalue errors of a
 * few ulps of the largest |A_ij| times the size). Used for the positive-semidefinite check of a gram matrix, where
 * it replaces Hipparchus' eigendecomposition, whose matrix classes cost the check about 15 ms of start-up (they
 * set up a localised number format when first loaded, docs/BENCHMARKS.md).
 */
final class SymmetricEigenvalues {

    private static final int MAX_SWEEPS = 100;

    private SymmetricEigenvalues() {}

    /** The eigenvalues (in no particular order) of the symmetric matrix {@code a}, which is left unchanged. */
    static double[] of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 0; sweep++) {
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, p, q);
                }
            }
        }
        double[] eigenvalues = new double[n];
        for (int i = 0; i < n; i++) {
            eigenvalues[i] = m[i][i];
        }
        return eigenvalues;
    }

    /**
     * The sum of squares of the off-diagonal entries, or 0 once each is below 1e-17 times the geometric mean of its
     * diagonal pair (or underflows): smaller than that they no longer move the eigenvalues in double precision.
     */
    private static double offDiagonal(double[][] m) {
        double sum = 0;
        for (int p = 0; p < m.length; p++) {
            for (int q = p + 1; q < m.length; q++) {
                if (!negligible(m, p, q)) {
                    sum += m[p][q] * m[p][q];
                }
            }
        }
        return sum;
    }

    private static boolean negligible(double[][] m, int p, int q) {
        double x = Math.abs(m[p][q]);
        return x < Double.MIN_NORMAL || x <= 1e-17 * Math.sqrt(Math.abs(m[p][p] * m[q][q]));
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes m[p][q] (and m[q][p]). */
    private static void rotate(double[][] m, int p, int q) {
        if (negligible(m, p, q)) {
            return;
        }
        double zeta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.abs(zeta) > 1e150 ? 1 / (2 * zeta)
                : Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(zeta * zeta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < m.length; k++) { // columns p and q: A J
            double kp = m[k][p];
            double kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < m.length; k++) { // rows p and q: J^T (A J)
            double pk = m[p][k];
            double qk = m[q][k];
            m[p][k] = c * pk - s * qk;
            m[q][k] = s * pk + c * qk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
    }
}
