package org.feynet.dmft;

import org.feynet.numerics.NumericalTrouble;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Dense row-major matrices as double[][], with the few operations the DMFT solvers need. Products skip zero
 * entries of the left factor, so the block lower-triangular (causal) operators cost what their nonzero part costs.
 * Inverses and eigendecompositions are Hipparchus'.
 */
final class Dense {

    private Dense() {}

    static double[][] zeros(int rows, int columns) {
        return new double[rows][columns];
    }

    static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** a b. */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int k = 0; k < inner; k++) {
                double aik = ai[k];
                if (aik == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * a c a^T for a symmetric c, as a (a c)^T so that both products have a as their left factor (and skip its zeros
     * when a is block lower-triangular).
     */
    static double[][] sandwich(double[][] a, double[][] c) {
        return multiply(a, transpose(multiply(a, c)));
    }

    /** a + s b. */
    static double[][] plus(double[][] a, double s, double[][] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] + s * b[i][j];
            }
        }
        return c;
    }

    /** (1 - beta) old + beta fresh. */
    static double[][] damp(double[][] old, double[][] fresh, double beta) {
        return plus(scale(old, 1 - beta), beta, fresh);
    }

    static double[][] scale(double[][] a, double s) {
        return plus(new double[a.length][a[0].length], s, a);
    }

    /** max |a - b|. */
    static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    static double maxAbs(double[][] a) {
        double max = 0;
        for (double[] row : a) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** a^{-1} by LU decomposition; a singular matrix is numerical trouble. */
    static double[][] inverse(double[][] a, String what) {
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            throw new NumericalTrouble(what + " is singular");
        }
        return lu.getSolver().getInverse().getData();
    }

    /**
     * The symmetric square root V sqrt(Lambda) V^T of a covariance (negative eigenvalues, from rounding or Monte
     * Carlo noise, clipped to 0) in [0], and the regularised inverse root V diag(sqrt(lambda) / (lambda + rho)) V^T
     * with the ridge rho = {@code ridge} times the largest eigenvalue in [1] (smooth in the covariance, so that an
     * iteration through it stays a smooth map; rho = 0 gives the pseudo-inverse root).
     */
    static double[][][] roots(double[][] covariance, double ridge) {
        double[][] symmetric = new double[covariance.length][covariance.length];
        for (int i = 0; i < covariance.length; i++) {
            for (int j = 0; j < covariance.length; j++) {
                symmetric[i][j] = 0.5 * (covariance[i][j] + covariance[j][i]);
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(symmetric, false));
        double[] values = eigen.getEigenvalues();
        RealMatrix v = eigen.getV();
        double largest = 0;
        for (double value : values) {
            largest = Math.max(largest, value);
        }
        int d = values.length;
        double[][] vt = v.transpose().getData();
        double[][] root = new double[d][d];
        double[][] inverseRoot = new double[d][d];
        for (int e = 0; e < d; e++) {
            double value = values[e];
            if (!(value > 0)) {
                continue;
            }
            double s = Math.sqrt(value);
            double si = s / (value + ridge * largest);
            double[] ve = vt[e];
            for (int i = 0; i < d; i++) {
                double a = ve[i] * s;
                double b = ve[i] * si;
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    root[i][j] += a * ve[j];
                    inverseRoot[i][j] += b * ve[j];
                }
            }
        }
        return new double[][][] {root, inverseRoot};
    }

    /**
     * The Cholesky factor L (lower triangular, L L^T = c + jitter I) of a covariance and its inverse, in [0] and [1];
     * the jitter is {@code relativeJitter} times the mean diagonal, so that a rank-deficient covariance factors.
     * Used for causal Gaussian integration by parts: with r = L e, &lt;F e^T&gt; = &lt;dF/dr&gt; L.
     */
    static double[][][] cholesky(double[][] c, double relativeJitter) {
        int d = c.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += c[i][i];
        }
        double jitter = relativeJitter * Math.max(trace / d, Double.MIN_NORMAL);
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0.5 * (c[i][j] + c[j][i]) + (i == j ? jitter : 0);
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new NumericalTrouble("a DMFT kernel is not positive definite even with a jitter of "
                                + relativeJitter + " (pivot " + sum + ")");
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / lj[j];
                }
            }
        }
        double[][] inverse = new double[d][d];
        for (int col = 0; col < d; col++) {
            inverse[col][col] = 1 / l[col][col];
            for (int i = col + 1; i < d; i++) {
                double sum = 0;
                for (int k = col; k < i; k++) {
                    sum -= l[i][k] * inverse[k][col];
                }
                inverse[i][col] = sum / l[i][i];
            }
        }
        return new double[][][] {l, inverse};
    }
}
