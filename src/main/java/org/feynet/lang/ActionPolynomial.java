package org.feynet.lang;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.fraction.BigFraction;

/**
 * An action (or any expression of a theory block) as an exact polynomial in the fields, couplings and the size
 * N: a map from {@link Key} to rational coefficients. Indices of vector fields are summed in pairs, left to
 * right: {@code phi[i]*phi[i]} and {@code phi[i]^2} are the invariant phi.phi; an index left unpaired, or used
 * more than twice in one product, is an error at its position.
 */
final class ActionPolynomial {

    /**
     * A monomial: legs per field (for a vector field, twice the power of the invariant), unpaired vector
     * indices per field, coupling powers, and the power of N.
     */
    record Key(List<Integer> legs, List<Integer> open, List<Integer> couplings, int size) {
        int fieldDegree() {
            return legs.stream().mapToInt(Integer::intValue).sum() + open.stream().mapToInt(Integer::intValue).sum();
        }

        int couplingDegree() {
            return couplings.stream().mapToInt(Integer::intValue).sum();
        }

        boolean anyOpen() {
            return open.stream().anyMatch(o -> o != 0);
        }
    }

    /** The names a theory's expressions may use, by role. */
    record Names(List<String> fields, List<Boolean> vector, List<String> couplings, String size,
            Map<String, Expr> bindings) {}

    private final Map<Key, BigFraction> terms;
    private final Names names;

    private ActionPolynomial(Names names, Map<Key, BigFraction> terms) {
        this.names = names;
        this.terms = terms;
    }

    Map<Key, BigFraction> terms() {
        return terms;
    }

    /** The polynomial of {@code expr}. */
    static ActionPolynomial of(Expr expr, Names names) {
        return new Builder(names).build(expr);
    }

    // ------------------------------------------------------------------ arithmetic

    private static final class Builder {
        private final Names names;
        private final Set<String> expanding = new HashSet<>();

        Builder(Names names) {
            this.names = names;
        }

        ActionPolynomial build(Expr expr) {
            if (expr instanceof Expr.Number n) {
                return constant(exact(n));
            }
            if (expr instanceof Expr.Symbol s) {
                return symbol(s);
            }
            if (expr instanceof Expr.Index i) {
                return component(i);
            }
            if (expr instanceof Expr.Negate n) {
                return build(n.operand()).scale(new BigFraction(-1, 1));
            }
            if (expr instanceof Expr.Call c) {
                throw new SourceError(c.position(), "non-polynomial action: '" + ExprText.of(c)
                        + "', expected a polynomial in the fields (sums of products of powers)");
            }
            if (!(expr instanceof Expr.Binary b)) {
                throw new SourceError(expr.position(), "unexpected '" + ExprText.of(expr) + "' in an action");
            }
            switch (b.operator()) {
                case ADD:
                    return closed(build(b.left()), b.left()).plus(closed(build(b.right()), b.right()));
                case SUBTRACT:
                    return closed(build(b.left()), b.left())
                            .plus(closed(build(b.right()), b.right()).scale(new BigFraction(-1, 1)));
                case MULTIPLY:
                    return build(b.left()).times(build(b.right()), b.position());
                case DIVIDE:
                    return build(b.left()).times(inverse(b.right()), b.position());
                case POWER:
                    return power(build(b.left()), b);
                default:
                    throw new SourceError(b.position(), "unexpected '" + b.operator().symbol() + "' in an action, expected '*'");
            }
        }

        private ActionPolynomial symbol(Expr.Symbol s) {
            String name = s.name();
            int field = names.fields().indexOf(name);
            if (field >= 0) {
                return single(field, false);
            }
            int coupling = names.couplings().indexOf(name);
            if (coupling >= 0) {
                List<Integer> c = zeros(names.couplings().size());
                c.set(coupling, 1);
                return monomial(new Key(zeros(names.fields().size()), zeros(names.fields().size()), c, 0));
            }
            if (name.equals(names.size())) {
                return monomial(new Key(zeros(names.fields().size()), zeros(names.fields().size()),
                        zeros(names.couplings().size()), 1));
            }
            Expr value = names.bindings().get(name);
            if (value == null) {
                throw new SourceError(s.position(), "undefined symbol '" + name + "', expected a field, a coupling or a number");
            }
            if (!expanding.add(name)) {
                throw new SourceError(s.position(), "hyperparameter '" + name
                        + "' is defined in terms of itself, expected a value that does not use it");
            }
            ActionPolynomial p = build(value);
            expanding.remove(name);
            return p;
        }

        private ActionPolynomial component(Expr.Index i) {
            int field = names.fields().indexOf(i.name().text());
            if (field < 0 || !names.vector().get(field)) {
                throw new SourceError(i.position(), "unexpected index on '" + i.name().text() + "', expected a field with components");
            }
            if (!(i.index() instanceof Expr.Symbol)) {
                throw new SourceError(i.index().position(), "component " + ExprText.of(i)
                        + " in the action breaks the O(N) symmetry, expected the summed index as in "
                        + i.name().text() + "[i]*" + i.name().text() + "[i]");
            }
            return single(field, true);
        }

        private ActionPolynomial single(int field, boolean open) {
            List<Integer> legs = zeros(names.fields().size());
            List<Integer> opened = zeros(names.fields().size());
            (open ? opened : legs).set(field, 1);
            return monomial(new Key(legs, opened, zeros(names.couplings().size()), 0));
        }

        /** The reciprocal of a divisor made of numbers and powers of N. */
        private ActionPolynomial inverse(Expr divisor) {
            ActionPolynomial d = build(divisor);
            if (d.terms.size() == 1) {
                Map.Entry<Key, BigFraction> e = d.terms.entrySet().iterator().next();
                Key k = e.getKey();
                if (k.fieldDegree() == 0 && k.couplingDegree() == 0) {
                    Map<Key, BigFraction> t = new LinkedHashMap<>();
                    t.put(new Key(k.legs(), k.open(), k.couplings(), -k.size()), e.getValue().reciprocal());
                    return new ActionPolynomial(names, t);
                }
            }
            throw new SourceError(divisor.position(), "non-polynomial action: division by '" + ExprText.of(divisor)
                    + "', expected to divide by numbers only" + (names.size() == null ? "" : " (and " + names.size() + ")"));
        }

        private ActionPolynomial power(ActionPolynomial base, Expr.Binary b) {
            ActionPolynomial exponent = build(b.right());
            BigFraction k = exponent.terms.size() == 1 && exponent.terms.keySet().iterator().next().fieldDegree() == 0
                    && exponent.terms.keySet().iterator().next().couplingDegree() == 0
                    && exponent.terms.keySet().iterator().next().size() == 0
                    ? exponent.terms.values().iterator().next() : exponent.terms.isEmpty() ? BigFraction.ZERO : null;
            if (k == null || !k.getDenominator().equals(BigInteger.ONE) || k.signum() < 0
                    || k.getNumerator().bitLength() > 8) {
                throw new SourceError(b.right().position(), "non-polynomial action: power '" + ExprText.of(b.right())
                        + "', expected a whole number 0, 1, 2, ...");
            }
            int n = k.getNumerator().intValue();
            boolean open = base.terms.keySet().stream().anyMatch(Key::anyOpen);
            if (open && n != 2) {
                throw new SourceError(b.position(), "'" + ExprText.of(b) + "' repeats a summed index " + n
                        + " times, expected it twice, as in " + ExprText.of(b.left()) + "*" + ExprText.of(b.left())
                        + " or (" + ExprText.of(b.left()) + "*" + ExprText.of(b.left()) + ")^2");
            }
            ActionPolynomial result = constant(BigFraction.ONE);
            for (int i = 0; i < n; i++) {
                result = result.times(base, b.position());
            }
            return result;
        }

        private ActionPolynomial closed(ActionPolynomial p, Expr at) {
            for (Key k : p.terms.keySet()) {
                if (k.anyOpen()) {
                    throw new SourceError(at.position(), "unpaired index in '" + ExprText.of(at)
                            + "', expected every summed index twice, as in phi[i]*phi[i]");
                }
            }
            return p;
        }

        private ActionPolynomial constant(BigFraction c) {
            return new ActionPolynomial(names, c.signum() == 0 ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(Map.of(new Key(zeros(names.fields().size()), zeros(names.fields().size()),
                            zeros(names.couplings().size()), 0), c)));
        }

        private ActionPolynomial monomial(Key key) {
            Map<Key, BigFraction> t = new LinkedHashMap<>();
            t.put(key, BigFraction.ONE);
            return new ActionPolynomial(names, t);
        }
    }

    /** The exact value of a literal: 0.5 is 1/2, 1e-3 is 1/1000. */
    static BigFraction exact(Expr.Number n) {
        BigDecimal d = new BigDecimal(n.text());
        return d.scale() >= 0 ? new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()))
                : new BigFraction(d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE);
    }

    private ActionPolynomial plus(ActionPolynomial other) {
        Map<Key, BigFraction> t = new LinkedHashMap<>(terms);
        other.terms.forEach((k, c) -> add(t, k, c));
        return new ActionPolynomial(names, t);
    }

    private ActionPolynomial scale(BigFraction factor) {
        Map<Key, BigFraction> t = new LinkedHashMap<>();
        terms.forEach((k, c) -> add(t, k, c.multiply(factor)));
        return new ActionPolynomial(names, t);
    }

    private ActionPolynomial times(ActionPolynomial other, Position at) {
        Map<Key, BigFraction> t = new LinkedHashMap<>();
        for (Map.Entry<Key, BigFraction> a : terms.entrySet()) {
            for (Map.Entry<Key, BigFraction> b : other.terms.entrySet()) {
                add(t, product(a.getKey(), b.getKey(), at), a.getValue().multiply(b.getValue()));
            }
        }
        return new ActionPolynomial(names, t);
    }

    private Key product(Key a, Key b, Position at) {
        List<Integer> legs = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int f = 0; f < a.legs().size(); f++) {
            int o = a.open().get(f) + b.open().get(f);
            int l = a.legs().get(f) + b.legs().get(f);
            if (o == 2) {
                l += 2;
                o = 0;
            }
            if (o > 2) {
                throw new SourceError(at, "a summed index of " + names.fields().get(f)
                        + " appears more than twice in one product, expected pairs such as "
                        + names.fields().get(f) + "[i]*" + names.fields().get(f) + "[i]");
            }
            legs.add(l);
            open.add(o);
        }
        List<Integer> couplings = new ArrayList<>();
        for (int c = 0; c < a.couplings().size(); c++) {
            couplings.add(a.couplings().get(c) + b.couplings().get(c));
        }
        return new Key(legs, open, couplings, a.size() + b.size());
    }

    private static void add(Map<Key, BigFraction> t, Key k, BigFraction c) {
        BigFraction sum = t.getOrDefault(k, BigFraction.ZERO).add(c);
        if (sum.signum() == 0) {
            t.remove(k);
        } else {
            t.put(k, sum);
        }
    }

    private static List<Integer> zeros(int n) {
        List<Integer> z = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            z.add(0);
        }
        return z;
    }
}
