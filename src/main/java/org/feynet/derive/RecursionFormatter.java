package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * Writes recursions as plain text and as LaTeX, in the notation of PDLT: K^{(l)} is the infinite-width kernel,
 * K^{\{1\}}, K^{\{2\}} its 1/n and 1/n^2 corrections, V the four-point vertex (n Cov of two metric entries) and
 * V^{\{1\}} its 1/n correction, T the leading six-point cumulant. Brackets are Gaussian expectations at K^{(l)}; a
 * derivative d_c acts on the sigma factors of sample c; repeated summed indices run over all samples.
 */
public final class RecursionFormatter {

    private RecursionFormatter() {}

    /** One line: {@code K1'[a1 b1] = ...}. */
    public static String plain(Recursion r) {
        StringBuilder s = new StringBuilder(r.name()).append("'").append(plainIndices(r.statistic(), r.externalIndices()))
                .append(" =");
        if (r.terms().isEmpty()) {
            return s.append(" 0").toString();
        }
        boolean first = true;
        for (Term t : r.terms()) {
            String sign = t.coefficient().signum() < 0 ? "-" : "+";
            s.append(first && sign.equals("+") ? " " : " " + sign + " ").append(plainTerm(t));
            first = false;
        }
        return s.toString();
    }

    /** One term with its sign in front: "+ 1/2 Cw sum_{c1 d1} ..." or "- Cw^2 <s_a1 s_b1> ...". */
    public static String plainSigned(Term t) {
        return (t.coefficient().signum() < 0 ? "- " : "+ ") + plainTerm(t);
    }

    static String plainTerm(Term t) {
        List<String> parts = new ArrayList<>();
        BigFraction c = t.coefficient().abs();
        if (!c.equals(BigFraction.ONE)) {
            parts.add(c.getNumerator() + (c.getDenominator().intValue() == 1 ? "" : "/" + c.getDenominator()));
        }
        if (t.cwPower() > 0) {
            parts.add(t.cwPower() == 1 ? "Cw" : "Cw^" + t.cwPower());
        }
        if (t.cb()) {
            parts.add("Cb");
        }
        parts.addAll(rates(t, false));
        List<String> summed = t.summedIndices();
        if (!summed.isEmpty()) {
            parts.add("sum_{" + String.join(" ", summed) + "}");
        }
        for (Atom a : t.atoms()) {
            parts.add(plainAtom(a));
        }
        for (TensorRef x : t.tensors()) {
            parts.add(x.name() + plainIndices(x.statistic(), x.indices()));
        }
        return parts.isEmpty() ? "1" : String.join(" ", parts);
    }

    static String plainAtom(Atom a) {
        StringBuilder s = new StringBuilder("<");
        for (String d : a.derivatives()) {
            s.append("d_").append(d).append(' ');
        }
        List<String> sigmas = new ArrayList<>();
        for (int i = 0; i < a.sigma().size(); i++) {
            sigmas.add("s" + "'".repeat(a.orders().get(i)) + "_" + a.sigma().get(i));
        }
        String product = String.join(" ", sigmas);
        s.append(a.derivatives().isEmpty() ? product : "(" + product + ")");
        return s.append('>').toString();
    }

    private static String plainIndices(Statistic statistic, List<String> indices) {
        if (indices.size() == 2 || !statistic.pairedIndices()) {
            return "[" + String.join(" ", indices) + "]";
        }
        if (indices.size() == 2) {
            return "[" + indices.get(0) + " " + indices.get(1) + "]";
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < indices.size(); i += 2) {
            s.append('(').append(indices.get(i)).append(' ').append(indices.get(i + 1)).append(')');
        }
        return s.append(']').toString();
    }

    /** A LaTeX equation (without the surrounding environment), with line breaks between terms. */
    public static String latex(Recursion r) {
        StringBuilder s = new StringBuilder(latexTensor(r.statistic(), r.externalIndices(), "\\ell+1"))
                .append(" &=");
        if (r.terms().isEmpty()) {
            return s.append(" 0").toString();
        }
        int i = 0;
        for (Term t : r.terms()) {
            String sign = t.coefficient().signum() < 0 ? "-" : "+";
            if (i > 0 && (i % 2 == 0 || r.terms().size() > 3)) {
                s.append(" \\\\\n &\\quad");
            }
            s.append(i == 0 && sign.equals("+") ? " " : " " + sign + " ").append(latexTerm(t));
            i++;
        }
        return s.toString();
    }

    private static String latexTerm(Term t) {
        List<String> parts = new ArrayList<>();
        BigFraction c = t.coefficient().abs();
        if (!c.equals(BigFraction.ONE)) {
            parts.add(c.getDenominator().intValue() == 1 ? c.getNumerator().toString()
                    : "\\frac{" + c.getNumerator() + "}{" + c.getDenominator() + "}");
        }
        if (t.cwPower() > 0) {
            parts.add(t.cwPower() == 1 ? "C_W" : "C_W^{" + t.cwPower() + "}");
        }
        if (t.cb()) {
            parts.add("C_b");
        }
        parts.addAll(rates(t, true));
        List<String> summed = t.summedIndices();
        if (!summed.isEmpty()) {
            parts.add("\\sum_{" + String.join(",", summed.stream().map(RecursionFormatter::sub).toList()) + "}");
        }
        for (Atom a : t.atoms()) {
            parts.add(latexAtom(a));
        }
        for (TensorRef x : t.tensors()) {
            parts.add(latexTensor(x.statistic(), x.indices(), "\\ell"));
        }
        return parts.isEmpty() ? "1" : String.join(" ", parts);
    }

    /** The LaTeX of one Gaussian expectation. */
    public static String latexAtom(Atom a) {
        StringBuilder s = new StringBuilder("\\langle ");
        for (String d : a.derivatives()) {
            s.append("\\partial_{").append(sub(d)).append('}');
        }
        StringBuilder product = new StringBuilder();
        for (int i = 0; i < a.sigma().size(); i++) {
            product.append("\\sigma").append(primes(a.orders().get(i))).append("_{").append(sub(a.sigma().get(i)))
                    .append('}');
        }
        s.append(a.derivatives().isEmpty() ? product : "(" + product + ")");
        return s.append("\\rangle").toString();
    }

    /** The LaTeX name of a statistic with its indices at a given layer. */
    public static String latexTensor(Statistic statistic, List<String> indices, String layer) {
        StringBuilder idx = new StringBuilder();
        if (!statistic.pairedIndices()) {
            indices.forEach(x -> idx.append(sub(x)));
            return statistic.latex(layer) + "_{" + idx + "}";
        }
        for (int i = 0; i < indices.size(); i += 2) {
            String pair = sub(indices.get(i)) + sub(indices.get(i + 1));
            idx.append(statistic.size() == 1 ? pair : "(" + pair + ")");
        }
        return statistic.latex(layer) + "_{" + idx + "}";
    }

    /** LaTeX primes: sigma' for order 1, sigma'' for 2, sigma^{(k)} beyond (plain text always writes primes). */
    private static String primes(int order) {
        return order <= 2 ? "'".repeat(order) : "^{(" + order + ")}";
    }

    /** The learning-rate factors of a term: lambda_b, lambda_W^2, ... */
    private static List<String> rates(Term t, boolean latex) {
        List<String> out = new ArrayList<>();
        String[] names = latex ? new String[] {"\\lambda_b", "\\lambda_W"} : new String[] {"lambda_b", "lambda_W"};
        int[] powers = {t.lambdaBPower(), t.lambdaWPower()};
        for (int k = 0; k < 2; k++) {
            if (powers[k] == 1) {
                out.add(names[k]);
            } else if (powers[k] > 1) {
                out.add(names[k] + (latex ? "^{" + powers[k] + "}" : "^" + powers[k]));
            }
        }
        return out;
    }

    /** a1 -> a_{1}. */
    static String sub(String index) {
        return index.charAt(0) + "_{" + index.substring(1) + "}";
    }
}
