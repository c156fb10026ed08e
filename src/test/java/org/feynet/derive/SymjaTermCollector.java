package org.feynet.derive;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The former simplifier, kept as an independent reference for {@link TermSimplifier}: collects the terms of a
 * recursion with Symja. Each term is put in the canonical form of {@link TermSimplifier#canonical}; then the sum
 * is handed to Symja's {@code Expand}, which merges equal monomials (products are orderless there) and adds their
 * rational coefficients, and the result is read back into terms, factors in Symja's order.
 */
final class SymjaTermCollector {

    private SymjaTermCollector() {}

    static List<Term> simplify(List<Term> terms) {
        if (terms.isEmpty()) {
            return List.of();
        }
        StringBuilder sum = new StringBuilder();
        for (Term t : terms) {
            sum.append(sum.length() == 0 ? "" : "+").append(symjaInput(TermSimplifier.canonical(t)));
        }
        IExpr expanded = Symja.eval("Expand[" + sum + "]");
        List<Term> out = new ArrayList<>();
        if (expanded.isPlus()) {
            for (int i = 1; i <= expanded.argSize(); i++) {
                out.add(readTerm(expanded.getAt(i)));
            }
        } else if (!expanded.isZero()) {
            out.add(readTerm(expanded));
        }
        out.sort(TermSimplifier.TERM_ORDER);
        return out;
    }

    private static String symjaInput(Term t) {
        StringBuilder s = new StringBuilder();
        s.append('(').append(t.coefficient().getNumerator()).append('/').append(t.coefficient().getDenominator())
                .append(')');
        if (t.cwPower() > 0) {
            s.append("*Cw^").append(t.cwPower());
        }
        if (t.cb()) {
            s.append("*Cb");
        }
        for (Atom a : t.atoms()) {
            s.append("*Mom[{").append(String.join(",", a.sigma())).append("},{")
                    .append(String.join(",", a.derivatives())).append("}]");
        }
        for (TensorRef x : t.tensors()) {
            s.append("*Cum[").append(x.statistic().size()).append(',').append(x.statistic().order()).append(",{")
                    .append(String.join(",", x.indices())).append("}]");
        }
        return s.toString();
    }

    private static Term readTerm(IExpr monomial) {
        List<IExpr> factors = new ArrayList<>();
        if (monomial.isTimes()) {
            for (int i = 1; i <= monomial.argSize(); i++) {
                factors.add(monomial.getAt(i));
            }
        } else {
            factors.add(monomial);
        }
        BigFraction coefficient = BigFraction.ONE;
        int cw = 0;
        boolean cb = false;
        List<Atom> atoms = new ArrayList<>();
        List<TensorRef> tensors = new ArrayList<>();
        for (IExpr f : factors) {
            int power = 1;
            IExpr base = f;
            if (f.isPower() && f.getAt(2).isInteger()) {
                base = f.getAt(1);
                power = f.getAt(2).toIntDefault();
            }
            String head = base.head().toString();
            for (int k = 0; k < power; k++) {
                if (base.isRational()) {
                    coefficient = coefficient.multiply(fraction(base.toString()));
                } else if (base.toString().equals("Cw")) {
                    cw++;
                } else if (base.toString().equals("Cb")) {
                    cb = true;
                } else if (head.equals("Mom")) {
                    atoms.add(new Atom(names(base.getAt(1)), names(base.getAt(2))));
                } else if (head.equals("Cum")) {
                    tensors.add(new TensorRef(Statistic.metric(base.getAt(1).toIntDefault(), base.getAt(2).toIntDefault()),
                            names(base.getAt(3))));
                } else {
                    throw new IllegalStateException("unexpected factor in a recursion: " + f);
                }
            }
        }
        return new Term(coefficient, cw, cb, atoms, tensors);
    }

    private static List<String> names(IExpr list) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= list.argSize(); i++) {
            out.add(list.getAt(i).toString());
        }
        return out;
    }

    private static BigFraction fraction(String text) {
        String[] parts = text.split("/");
        BigInteger num = new BigInteger(parts[0]);
        BigInteger den = parts.length > 1 ? new BigInteger(parts[1]) : BigInteger.ONE;
        return new BigFraction(num, den);
    }
}
