package org.feynet.derive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * Collects the terms of a recursion. Each term is put in a canonical form: expectations sorted by their sigma
 * samples, summed indices renamed in order of appearance, tensor slots sorted by the symmetries of the cumulants
 * (within a pair, between pairs). Terms whose canonical monomials (power of Cw, Cb, expectations, tensors) are
 * equal are then merged by adding their exact coefficients, and vanishing sums dropped. Products commute, so two
 * monomials are equal when their factors agree as multisets; the key sorts them.
 */
public final class TermSimplifier {

    private TermSimplifier() {}

    /**
     * The order of terms in a recursion, which is also the summation order of the generated code: the constant terms
     * (Cb, lambda_b) first, then by the number of derivatives, then by the previous layer's tensors and by the
     * expectations.
     */
    static final Comparator<Term> TERM_ORDER = Comparator
            .comparing((Term t) -> t.atoms().isEmpty() && t.tensors().isEmpty() ? 0 : 1)
            .thenComparingInt(t -> t.atoms().stream().mapToInt(a -> a.derivatives().size()).sum())
            .thenComparing(t -> tensorText(t))
            .thenComparing(t -> atomText(t.atoms()))
            .thenComparingInt(Term::cwPower)
            .thenComparingInt(Term::lambdaBPower)
            .thenComparingInt(Term::lambdaWPower);

    /**
     * The expectations of a term in their printed order, the canonical order of a computer-algebra product: the
     * shorter list of sigma samples first, then sample by sample (by name), then the same for the derivatives.
     */
    private static final Comparator<Atom> ATOM_ORDER = Comparator
            .comparing(Atom::sigma, TermSimplifier::shorterFirst)
            .thenComparing(a -> a.orders().toString())
            .thenComparing(Atom::derivatives, TermSimplifier::shorterFirst);

    private static int shorterFirst(List<String> x, List<String> y) {
        int c = Integer.compare(x.size(), y.size());
        for (int i = 0; c == 0 && i < x.size(); i++) {
            c = x.get(i).compareTo(y.get(i));
        }
        return c;
    }

    /** The terms collected: equal canonical monomials merged, exact coefficients added, zeros dropped. */
    public static List<Term> simplify(List<Term> terms) {
        Map<Monomial, BigFraction> sums = new LinkedHashMap<>();
        for (Term t : terms) {
            Term c = canonical(t);
            sums.merge(Monomial.of(c), c.coefficient(), BigFraction::add);
        }
        List<Term> out = new ArrayList<>();
        sums.forEach((m, coefficient) -> {
            if (coefficient.signum() != 0) {
                out.add(new Term(coefficient, m.cwPower(), m.cb(), m.lambdaBPower(), m.lambdaWPower(), m.atoms(),
                        m.tensors()));
            }
        });
        out.sort(TERM_ORDER);
        return out;
    }

    /** A term without its coefficient, its factors in a fixed order. */
    private record Monomial(int cwPower, boolean cb, int lambdaBPower, int lambdaWPower, List<Atom> atoms,
                            List<TensorRef> tensors) {
        static Monomial of(Term t) {
            List<Atom> atoms = new ArrayList<>(t.atoms());
            atoms.sort(ATOM_ORDER);
            return new Monomial(t.cwPower(), t.cb(), t.lambdaBPower(), t.lambdaWPower(), List.copyOf(atoms),
                    t.tensors());
        }
    }

    /** Renames summed indices in order of appearance in the sorted atoms and sorts tensor slots. */
    static Term canonical(Term term) {
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : term.atoms()) {
            atoms.add(a.sortedFactors());
        }
        atoms.sort(Comparator.comparing((Atom a) -> a.sigma(), Names::compareLists)
                .thenComparing(a -> a.orders().toString())
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
            renamed.add(new Atom(a.sigma(), a.orders(), sorted(a.derivatives().stream().map(rename::get).toList())));
        }
        List<TensorRef> tensors = new ArrayList<>();
        for (TensorRef t : term.tensors()) {
            tensors.add(canonicalTensor(t, rename));
        }
        tensors.sort(Comparator.comparing(TensorRef::statistic).thenComparing(TensorRef::indices, Names::compareLists));
        return new Term(term.coefficient(), term.cwPower(), term.cb(), term.lambdaBPower(), term.lambdaWPower(),
                renamed, tensors);
    }

    /**
     * The tensor's slots renamed and then brought to the smallest of their images under the statistic's symmetries
     * (index by index, in {@link Names#compareIndex} order): for the metric, each pair sorted and the pairs sorted.
     */
    private static TensorRef canonicalTensor(TensorRef t, Map<String, String> rename) {
        List<String> renamed = t.indices().stream().map(x -> rename.getOrDefault(x, x)).toList();
        List<String> best = null;
        for (int[] permutation : t.statistic().symmetries()) {
            List<String> image = new ArrayList<>();
            for (int k = 0; k < permutation.length; k++) {
                image.add(renamed.get(permutation[k]));
            }
            if (best == null || Names.compareLists(image, best) < 0) {
                best = image;
            }
        }
        return new TensorRef(t.statistic(), best);
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(Names::compareIndex);
        return copy;
    }

    /** The tensors as text: size, order and slots of each, for {@link #TERM_ORDER}. */
    private static String tensorText(Term t) {
        return t.tensors().stream().map(x -> (x.statistic().kind() == Statistic.Kind.METRIC ? ""
                        : x.statistic().kind().ordinal() + "/") + x.statistic().size() + "," + x.statistic().order()
                        + ":" + x.indices())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The expectations as text: sigma samples and derivative samples of each. */
    private static String atomText(List<Atom> atoms) {
        return atoms.stream().map(a -> a.sigma() + (a.hasDerivativeFactors() ? a.orders().toString() : "") + "|"
                + a.derivatives()).collect(Collectors.joining(", ", "[", "]"));
    }
}
