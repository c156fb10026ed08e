package org.feynet.derive;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.fraction.BigFraction;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Collects the terms of a recursion with Symja. Each term is first put in a canonical form (atoms sorted by
 * their sigma samples, summed indices renamed in order of appearance, tensor slots sorted using the symmetries
 * of the cumulants); then the sum is handed to Symja's {@code Expand}, which merges equal monomials and adds
 * their rational coefficients, and the result is read back into terms.
 */
final class TermSimplifier {

    private TermSimplifier() {}

    static List<Term> simplify(List<Term> terms) {
        if (terms.isEmpty()) {
            return List.of();
        }
        StringBuilder sum = new StringBuilder();
        for (Term t : terms) {
            sum.append(sum.length() == 0 ? "" : "+").append(symjaInput(canonical(t)));
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
        out.sort(TERM_ORDER);
        return out;
    }

    static final Comparator<Term> TERM_ORDER = Comparator
            .comparing((Term t) -> t.cb() ? 0 : 1)
            .thenComparingInt(t -> t.atoms().stream().mapToInt(a -> a.derivatives().size()).sum())
            .thenComparing(t -> t.tensors().toString())
            .thenComparing(t -> t.atoms().toString());

    /** Renames summed indices in order of appearance in the sorted atoms and sorts tensor slots. */
    static Term canonical(Term term) {
        List<Atom> atoms = new ArrayList<>(term.atoms());
        atoms.sort(Comparator.comparing((Atom a) -> sorted(a.sigma()), Names::compareLists)
                .thenComparingInt(a -> a.derivatives().size()));
        Map<String, String> rename = new HashMap<>();
        int next = 1;
        for (Atom a : atoms) {
            List<String> legs = a.derivatives().stream().filter(x -> x.startsWith("c"))
                    .sorted(Names::compareIndex).toList();
            for (String c : legs) {
                String leg = c.substring(1);
                rename.put("c" + leg, Names.dummyFirst(next));
                rename.put("d" + leg, Names.dummySecond(next));
                next++;
            }
        }
        List<Atom> renamed = new ArrayList<>();
        for (Atom a : atoms) {
            renamed.add(new Atom(sorted(a.sigma()), sorted(a.derivatives().stream().map(rename::get).toList())));
        }
        List<TensorRef> tensors = new ArrayList<>();
        for (TensorRef t : term.tensors()) {
            tensors.add(canonicalTensor(t, rename));
        }
        tensors.sort(Comparator.comparingInt(TensorRef::size).thenComparingInt(TensorRef::order)
                .thenComparing(TensorRef::indices, Names::compareLists));
        return new Term(term.coefficient(), term.cwPower(), term.cb(), renamed, tensors);
    }

    private static TensorRef canonicalTensor(TensorRef t, Map<String, String> rename) {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < t.indices().size(); i += 2) {
            pairs.add(sorted(List.of(rename.getOrDefault(t.indices().get(i), t.indices().get(i)),
                    rename.getOrDefault(t.indices().get(i + 1), t.indices().get(i + 1)))));
        }
        pairs.sort(Names::compareLists);
        return new TensorRef(t.size(), t.order(), pairs.stream().flatMap(List::stream).toList());
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(Names::compareIndex);
        return copy;
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
            s.append("*Cum[").append(x.size()).append(',').append(x.order()).append(",{")
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
                    tensors.add(new TensorRef(base.getAt(1).toIntDefault(), base.getAt(2).toIntDefault(),
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
