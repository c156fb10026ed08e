package org.feynet.diagrams;

import java.math.BigInteger;

/**
 * An exact rational number {@code numerator / denominator}, always in lowest terms with a
 * positive denominator, so that equal values are equal records.
 *
 * @param numerator   the numerator, sign carrier
 * @param denominator the denominator, strictly positive after normalisation
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {

    /** The number 0. */
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    /** The number 1. */
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    /** Normalises to lowest terms and a positive denominator; rejects a zero denominator. */
    public Rational {
        if (numerator == null || denominator == null) {
            throw new IllegalArgumentException("Rational: numerator and denominator must not be null");
        }
        if (denominator.signum() == 0) {
            throw new ArithmeticException("Rational: zero denominator");
        }
        BigInteger g = numerator.gcd(denominator);
        if (denominator.signum() < 0) {
            g = g.negate();
        }
        if (!g.equals(BigInteger.ONE)) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    /** Returns {@code p / q}. */
    public static Rational of(long p, long q) {
        return new Rational(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    /** Returns {@code p / q}. */
    public static Rational of(BigInteger p, BigInteger q) {
        return new Rational(p, q);
    }

    /** Returns {@code this + other}. */
    public Rational add(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /** Returns {@code this * other}. */
    public Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /** Returns {@code 1 / this}; fails on zero. */
    public Rational reciprocal() {
        return new Rational(denominator, numerator);
    }

    /** Returns the nearest double. */
    public double doubleValue() {
        return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator),
                java.math.MathContext.DECIMAL64).doubleValue();
    }

    @Override
    public int compareTo(Rational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    /** {@code "p/q"}, or {@code "p"} for integers. */
    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
