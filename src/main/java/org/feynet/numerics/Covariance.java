package org.feynet.numerics;

/**
 * The argument checks that every {@link GaussianMoments} engine makes at its boundary: a covariance of 1 to
 * {@value #MAX_SAMPLES} distinct samples, square, finite, symmetric and positive semidefinite as
 * {@link PivotedCholesky} checks them with its default tolerances (non-finite entries and indefinite matrices are
 * {@link NumericalTrouble}, malformed or asymmetric ones {@link IllegalArgumentException}), and power and
 * derivative counts of the right length and range.
 */
final class Covariance {

    /** The most distinct samples an engine is asked about (the six-point cumulant T6). */
    static final int MAX_SAMPLES = 6;

    private static final String NAME = "covariance";

    private Covariance() {}

    /** Checks covariance, powers and derivatives; the pivoted Cholesky factor of the covariance. */
    static PivotedCholesky factor(double[][] covariance, int[] powers, int[] derivatives, int maxDerivative) {
        PivotedCholesky factor = checked(covariance);
        int k = factor.dimension();
        checkCounts("powers", powers, k, Integer.MAX_VALUE);
        checkCounts("derivatives", derivatives, k, maxDerivative);
        return factor;
    }

    /**
     * Checks the covariance and the powers (at most {@code maxPower}) and derivatives (at most
     * {@link GaussHermiteMoments#MAX_DERIVATIVE}) of each sample, as the exact engines take them; returns the
     * covariance's symmetric part.
     */
    static double[][] validate(double[][] covariance, int[] powers, int[] derivatives, int maxPower) {
        double[][] k2 = validate(covariance);
        checkCounts("powers", powers, k2.length, maxPower);
        checkCounts("derivatives", derivatives, k2.length, GaussHermiteMoments.MAX_DERIVATIVE);
        return k2;
    }

    /**
     * Checks the covariance and a product of derivatives of sigma per sample ({@code factors[x][k]}, the power of
     * sigma^(k)(z_x), each at most {@code maxPower}) under {@code derivatives[x]} outer derivatives: the derivatives
     * of sigma that sample x needs, its highest k plus d_x, are at most {@link GaussHermiteMoments#MAX_DERIVATIVE}
     * (what the jets provide). Returns the pivoted Cholesky factor of the covariance.
     */
    static PivotedCholesky factor(double[][] covariance, int[][] factors, int[] derivatives, int maxPower) {
        PivotedCholesky factor = checked(covariance);
        int k = factor.dimension();
        DerivativeFactors.requireShape(covariance, factors);
        checkCounts("derivatives", derivatives, k, GaussHermiteMoments.MAX_DERIVATIVE);
        for (int x = 0; x < k; x++) {
            checkCounts("factors[" + x + "]", factors[x], factors[x].length, maxPower);
            int order = DerivativeFactors.highestOrder(factors[x]) + derivatives[x];
            if (order > GaussHermiteMoments.MAX_DERIVATIVE) {
                throw new IllegalArgumentException("sample " + x + " needs sigma^(" + order + ") (its highest "
                    + "factor sigma^(" + DerivativeFactors.highestOrder(factors[x]) + ") under " + derivatives[x]
                    + " outer derivatives); at most " + GaussHermiteMoments.MAX_DERIVATIVE + " derivatives of sigma");
            }
        }
        return factor;
    }

    /** As {@link #factor(double[][], int[][], int[], int)}; the covariance's symmetric part. */
    static double[][] validate(double[][] covariance, int[][] factors, int[] derivatives, int maxPower) {
        return factor(covariance, factors, derivatives, maxPower).matrix();
    }

    /** Checks the covariance; its symmetric part (K + K^T)/2. */
    static double[][] validate(double[][] covariance) {
        return checked(covariance).matrix();
    }

    private static PivotedCholesky checked(double[][] covariance) {
        if (covariance == null || covariance.length < 1 || covariance.length > MAX_SAMPLES) {
            throw new IllegalArgumentException("covariance must be k x k with 1 <= k <= " + MAX_SAMPLES + ", got "
                + (covariance == null ? "null" : covariance.length + " rows"));
        }
        return PivotedCholesky.of(NAME, covariance);
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
}
