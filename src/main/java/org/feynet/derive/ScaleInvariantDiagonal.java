package org.feynet.derive;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.feynet.core.Combinatorics;
import org.feynet.core.Fractions;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * The diagonal of the 1/n mean corrections for a scale-invariant activation, reduced exactly: the proof that
 * relu-type networks have no finite-width correction on the diagonal of the mean metric and of the mean NTK (PDLT
 * section 8.4 for the NTK; Guillen, Misof and Gerken for general scale-invariant activations).
 *
 * <p><b>Method.</b> Let sigma(z) = p z for z &gt; 0 and q z for z &lt; 0. On the diagonal (every external sample the
 * same, a) every expectation in the recursions of K1 and H1 involves the one sample a, so with z ~ N(0, K),
 * K = K0_aa, and u = z / sqrt(K): a product of m0 factors sigma and m1 factors sigma' is
 * g(z) = z^m0 (p^s theta(z) + q^s theta(-z)), s = m0 + m1, and by Gaussian integration by parts
 * <pre>
 *   &lt;(d/dz)^m g&gt; = K^{(m0 - m)/2} E[u^m0 He_m(u) theta(u)] (p^s + (-1)^{m0 + m} q^s),
 * </pre>
 * He_m the probabilists' Hermite polynomial and E[u^k theta(u)] = (k-1)!!/2 for even k, (k-1)!!/sqrt(2 pi) for odd
 * k. Every term becomes an exact number times hyperparameters and the diagonal of the previous layer's statistics.
 * When each surviving term holds K1 or H1 themselves, the corrections obey homogeneous linear recursions and, being
 * zero at layer 1, vanish at every layer.
 */
public final class ScaleInvariantDiagonal {

    /** Monomials p^i q^j in decreasing powers of p. */
    private static final Comparator<String> BY_POWER_OF_P =
            Comparator.comparingInt((String m) -> -powers(m)[0]).thenComparing(m -> -powers(m)[1]);

    private ScaleInvariantDiagonal() {}

    /**
     * The reduced diagonal recursions of K1 and (for the NTK) H1 as plain text, with the conclusion; empty when the
     * activation is not scale invariant or a term holds a factor the reduction does not cover.
     */
    public static Optional<String> text(RecursionSystem system) {
        return reduce(system).map(r -> r.render(false));
    }

    /** The same in LaTeX (an align environment and a sentence). */
    public static Optional<String> latex(RecursionSystem system) {
        return reduce(system).map(r -> r.render(true));
    }

    private record Reduction(double p, double q, Map<Statistic, List<Reduced>> recursions, boolean homogeneous) {

        String render(boolean latex) {
            StringBuilder s = new StringBuilder();
            String slopes = "p = " + number(p) + ", q = " + number(q);
            if (latex) {
                s.append("For this scale-invariant activation ($\\sigma(z) = p z$ for $z > 0$, $q z$ for $z < 0$, ")
                        .append("$").append(slopes).append("$) the diagonal $a_1 = b_1 = a$ of the corrections reduces")
                        .append(" exactly (every Gaussian expectation then involves one sample):\n\\begin{align*}\n");
            } else {
                s.append("Scale-invariant activation (sigma(z) = p z for z > 0, q z for z < 0; ").append(slopes)
                        .append("): on the diagonal a1 = b1 = a every expectation involves one sample and\n")
                        .append("reduces exactly:\n");
            }
            List<String> lines = new ArrayList<>();
            recursions.forEach((statistic, terms) -> lines.add(line(statistic, terms, latex)));
            s.append(String.join(latex ? " \\\\\n" : "\n", lines)).append(latex ? "\n\\end{align*}\n" : "\n");
            if (homogeneous) {
                String names = String.join(latex ? " and " : " and ",
                        recursions.keySet().stream().map(st -> latex ? "$" + st.latex("\\ell") + "_{aa}$"
                                : st.name() + "[a a]").toList());
                s.append(latex ? "Every term is proportional to a correction itself, and all corrections vanish at "
                        + "layer 1, so " + names + " vanish at every layer: no finite-width correction on the "
                        + "diagonal.\n"
                        : "Every term is proportional to a correction itself, and all corrections vanish at layer 1, "
                        + "so " + names + " vanish at every layer: no finite-width correction on the diagonal.\n");
            }
            return s.toString();
        }

        private String line(Statistic statistic, List<Reduced> terms, boolean latex) {
            StringBuilder s = new StringBuilder(latex ? statistic.latex("\\ell+1") + "_{aa} &="
                    : "  " + statistic.name() + "'[a a] =");
            if (terms.isEmpty()) {
                return s.append(" 0").toString();
            }
            boolean first = true;
            for (Reduced t : terms) {
                s.append(first ? " " : " + ").append(t.render(latex));
                first = false;
            }
            return s.toString();
        }

        private static String number(double x) {
            return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
        }
    }

    /**
     * One reduced term: rational coefficients of the monomials p^i q^j (times (2 pi)^(-oddAtoms/2)), a power
     * of K0_aa, hyperparameters, and the diagonal statistics it multiplies.
     */
    private record Reduced(Map<String, BigFraction> slopes, int oddAtoms, BigFraction kPower, int cw, int lambdaB,
                           int lambdaW, boolean cb, List<Statistic> tensors) {

        /** The factor (2 pi)^(-oddAtoms/2) from the odd half-moments. */
        private String inverseRootTwoPi(boolean latex) {
            if (oddAtoms == 0) {
                return "";
            }
            if (oddAtoms == 1) {
                return latex ? " / \\sqrt{2\\pi}" : "/sqrt(2 pi)";
            }
            if (oddAtoms == 2) {
                return latex ? " / (2\\pi)" : "/(2 pi)";
            }
            return latex ? " / (2\\pi)^{" + oddAtoms + "/2}" : "/(2 pi)^(" + oddAtoms + "/2)";
        }

        String render(boolean latex) {
            List<String> parts = new ArrayList<>();
            List<String> monomials = new ArrayList<>();
            slopes.forEach((m, c) -> monomials.add((c.equals(BigFraction.ONE) ? "" : (latex ? Fractions.latex(c)
                    : Fractions.text(c)) + " ") + m));
            parts.add("(" + String.join(" + ", monomials) + ")" + inverseRootTwoPi(latex));
            if (!kPower.equals(BigFraction.ZERO)) {
                parts.add((latex ? "K_{aa}^{" : "K0[a a]^") + Fractions.text(kPower) + (latex ? "}" : ""));
            }
            if (cw > 0) {
                parts.add((latex ? "C_W" : "Cw") + (cw > 1 ? "^" + cw : ""));
            }
            if (cb) {
                parts.add(latex ? "C_b" : "Cb");
            }
            if (lambdaB > 0) {
                parts.add((latex ? "\\lambda_b" : "lambda_b") + (lambdaB > 1 ? "^" + lambdaB : ""));
            }
            if (lambdaW > 0) {
                parts.add((latex ? "\\lambda_W" : "lambda_W") + (lambdaW > 1 ? "^" + lambdaW : ""));
            }
            for (Statistic t : tensors) {
                parts.add(latex ? t.latex("\\ell") + "_{" + (t.size() == 1 ? "aa" : "(aa)(aa)") + "}"
                        : t.name() + (t.size() == 1 ? "[a a]" : "[(a a)(a a)]"));
            }
            return String.join(" ", parts);
        }
    }

    private static Optional<Reduction> reduce(RecursionSystem system) {
        Optional<double[]> slopes = system.model().activation().scaleInvariantSlopes();
        if (slopes.isEmpty()) {
            return Optional.empty();
        }
        Map<Statistic, List<Reduced>> recursions = new LinkedHashMap<>();
        boolean homogeneous = true;
        for (Statistic s : List.of(Statistic.K1, Statistic.H1)) {
            if (!system.statistics().contains(s)) {
                continue;
            }
            Optional<List<Reduced>> terms = reduceAll(system.recursion(s).terms());
            if (terms.isEmpty()) {
                return Optional.empty();
            }
            recursions.put(s, terms.get());
            for (Reduced r : terms.get()) {
                homogeneous &= r.tensors().stream().anyMatch(t -> t.equals(Statistic.K1) || t.equals(Statistic.H1));
            }
        }
        return Optional.of(new Reduction(slopes.get()[0], slopes.get()[1], recursions, homogeneous));
    }

    /** The terms on the diagonal, merged where equal; empty if a term holds sigma'' or higher as a factor. */
    private static Optional<List<Reduced>> reduceAll(List<Term> terms) {
        Map<String, Reduced> merged = new LinkedHashMap<>();
        for (Term t : terms) {
            Optional<Reduced> r = reduce(t);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            Reduced x = r.get();
            if (x.slopes().isEmpty()) {
                continue;
            }
            String key = x.oddAtoms() + "|" + x.kPower() + "|" + x.cw() + "|" + x.cb() + "|" + x.lambdaB() + "|"
                    + x.lambdaW() + "|" + x.tensors();
            Reduced before = merged.get(key);
            merged.put(key, before == null ? x : new Reduced(add(before.slopes(), x.slopes()), x.oddAtoms(), x.kPower(),
                    x.cw(), x.lambdaB(), x.lambdaW(), x.cb(), x.tensors()));
        }
        List<Reduced> out = new ArrayList<>();
        for (Reduced r : merged.values()) {
            if (!r.slopes().isEmpty()) {
                out.add(r);
            }
        }
        return Optional.of(out);
    }

    private static Optional<Reduced> reduce(Term t) {
        Map<String, BigFraction> coefficient = new TreeMap<>(BY_POWER_OF_P);
        coefficient.put("", t.coefficient());
        BigFraction kPower = BigFraction.ZERO;
        int oddAtoms = 0;
        for (Atom a : t.atoms()) {
            int m0 = 0;
            int m1 = 0;
            for (int order : a.orders()) {
                if (order > 1) {
                    return Optional.empty();
                }
                m0 += order == 0 ? 1 : 0;
                m1 += order == 1 ? 1 : 0;
            }
            int m = a.derivatives().size();
            int s = m0 + m1;
            if (s == 0) {
                if (m > 0) {
                    coefficient.clear();
                }
                continue;
            }
            BigFraction[] halfMoment = hermiteHalfMoment(m0, m);
            boolean oddAtom = halfMoment[1].signum() != 0;
            BigFraction value = oddAtom ? halfMoment[1] : halfMoment[0];
            if (value.signum() == 0) {
                coefficient.clear();
                break;
            }
            oddAtoms += oddAtom ? 1 : 0;
            kPower = kPower.add(new BigFraction(m0 - m, 2));
            Map<String, BigFraction> slopes = new TreeMap<>(BY_POWER_OF_P);
            slopes.put(monomial(s, 0), value);
            BigFraction sign = (m0 + m) % 2 == 0 ? value : value.negate();
            slopes.merge(monomial(0, s), sign, BigFraction::add);
            coefficient = times(coefficient, slopes);
        }
        coefficient.values().removeIf(c -> c.signum() == 0);
        List<Statistic> tensors = t.tensors().stream().map(TensorRef::statistic).sorted().toList();
        return Optional.of(new Reduced(coefficient, oddAtoms, kPower, t.cwPower(), t.lambdaBPower(), t.lambdaWPower(),
                t.cb(), tensors));
    }

    /**
     * E[u^j He_m(u) theta(u)], u ~ N(0, 1), as {rational part, coefficient of 1/sqrt(2 pi)}: He_m(u) =
     * sum_i (-1)^i m! / (i! (m-2i)! 2^i) u^(m-2i), and E[u^k theta(u)] = (k-1)!!/2 (k even), (k-1)!!/sqrt(2 pi) (odd).
     */
    static BigFraction[] hermiteHalfMoment(int j, int m) {
        BigFraction even = BigFraction.ZERO;
        BigFraction oddPart = BigFraction.ZERO;
        for (int i = 0; 2 * i <= m; i++) {
            BigInteger c = Combinatorics.factorial(m).divide(Combinatorics.factorial(i)
                    .multiply(Combinatorics.factorial(m - 2 * i)).shiftLeft(i));
            BigFraction term = new BigFraction(i % 2 == 0 ? c : c.negate());
            int k = j + m - 2 * i;
            BigInteger moment = Combinatorics.doubleFactorial(k - 1);
            if (k % 2 == 0) {
                even = even.add(term.multiply(new BigFraction(moment, BigInteger.TWO)));
            } else {
                oddPart = oddPart.add(term.multiply(new BigFraction(moment)));
            }
        }
        return new BigFraction[] {even, oddPart};
    }

    private static String monomial(int p, int q) {
        String sp = p == 0 ? "" : p == 1 ? "p" : "p^" + p;
        String sq = q == 0 ? "" : q == 1 ? "q" : "q^" + q;
        return (sp + " " + sq).trim();
    }

    private static Map<String, BigFraction> times(Map<String, BigFraction> a, Map<String, BigFraction> b) {
        Map<String, BigFraction> out = new TreeMap<>(BY_POWER_OF_P);
        a.forEach((ma, ca) -> b.forEach((mb, cb) -> out.merge(product(ma, mb), ca.multiply(cb), BigFraction::add)));
        return out;
    }

    private static Map<String, BigFraction> add(Map<String, BigFraction> a, Map<String, BigFraction> b) {
        Map<String, BigFraction> out = new TreeMap<>(BY_POWER_OF_P);
        out.putAll(a);
        b.forEach((m, c) -> out.merge(m, c, BigFraction::add));
        out.values().removeIf(c -> c.signum() == 0);
        return out;
    }

    /** The product of two monomials in p and q, as text. */
    private static String product(String x, String y) {
        int[] a = powers(x);
        int[] b = powers(y);
        return monomial(a[0] + b[0], a[1] + b[1]);
    }

    private static int[] powers(String monomial) {
        int[] out = new int[2];
        for (String part : monomial.split(" ")) {
            if (part.isEmpty()) {
                continue;
            }
            int power = part.contains("^") ? Integer.parseInt(part.substring(2)) : 1;
            out[part.charAt(0) == 'p' ? 0 : 1] += power;
        }
        return out;
    }
}
