package org.feynet.numerics;

/**
 * Reading one sample's row of a product of derivatives of the activation, as {@link GaussianMoments#expect(double[][],
 * int[][], int[])} takes it: {@code row[k]} is the power m_k of sigma^(k)(z) in prod_k (sigma^(k)(z))^{m_k}. Rows may
 * be of any length (missing entries are zero); an empty or all-zero row is the constant 1.
 */
final class DerivativeFactors {

    private DerivativeFactors() {}

    /**
     * The powers of sigma when no row holds a derivative of sigma (every m_k = 0 for k &gt;= 1), else null. Checks the
     * shape of {@code factors} (k rows for a k x k covariance, no null row, no negative entry).
     *
     * @throws IllegalArgumentException when the shape is wrong
     */
    static int[] plainPowers(double[][] covariance, int[][] factors) {
        requireShape(covariance, factors);
        int[] powers = new int[factors.length];
        for (int x = 0; x < factors.length; x++) {
            if (highestOrder(factors[x]) >= 1) {
                return null;
            }
            powers[x] = factors[x].length == 0 ? 0 : factors[x][0];
        }
        return powers;
    }

    /** factors is non-null, has one row per covariance row, and no row is null or holds a negative power. */
    static void requireShape(double[][] covariance, int[][] factors) {
        if (factors == null) {
            throw new IllegalArgumentException("factors must not be null");
        }
        if (covariance != null && factors.length != covariance.length) {
            throw new IllegalArgumentException("factors has " + factors.length + " rows for a " + covariance.length
                + "x" + covariance.length + " covariance");
        }
        for (int x = 0; x < factors.length; x++) {
            if (factors[x] == null) {
                throw new IllegalArgumentException("factors[" + x + "] must not be null");
            }
            for (int k = 0; k < factors[x].length; k++) {
                if (factors[x][k] < 0) {
                    throw new IllegalArgumentException("factors[" + x + "][" + k + "] = " + factors[x][k]
                        + " is negative (it is the power of sigma^(" + k + ") at sample " + x + ")");
                }
            }
        }
    }

    /** The largest k with m_k &gt; 0, or -1 for the constant 1. */
    static int highestOrder(int[] row) {
        for (int k = row.length - 1; k >= 0; k--) {
            if (row[k] > 0) {
                return k;
            }
        }
        return -1;
    }

    /** sum_k m_k, the number of factors. */
    static int count(int[] row) {
        int total = 0;
        for (int m : row) {
            total += m;
        }
        return total;
    }

    /** m_k, zero beyond the row. */
    static int power(int[] row, int k) {
        return k < row.length ? row[k] : 0;
    }

    /**
     * sum_k (k + 1) m_k: the order of the pole of the product where sigma has a simple pole (tanh at +-i pi/2), since
     * sigma^(k) has a pole of order k + 1 there; it is the power m for sigma^m.
     */
    static int poleOrder(int[] row) {
        int total = 0;
        for (int k = 0; k < row.length; k++) {
            total += (k + 1) * row[k];
        }
        return total;
    }
}
