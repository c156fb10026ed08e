package org.feynet.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feynet.derive.Atom;
import org.feynet.derive.Derivation;
import org.feynet.derive.Recursion;
import org.feynet.derive.RecursionSystem;
import org.feynet.derive.TensorRef;
import org.feynet.derive.Term;
import org.feynet.derive.TermSimplifier;
import org.feynet.diagrams.Diagram;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * A user's recursion against the derived one. Both are brought to the same canonical form (external indices named
 * a1 b1 a2 b2 ... by their place on the left side, summed indices renamed, factors and tensor slots sorted by their
 * symmetries) and collected; the difference (user minus derived) is exact. Each monomial of the difference is then
 * traced to the diagrams: a monomial that a diagram produces is that diagram missing (the user's coefficient is 0),
 * counted with a wrong weight (the user's coefficient differs), and one that no diagram produces is an extra term.
 */
public final class Audit {

    /**
     * The verdict on one recursion.
     *
     * @param indices the user's names of the external samples, which the difference calls a1 b1 a2 b2 ...
     */
    public record Result(Statistic statistic, int line, List<String> indices, List<Term> difference,
                         List<Finding> findings) {
        public boolean agrees() {
            return difference.isEmpty();
        }

        /** feynet's name of each external sample: a1 b1 a2 b2 ... in the order of the left side. */
        public static String feynetIndex(int position) {
            return (position % 2 == 0 ? "a" : "b") + (position / 2 + 1);
        }
    }

    /**
     * What explains one monomial of the difference.
     *
     * @param kind      MISSING (the user's coefficient is 0), WEIGHT (it differs) or EXTRA (no diagram has it)
     * @param diagram   the diagram that produces the monomial (null for EXTRA)
     * @param term      the monomial with the derived coefficient (the user's for EXTRA)
     * @param derived   the derived coefficient
     * @param yours     the user's coefficient
     */
    public record Finding(Kind kind, Diagram diagram, Term term, BigFraction derived, BigFraction yours) {
        public enum Kind { MISSING, WEIGHT, EXTRA }
    }

    private Audit() {}

    /**
     * Reads the recursions of {@code text} and audits each against {@code system}.
     *
     * @throws RecursionError at the first mistake in the text
     */
    public static List<Result> run(String file, String text, RecursionSystem system) {
        List<Result> out = new ArrayList<>();
        for (RecursionParser.UserRecursion user : RecursionParser.parse(file, text, system.statistics())) {
            List<Term> normalised = new ArrayList<>();
            for (Term t : user.terms()) {
                normalised.add(normalise(file, user, t));
            }
            out.add(compare(user, TermSimplifier.simplify(normalised), system.recursion(user.statistic())));
        }
        return out;
    }

    private static Result compare(RecursionParser.UserRecursion user, List<Term> yours, Recursion derived) {
        List<Term> negated = new ArrayList<>(yours);
        for (Term t : derived.terms()) {
            negated.add(t.times(BigFraction.MINUS_ONE));
        }
        List<Term> difference = TermSimplifier.simplify(negated);
        List<Finding> findings = new ArrayList<>();
        for (Term d : difference) {
            findings.add(explain(d, yours, derived));
        }
        return new Result(user.statistic(), user.at().line(), user.indices(), difference, findings);
    }

    private static Finding explain(Term difference, List<Term> yours, Recursion derived) {
        BigFraction mine = coefficientOf(difference, derived.terms());
        BigFraction theirs = coefficientOf(difference, yours);
        for (Diagram diagram : derived.diagrams()) {
            if (!coefficientOf(difference, Derivation.termsOf(diagram)).equals(BigFraction.ZERO)) {
                Finding.Kind kind = theirs.equals(BigFraction.ZERO) ? Finding.Kind.MISSING : Finding.Kind.WEIGHT;
                return new Finding(kind, diagram, withCoefficient(difference, mine), mine, theirs);
            }
        }
        return new Finding(Finding.Kind.EXTRA, null, withCoefficient(difference, theirs), mine, theirs);
    }

    /** The coefficient of {@code monomial}'s monomial among collected {@code terms} (0 if absent). */
    private static BigFraction coefficientOf(Term monomial, List<Term> terms) {
        Term unit = withCoefficient(monomial, BigFraction.ONE);
        for (Term t : terms) {
            if (withCoefficient(t, BigFraction.ONE).equals(unit)) {
                return t.coefficient();
            }
        }
        return BigFraction.ZERO;
    }

    private static Term withCoefficient(Term t, BigFraction c) {
        return new Term(c, t.cwPower(), t.cb(), t.lambdaBPower(), t.lambdaWPower(), t.atoms(), t.tensors());
    }

    /**
     * The term in feynet's index names: the left side's indices become a1 b1 a2 b2 ..., the summed ones c_j d_j by
     * the tensor pairs they fill, in order (one name each in the unpaired dNTK and ddNTK tensors); every summed index
     * must sit once in a derivative and once in a tensor.
     */
    private static Term normalise(String file, RecursionParser.UserRecursion user, Term t) {
        Map<String, String> rename = new HashMap<>();
        for (int i = 0; i < user.indices().size(); i++) {
            rename.put(user.indices().get(i), Result.feynetIndex(i));
        }
        Set<String> external = Set.copyOf(user.indices());
        int leg = 0;
        Map<String, Integer> inTensors = new LinkedHashMap<>();
        for (TensorRef x : t.tensors()) {
            if (!x.statistic().pairedIndices()) {
                for (String index : x.indices()) {
                    if (!external.contains(index)) {
                        rename.put(index, "c" + (++leg));
                        inTensors.merge(index, 1, Integer::sum);
                    }
                }
                continue;
            }
            for (int k = 0; k < x.indices().size(); k += 2) {
                String first = x.indices().get(k);
                String second = x.indices().get(k + 1);
                boolean dummyFirst = !external.contains(first);
                boolean dummySecond = !external.contains(second);
                if (dummyFirst != dummySecond) {
                    throw error(file, user, "the summed index " + (dummyFirst ? first : second) + " shares a pair of "
                            + x.statistic() + " with the external index " + (dummyFirst ? second : first), null);
                }
                if (dummyFirst) {
                    leg++;
                    rename.put(first, "c" + leg);
                    rename.put(second, "d" + leg);
                    inTensors.merge(first, 1, Integer::sum);
                    inTensors.merge(second, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> inDerivatives = new HashMap<>();
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : t.atoms()) {
            for (String s : a.sigma()) {
                if (!external.contains(s)) {
                    throw error(file, user, "the sigma factor of sample " + s + " is not at a sample of the left side",
                            "sums run over the derivatives' samples only: <d_c d_d (s_a s_b)> K1[c d]");
                }
            }
            for (String d : a.derivatives()) {
                if (external.contains(d)) {
                    throw error(file, user, "the derivative d_" + d + " is taken in an external sample",
                            "a derivative's sample is summed against a tensor of the previous layer");
                }
                inDerivatives.merge(d, 1, Integer::sum);
            }
            atoms.add(new Atom(a.sigma().stream().map(rename::get).toList(), a.orders(),
                    a.derivatives().stream().map(x -> rename.getOrDefault(x, x)).toList()));
        }
        Set<String> dummies = new TreeSet<>(inTensors.keySet());
        dummies.addAll(inDerivatives.keySet());
        for (String d : dummies) {
            if (inTensors.getOrDefault(d, 0) != 1 || inDerivatives.getOrDefault(d, 0) != 1) {
                throw error(file, user, "the summed index " + d + " stands " + inDerivatives.getOrDefault(d, 0)
                        + " time(s) in derivatives and " + inTensors.getOrDefault(d, 0) + " time(s) in tensors,"
                        + " expected once in each", null);
            }
        }
        List<TensorRef> tensors = t.tensors().stream()
                .map(x -> new TensorRef(x.statistic(), x.indices().stream().map(rename::get).toList())).toList();
        return new Term(t.coefficient(), t.cwPower(), t.cb(), t.lambdaBPower(), t.lambdaWPower(), atoms, tensors);
    }

    private static RecursionError error(String file, RecursionParser.UserRecursion user, String detail, String hint) {
        return new RecursionError(user.at(), file, "in the recursion of " + user.statistic() + ": " + detail, hint);
    }
}
