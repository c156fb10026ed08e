package org.feynet.dmft;

import java.util.stream.IntStream;
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

    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    private static final long PARALLEL_WORK = 1L << 20;
    /** Rows of the product per task, and rows of the right factor kept hot in cache per pass. */
    private static final int ROW_BLOCK = 16;
    private static final int INNER_BLOCK = 96;

    /**
     * a b, c_ij = sum_k a_ik b_kj. Each row of a is visited only between its first and last nonzero entries, and each
     * row of b likewise, so a block lower-triangular (causal) left factor costs half a dense product, and two of them
     * a sixth. Rows of the product are computed in blocks on the common fork-join pool (every core), with the inner
     * index blocked so that the rows of b in use stay in cache; each entry is the same sum in the same order as
     * the plain triple loop.
     */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        int[][] rowsOfA = profile(a);
        int[][] rowsOfB = profile(b);
        double[][] c = new double[n][m];
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        IntStream tasks = IntStream.range(0, blocks);
        if ((long) n * inner * m >= PARALLEL_WORK) {
            tasks = tasks.parallel();
        }
        tasks.forEach(block -> {
            int firstRow = block * ROW_BLOCK;
            int endRow = Math.min(n, firstRow + ROW_BLOCK);
            for (int k0 = 0; k0 < inner; k0 += INNER_BLOCK) {
                int k1 = Math.min(inner, k0 + INNER_BLOCK);
                for (int i = firstRow; i < endRow; i++) {
                    double[] ai = a[i];
                    double[] ci = c[i];
                    int kEnd = Math.min(k1, rowsOfA[1][i]);
                    for (int k = Math.max(k0, rowsOfA[0][i]); k < kEnd; k++) {
                        double aik = ai[k];
                        if (aik == 0) {
                            continue;
                        }
                        double[] bk = b[k];
                        int jEnd = rowsOfB[1][k];
                        for (int j = rowsOfB[0][k]; j < jEnd; j++) {
                            ci[j] += aik * bk[j];
                        }
                    }
                }
            }
        });
        return c;
    }

    /**
     * x^T x for an m x d matrix x (the d x d sum of the outer products of its rows): the upper triangle by the
     * blocked product of {@link #multiply}, mirrored, so that the result is exactly symmetric at half the cost.
     */
    static double[][] gram(double[][] x) {
        int d = x[0].length;
        int inner = x.length;
        double[][] xt = transpose(x);
        double[][] c = new double[d][d];
        IntStream tasks = IntStream.range(0, (d + ROW_BLOCK - 1) / ROW_BLOCK);
        if ((long) d * d * inner >= 2 * PARALLEL_WORK) {
            tasks = tasks.parallel();
        }
        tasks.forEach(block -> {
            int endRow = Math.min(d, (block + 1) * ROW_BLOCK);
            for (int k0 = 0; k0 < inner; k0 += INNER_BLOCK) {
                int k1 = Math.min(inner, k0 + INNER_BLOCK);
                for (int i = block * ROW_BLOCK; i < endRow; i++) {
                    double[] ci = c[i];
                    double[] xi = xt[i];
                    for (int k = k0; k < k1; k++) {
                        double xki = xi[k];
                        double[] xk = x[k];
                        for (int j = i; j < d; j++) {
                            ci[j] += xki * xk[j];
                        }
                    }
                }
            }
        });
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = c[j][i];
            }
        }
        return c;
    }

    /** sum_{j < end} a_j b_j, with four partial sums (independent chains of multiply-adds). */
    static double dot(double[] a, double[] b, int end) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < end; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < end; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** For each row, the index of its first nonzero entry in [0] and one past its last in [1] (both 0 if none). */
    private static int[][] profile(double[][] a) {
        int[][] range = new int[2][a.length];
        for (int i = 0; i < a.length; i++) {
            double[] row = a[i];
            int end = row.length;
            while (end > 0 && row[end - 1] == 0) {
                end--;
            }
            int start = 0;
            while (start < end && row[start] == 0) {
                start++;
            }
            range[0][i] = start;
            range[1][i] = end;
        }
        return range;
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
     * a c a^T for a symmetric positive semi-definite c: (a F)(a F)^T when c = F F^T has a low-rank factor (rank at
     * most a sixteenth of its dimension, e.g. the input gram repeated over times, or the all-ones kernel above the
     * readout), otherwise a (a c)^T so that both products have a as their left factor (and skip its zeros when a is
     * block lower-triangular).
     */
    static double[][] sandwich(double[][] a, double[][] c) {
        double[][] factor = lowRankFactor(c, Math.max(1, c.length / 16));
        if (factor != null) {
            double[][] af = multiply(a, factor);
            return multiply(af, transpose(af));
        }
        return multiply(a, transpose(multiply(a, c)));
    }

    /** Relative size (to the largest diagonal entry) of the pivots that end a pivoted Cholesky factorisation. */
    static final double PIVOT_TOLERANCE = 1e-13;

    /**
     * A factor F (d x r, F F^T = c up to entries of {@link #PIVOT_TOLERANCE} times the largest diagonal entry) of a
     * symmetric positive semi-definite c, by Cholesky factorisation with diagonal pivoting (Higham, "Accuracy and
     * Stability of Numerical Algorithms", sec. 10.3): the rank r is where the largest remaining pivot falls below
     * the tolerance (negative remainders, from rounding or noise, count as zero). Null when r would exceed
     * {@code maxRank}; the cost is at most d maxRank^2.
     */
    static double[][] lowRankFactor(double[][] c, int maxRank) {
        int d = c.length;
        double[] remaining = new double[d];
        double largest = 0;
        for (int i = 0; i < d; i++) {
            remaining[i] = c[i][i];
            largest = Math.max(largest, c[i][i]);
        }
        double tolerance = PIVOT_TOLERANCE * largest;
        boolean[] used = new boolean[d];
        java.util.List<double[]> columns = new java.util.ArrayList<>();
        while (true) {
            int pivot = -1;
            for (int i = 0; i < d; i++) {
                if (!used[i] && (pivot < 0 || remaining[i] > remaining[pivot])) {
                    pivot = i;
                }
            }
            if (pivot < 0 || !(remaining[pivot] > tolerance)) {
                break;
            }
            if (columns.size() == maxRank) {
                return null;
            }
            double root = Math.sqrt(remaining[pivot]);
            double[] column = new double[d];
            for (int i = 0; i < d; i++) {
                column[i] = 0.5 * (c[i][pivot] + c[pivot][i]);
            }
            for (double[] previous : columns) {
                double scale = previous[pivot];
                for (int i = 0; i < d; i++) {
                    column[i] -= scale * previous[i];
                }
            }
            for (int i = 0; i < d; i++) {
                column[i] = used[i] ? 0 : column[i] / root;
                remaining[i] -= column[i] * column[i];
            }
            column[pivot] = root;
            used[pivot] = true;
            columns.add(column);
        }
        double[][] factor = new double[d][columns.size()];
        for (int q = 0; q < columns.size(); q++) {
            double[] column = columns.get(q);
            for (int i = 0; i < d; i++) {
                factor[i][q] = column[i];
            }
        }
        return factor;
    }

    /**
     * The inverse of a block lower-triangular matrix (blocks of size {@code block}: a_ij = 0 when j / block > i / block)
     * by block forward substitution, Y_kk = a_kk^{-1}, Y_kj = -a_kk^{-1} sum_{j <= i < k} a_ki Y_ij, in about a sixth
     * of the multiply-adds of a dense product; a singular diagonal block is numerical trouble. Any other matrix is
     * inverted by {@link #inverse}.
     */
    static double[][] inverseBlockLower(double[][] a, int block, String what) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            int blockEnd = Math.min(d, (i / block + 1) * block);
            for (int j = blockEnd; j < d; j++) {
                if (a[i][j] != 0) {
                    return inverse(a, what);
                }
            }
        }
        double[][] y = new double[d][d];
        for (int start = 0; start < d; start += block) {
            int end = Math.min(d, start + block);
            double[][] diagonal = new double[end - start][end - start];
            for (int i = start; i < end; i++) {
                System.arraycopy(a[i], start, diagonal[i - start], 0, end - start);
            }
            double[][] diagonalInverse = inverse(diagonal, what);
            double[][] rows = new double[end - start][end];
            for (int i = start; i < end; i++) {
                double[] sum = rows[i - start];
                for (int k = 0; k < start; k++) {
                    double aik = a[i][k];
                    if (aik == 0) {
                        continue;
                    }
                    double[] yk = y[k];
                    int columns = (k / block + 1) * block;
                    for (int j = 0; j < columns; j++) {
                        sum[j] -= aik * yk[j];
                    }
                }
                sum[i] += 1;
            }
            for (int i = start; i < end; i++) {
                double[] yi = y[i];
                double[] weights = diagonalInverse[i - start];
                for (int q = 0; q < end - start; q++) {
                    double w = weights[q];
                    double[] row = rows[q];
                    for (int j = 0; j < end; j++) {
                        yi[j] += w * row[j];
                    }
                }
            }
        }
        return y;
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
        double[] values;
        RealMatrix v;
        try {
            EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(
                    new Array2DRowRealMatrix(symmetric, false));
            values = eigen.getEigenvalues();
            v = eigen.getV();
        } catch (org.hipparchus.exception.MathIllegalStateException notConverged) {
            // Hipparchus' QL iteration gives up on some exactly degenerate kernels (a repeated input gram); the
            // singular value decomposition of the symmetric matrix gives the same root where it is positive
            // semi-definite (negative eigenvalues, rounding or Monte Carlo noise, then enter with their modulus)
            org.hipparchus.linear.SingularValueDecomposition svd = new org.hipparchus.linear.SingularValueDecomposition(
                    new Array2DRowRealMatrix(symmetric, false));
            values = svd.getSingularValues();
            v = svd.getV();
        }
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
                sum -= dot(li, lj, j);
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
        for (int i = 0; i < d; i++) {
            double[] row = inverse[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                double lik = li[k];
                if (lik == 0) {
                    continue;
                }
                double[] inverseK = inverse[k];
                for (int j = 0; j <= k; j++) {
                    row[j] -= lik * inverseK[j];
                }
            }
            row[i] += 1;
            double pivot = li[i];
            for (int j = 0; j <= i; j++) {
                row[j] /= pivot;
            }
        }
        return new double[][][] {l, inverse};
    }
}
