package org.feynet.theory;

import java.util.Arrays;

/**
 * A monomial prod_c g_c^(couplings[c]) * N^size of a theory series. Ordered by total coupling degree, then by
 * the coupling exponents (first coupling highest first), then by decreasing power of N, so that a series prints
 * lowest order first and, within an order, leading in N first.
 */
public record Monomial(int[] couplings, int size) implements Comparable<Monomial> {

    public Monomial {
        couplings = couplings.clone();
    }

    /** The monomial 1 in {@code couplings} variables. */
    public static Monomial one(int couplings) {
        return new Monomial(new int[couplings], 0);
    }

    /** The total coupling degree. */
    public int degree() {
        int d = 0;
        for (int c : couplings) {
            d += c;
        }
        return d;
    }

    public Monomial times(Monomial other) {
        int[] c = couplings.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += other.couplings[i];
        }
        return new Monomial(c, size + other.size);
    }

    @Override
    public int[] couplings() {
        return couplings.clone();
    }

    /** The exponent of coupling {@code c}. */
    public int power(int c) {
        return couplings[c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Monomial m && m.size == size && Arrays.equals(m.couplings, couplings);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(couplings) + size;
    }

    @Override
    public int compareTo(Monomial o) {
        int c = Integer.compare(degree(), o.degree());
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < couplings.length; i++) {
            c = Integer.compare(o.couplings[i], couplings[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(o.size, size);
    }

    @Override
    public String toString() {
        return Arrays.toString(couplings) + "N^" + size;
    }
}
