package org.feynet.model;

/**
 * The state a residual network's statistics are propagated on (docs/METHOD.md, "Residual networks").
 * {@link #EXACT} propagates the one-point function and the fluctuation covariance of the empirical measure of the
 * residual stream, exact at O(1/n); the others are kernel closures, approximations that keep only the fluctuations of
 * a finite set of empirical kernels and project every other fluctuation onto them.
 */
public enum Closure {
    /** the metric kernel G = (1/n) sum sigma(z) sigma(z)^T alone */
    G,
    /** the stream kernel R = (1/n) sum z z^T and G */
    RG,
    /** R, G and the mixed kernel M = (1/n) sum z sigma(z)^T */
    RGM,
    /** the empirical measure of the stream, to second order around the mean-field Gaussian: exact at O(1/n) */
    EXACT;

    /** The keyword of a {@code closure} statement. */
    public String keyword() {
        return this == EXACT ? "exact" : name();
    }

    /** The closure a keyword names (G, RG, RGM or exact, case as written), or null. */
    public static Closure of(String keyword) {
        for (Closure c : values()) {
            if (c.keyword().equals(keyword)) {
                return c;
            }
        }
        return null;
    }

    /** The keywords, for messages. */
    public static String keywords() {
        return "G, RG, RGM, exact";
    }

    @Override
    public String toString() {
        return keyword();
    }
}
