package org.feynet.model;

import java.util.Locale;

/**
 * The state a residual network's statistics are propagated on (docs/METHOD.md, "Residual networks").
 * {@link #EXACT} propagates the one-point function and the fluctuation covariance of the empirical measure of the
 * residual stream, exact at O(1/n); the others are approximations: {@link #G} is the published Gaussian G-only
 * effective theory, the rest are regression closures that keep the fluctuations of a finite set of empirical kernels
 * and project every other fluctuation onto them.
 */
public enum Closure {
    /**
     * the published G-only effective theory: the stream is Gaussian with the covariance R that G drives, the state is
     * G alone, its fluctuation is transported by the G-only Jacobian and the 1/n mean shift comes from the one-loop
     * tadpole of that Gaussian
     */
    G("G"),
    /** the metric kernel G = (1/n) sum sigma(z) sigma(z)^T as the regression basis */
    GPROJ("Gproj"),
    /** the stream kernel R = (1/n) sum z z^T and G */
    RG("RG"),
    /** R, G and the mixed kernel M = (1/n) sum z sigma(z)^T */
    RGM("RGM"),
    /** the empirical measure of the stream, to second order around the mean-field Gaussian: exact at O(1/n) */
    EXACT("exact");

    private final String keyword;

    Closure(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword of a {@code closure} statement. */
    public String keyword() {
        return keyword;
    }

    /** The closure a keyword names (G, Gproj, RG, RGM or exact, case as written), or null. */
    public static Closure of(String keyword) {
        for (Closure c : values()) {
            if (c.keyword().equals(keyword)) {
                return c;
            }
        }
        return null;
    }

    /** The closure a keyword names when case is ignored, or null: for the hint of a misspelt closure. */
    public static Closure ofIgnoringCase(String keyword) {
        for (Closure c : values()) {
            if (c.keyword().toLowerCase(Locale.ROOT).equals(keyword.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /** The keywords, for messages. */
    public static String keywords() {
        return "G, Gproj, RG, RGM, exact";
    }

    @Override
    public String toString() {
        return keyword();
    }
}
