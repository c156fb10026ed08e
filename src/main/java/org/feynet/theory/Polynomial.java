package org.feynet.theory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.feynet.core.Fractions;
import org.hipparchus.fraction.BigFraction;

/**
 * An exact polynomial in the couplings of a theory, with Laurent powers of the size N: a finite map from
 * {@link Monomial} to non-zero {@link BigFraction} coefficients. Immutable.
 */
public final class Polynomial {

    private final int couplings;
    private final TreeMap<Monomial, BigFraction> terms;

    private Polynomial(int couplings, TreeMap<Monomial, BigFraction> terms) {
        this.couplings = couplings;
        this.terms = terms;
    }

    /** 0 in {@code couplings} coupling variables. */
    public static Polynomial zero(int couplings) {
        return new Polynomial(couplings, new TreeMap<>());
    }

    /** {@code coefficient * monomial}. */
    public static Polynomial of(BigFraction coefficient, Monomial monomial) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>();
        if (coefficient.signum() != 0) {
            t.put(monomial, coefficient);
        }
        return new Polynomial(monomial.couplings().length, t);
    }

    /** The constant {@code c}. */
    public static Polynomial constant(int couplings, BigFraction c) {
        return of(c, Monomial.one(couplings));
    }
    /** The terms, in {@link Monomial} order (lowest order first). */
    public Map<Monomial, BigFraction> terms() {
        return Collections.unmodifiableMap(terms);
    }

    public boolean isZero() {
        return terms.isEmpty();
    }

    /** The coefficient of {@code m} (0 when absent). */
    public BigFraction coefficient(Monomial m) {
        return terms.getOrDefault(m, BigFraction.ZERO);
    }

    public Polynomial plus(Polynomial other) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>(terms);
        other.terms.forEach((m, c) -> accumulate(t, m, c));
        return new Polynomial(couplings, t);
    }

    public Polynomial times(BigFraction factor) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>();
        if (factor.signum() != 0) {
            terms.forEach((m, c) -> t.put(m, c.multiply(factor)));
        }
        return new Polynomial(couplings, t);
    }

    /** The product, keeping only terms of total coupling degree at most {@code maxDegree}. */
    public Polynomial times(Polynomial other, int maxDegree) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>();
        for (Map.Entry<Monomial, BigFraction> a : terms.entrySet()) {
            for (Map.Entry<Monomial, BigFraction> b : other.terms.entrySet()) {
                Monomial m = a.getKey().times(b.getKey());
                if (m.degree() <= maxDegree) {
                    accumulate(t, m, a.getValue().multiply(b.getValue()));
                }
            }
        }
        return new Polynomial(couplings, t);
    }

    /** The terms whose monomial passes {@code keep}. */
    public Polynomial filter(Predicate<Monomial> keep) {
        TreeMap<Monomial, BigFraction> t = new TreeMap<>();
        terms.forEach((m, c) -> {
            if (keep.test(m)) {
                t.put(m, c);
            }
        });
        return new Polynomial(couplings, t);
    }

    /**
     * The power series of {@code log(this)} for a series with constant term 1, through total coupling degree
     * {@code maxDegree}: log(1 + x) = x - x^2/2 + x^3/3 - ..., x having no constant term.
     */
    public Polynomial log(int maxDegree) {
        Monomial one = Monomial.one(couplings);
        if (!coefficient(one).equals(BigFraction.ONE)) {
            throw new IllegalArgumentException("log: expected constant term 1, got " + Fractions.text(coefficient(one)));
        }
        Polynomial x = filter(m -> !(m.degree() == 0 && m.size() == 0));
        Polynomial result = zero(couplings);
        Polynomial power = constant(couplings, BigFraction.ONE);
        for (int k = 1; k <= maxDegree; k++) {
            power = power.times(x, maxDegree);
            result = result.plus(power.times(new BigFraction(k % 2 == 1 ? 1 : -1, k)));
        }
        return result;
    }

    /** The highest total coupling degree present, or -1 for 0. */
    public int degree() {
        return terms.isEmpty() ? -1 : terms.keySet().stream().mapToInt(Monomial::degree).max().getAsInt();
    }

    /**
     * For a series in one coupling without N: the coefficients of g^0 .. g^maxDegree.
     *
     * @throws IllegalStateException if there are several couplings or powers of N
     */
    public List<BigFraction> coefficients(int maxDegree) {
        List<BigFraction> out = new ArrayList<>(Collections.nCopies(maxDegree + 1, BigFraction.ZERO));
        for (Map.Entry<Monomial, BigFraction> e : terms.entrySet()) {
            if (couplings > 1 || e.getKey().size() != 0) {
                throw new IllegalStateException("not a series in one coupling: " + this);
            }
            int d = e.getKey().degree();
            if (d <= maxDegree) {
                out.set(d, e.getValue());
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial p && p.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return terms.toString();
    }

    private static void accumulate(TreeMap<Monomial, BigFraction> t, Monomial m, BigFraction c) {
        BigFraction sum = t.getOrDefault(m, BigFraction.ZERO).add(c);
        if (sum.signum() == 0) {
            t.remove(m);
        } else {
            t.put(m, sum);
        }
    }
}
