package org.feynet.lang;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The matrix of an input statement, evaluated and checked. A gram K must be square, symmetric
 * (|K_ab - K_ba| <= 1e-12 max|K|) and positive semidefinite (smallest eigenvalue >= -1e-12 max|K|,
 * eigenvalues by Hipparchus' symmetric eigendecomposition). Raw vectors are rows of one length.
 */
final class InputMatrix {

    private static final double TOLERANCE = 1e-12;

    private InputMatrix() {}

    /** {@code input gram M}: K^(1) with K_ab = M[a][b]. */
    static double[][] gram(Expr.ListLiteral matrix, Constants constants) {
        double[][] k = rows(matrix, constants, "a square matrix [[...], ...]");
        List<Expr> rows = matrix.elements();
        for (int a = 0; a < k.length; a++) {
            if (k[a].length != k.length) {
                throw new SourceError(rows.get(a).position(), "row " + (a + 1) + " of the gram matrix has "
                        + k[a].length + " entries, expected " + k.length + " for a square matrix");
            }
        }
        double scale = largest(k);
        for (int a = 0; a < k.length; a++) {
            for (int b = a + 1; b < k.length; b++) {
                if (Math.abs(k[a][b] - k[b][a]) > TOLERANCE * scale) {
                    throw new SourceError(matrix.position(), "the gram matrix is not symmetric: entry [" + (a + 1) + "]["
                            + (b + 1) + "] is " + ExprText.number(k[a][b]) + " but [" + (b + 1) + "][" + (a + 1) + "] is "
                            + ExprText.number(k[b][a]) + ", expected equal entries",
                            "a gram matrix holds inner products x_a . x_b");
                }
            }
        }
        double smallest = scale == 0 ? 0 : scale * smallestEigenvalue(k, scale);
        if (smallest < -TOLERANCE * scale) {
            throw new SourceError(matrix.position(), "the gram matrix is not positive semidefinite (smallest eigenvalue "
                    + String.format(java.util.Locale.ROOT, "%.3g", smallest) + "), expected eigenvalues >= 0",
                    "a gram matrix holds inner products x_a . x_b, so |K[a][b]| <= sqrt(K[a][a] K[b][b])");
        }
        return k;
    }

    /** {@code input x = M}: one input vector per row, all of the same dimension n0. */
    static double[][] vectors(Expr.ListLiteral matrix, Constants constants) {
        double[][] x = rows(matrix, constants, "a matrix [[...], ...] with one input vector per row");
        for (int a = 1; a < x.length; a++) {
            if (x[a].length != x[0].length) {
                throw new SourceError(matrix.elements().get(a).position(), "input vector " + (a + 1) + " has "
                        + x[a].length + (x[a].length == 1 ? " entry" : " entries") + ", expected " + x[0].length + " like the first");
            }
        }
        return x;
    }

    private static double[][] rows(Expr.ListLiteral matrix, Constants constants, String expected) {
        List<Expr> rows = matrix.elements();
        double[][] values = new double[rows.size()][];
        for (int a = 0; a < rows.size(); a++) {
            if (!(rows.get(a) instanceof Expr.ListLiteral row)) {
                throw new SourceError(rows.get(a).position(), "unexpected '" + ExprText.of(rows.get(a))
                        + "', expected " + expected);
            }
            values[a] = new double[row.elements().size()];
            for (int b = 0; b < values[a].length; b++) {
                values[a][b] = constants.value(row.elements().get(b));
            }
        }
        return values;
    }

    private static double largest(double[][] k) {
        double largest = 0;
        for (double[] row : k) {
            for (double entry : row) {
                largest = Math.max(largest, Math.abs(entry));
            }
        }
        return largest;
    }

    /** The smallest eigenvalue of K / scale (scaled so that huge finite entries cannot overflow). */
    private static double smallestEigenvalue(double[][] k, double scale) {
        int p = k.length;
        double[][] symmetric = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                symmetric[a][b] = 0.5 * (k[a][b] / scale + k[b][a] / scale);
            }
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (double eigenvalue : new EigenDecompositionSymmetric(new Array2DRowRealMatrix(symmetric, false))
                .getEigenvalues()) {
            smallest = Math.min(smallest, eigenvalue);
        }
        return smallest;
    }
}
