package org.feynet.theory;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference series, independent of the diagram code: for S = phi^2/2 + sum_t c_t g^(e_t) phi^(k_t) (one
 * field), the moments M_j = E[phi^j exp(-S_int)] over phi ~ N(0, 1), expanded as
 * sum over n_t of prod_t (-c_t)^(n_t)/n_t! g^(n_t e_t) E[phi^(j + sum n_t k_t)], with E[phi^(2m)] = (2m-1)!!
 * and odd moments 0. Series are truncated multivariate polynomials in the couplings, with exact fractions
 * written here from BigInteger (independently of Hipparchus BigFraction).
 */
final class GaussianReference {

    /** An exact fraction p/q, q > 0, in lowest terms. */
    record Q(BigInteger p, BigInteger q) {
        Q {
            BigInteger g = p.gcd(q);
            if (q.signum() < 0) {
                g = g.negate();
            }
            if (g.signum() != 0) {
                p = p.divide(g);
                q = q.divide(g);
            }
        }

        static Q of(long p, long q) {
            return new Q(BigInteger.valueOf(p), BigInteger.valueOf(q));
        }

        Q plus(Q o) {
            return new Q(p.multiply(o.q).add(o.p.multiply(q)), q.multiply(o.q));
        }

        Q times(Q o) {
            return new Q(p.multiply(o.p), q.multiply(o.q));
        }

        @Override
        public String toString() {
            return q.equals(BigInteger.ONE) ? p.toString() : p + "/" + q;
        }
    }

    /** A truncated series: exponent vector (as a string key "a,b") to coefficient. */
    static final class Series {
        final int vars;
        final int max;
        final Map<String, Q> c = new HashMap<>();

        Series(int vars, int max) {
            this.vars = vars;
            this.max = max;
        }

        static int[] exps(String key) {
            String[] s = key.split(",");
            int[] e = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                e[i] = Integer.parseInt(s[i]);
            }
            return e;
        }

        static String key(int[] e) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < e.length; i++) {
                b.append(i == 0 ? "" : ",").append(e[i]);
            }
            return b.toString();
        }

        void add(int[] e, Q v) {
            int d = 0;
            for (int x : e) {
                d += x;
            }
            if (d > max) {
                return;
            }
            Q s = c.getOrDefault(key(e), Q.of(0, 1)).plus(v);
            if (s.p().signum() == 0) {
                c.remove(key(e));
            } else {
                c.put(key(e), s);
            }
        }

        Series plus(Series o, Q factor) {
            Series r = copy();
            o.c.forEach((k, v) -> r.add(exps(k), v.times(factor)));
            return r;
        }

        Series times(Series o) {
            Series r = new Series(vars, max);
            c.forEach((ka, va) -> o.c.forEach((kb, vb) -> {
                int[] a = exps(ka);
                int[] b = exps(kb);
                for (int i = 0; i < a.length; i++) {
                    a[i] += b[i];
                }
                r.add(a, va.times(vb));
            }));
            return r;
        }

        Series copy() {
            Series r = new Series(vars, max);
            r.c.putAll(c);
            return r;
        }

        Q constant() {
            return c.getOrDefault(key(new int[vars]), Q.of(0, 1));
        }

        /** 1/this for constant term 1: sum_k (1 - this)^k. */
        Series inverse() {
            Series x = one(vars, max).plus(this, Q.of(-1, 1));
            Series r = one(vars, max);
            Series p = one(vars, max);
            for (int k = 1; k <= max; k++) {
                p = p.times(x);
                r = r.plus(p, Q.of(1, 1));
            }
            return r;
        }

        /** log(this) for constant term 1: sum_k (-1)^(k+1) x^k / k, x = this - 1. */
        Series log() {
            Series x = plus(one(vars, max), Q.of(-1, 1));
            Series r = new Series(vars, max);
            Series p = one(vars, max);
            for (int k = 1; k <= max; k++) {
                p = p.times(x);
                r = r.plus(p, Q.of(k % 2 == 1 ? 1 : -1, k));
            }
            return r;
        }

        static Series one(int vars, int max) {
            Series r = new Series(vars, max);
            r.add(new int[vars], Q.of(1, 1));
            return r;
        }
    }

    private final long[][] terms;
    private final Q[] coefficients;
    private final int vars;
    private final int max;

    /**
     * @param coefficients c_t
     * @param terms        per term {k_t (power of phi), e_t,0, e_t,1, ... (power of each coupling)}
     */
    GaussianReference(Q[] coefficients, long[][] terms, int vars, int max) {
        this.coefficients = coefficients;
        this.terms = terms;
        this.vars = vars;
        this.max = max;
    }

    /** M_j = E[phi^j exp(-S_int)]. */
    Series moment(int j) {
        Series s = new Series(vars, max);
        expand(0, new int[terms.length], 0, j, Q.of(1, 1), new int[vars], s);
        return s;
    }

    private void expand(int t, int[] n, int degree, int power, Q weight, int[] exps, Series out) {
        if (t == terms.length) {
            if (power % 2 == 0) {
                out.add(exps, weight.times(new Q(doubleFactorial(power - 1), BigInteger.ONE)));
            }
            return;
        }
        int d = 0;
        for (int v = 0; v < vars; v++) {
            d += terms[t][1 + v];
        }
        Q w = weight;
        int[] e = exps.clone();
        int p = power;
        for (int k = 0; degree + k * d <= max; k++) {
            expand(t + 1, n, degree + k * d, p, w, e, out);
            // one more factor (-c_t g^e phi^k) / (k+1)
            w = w.times(coefficients[t]).times(Q.of(-1, k + 1));
            p += (int) terms[t][0];
            for (int v = 0; v < vars; v++) {
                e[v] += (int) terms[t][1 + v];
            }
        }
    }

    static BigInteger doubleFactorial(int n) {
        BigInteger r = BigInteger.ONE;
        for (int k = n; k > 1; k -= 2) {
            r = r.multiply(BigInteger.valueOf(k));
        }
        return r;
    }

    /** Normalised moments m_j = M_j / M_0. */
    Series normalised(int j) {
        return moment(j).times(moment(0).inverse());
    }

    /** The connected four-point function kappa_4 = m4 - 4 m3 m1 - 3 m2^2 + 12 m2 m1^2 - 6 m1^4. */
    Series connectedFour() {
        Series m1 = normalised(1);
        Series m2 = normalised(2);
        Series m3 = normalised(3);
        Series m4 = normalised(4);
        Series m1sq = m1.times(m1);
        return m4.plus(m3.times(m1), Q.of(-4, 1)).plus(m2.times(m2), Q.of(-3, 1))
                .plus(m2.times(m1sq), Q.of(12, 1)).plus(m1sq.times(m1sq), Q.of(-6, 1));
    }

    /** The connected two-point function m2 - m1^2. */
    Series connectedTwo() {
        Series m1 = normalised(1);
        return normalised(2).plus(m1.times(m1), Q.of(-1, 1));
    }
}
