package org.feynet.core;

import java.math.BigInteger;
import org.hipparchus.fraction.BigFraction;

/**
 * Text forms of exact rationals. feynet's one rational type is Hipparchus {@link BigFraction}: every
 * constructor reduces to lowest terms with a positive denominator, so {@code equals} and {@code hashCode}
 * compare values ({@code 2/4} equals {@code 1/2}) and fractions are safe map keys and values. Its
 * {@code toString()} prints {@code "1 / 2"}; the forms here are the ones feynet prints.
 */
public final class Fractions {

    private Fractions() {}

    /** {@code p/q} in lowest terms, or {@code p} for an integer: {@code "1/2"}, {@code "-3/8"}, {@code "3"}. */
    public static String text(BigFraction f) {
        return f.getDenominator().equals(BigInteger.ONE) ? f.getNumerator().toString()
                : f.getNumerator() + "/" + f.getDenominator();
    }

    /**
     * LaTeX: {@code p} for an integer, else {@code \frac{|p|}{q}} with a leading {@code -} when negative.
     */
    public static String latex(BigFraction f) {
        if (f.getDenominator().equals(BigInteger.ONE)) {
            return f.getNumerator().toString();
        }
        return (f.signum() < 0 ? "-" : "") + "\\frac{" + f.getNumerator().abs() + "}{" + f.getDenominator() + "}";
    }
}
