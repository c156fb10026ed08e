package org.feynet.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feynet.core.Fractions;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryOrder;
import org.hipparchus.fraction.BigFraction;

/** Theory series as plain text ({@code 1 - 1/8 g + 35/384 g^2 + O(g^3)}) and as LaTeX, lowest order first. */
public final class SeriesText {

    private SeriesText() {}

    public static String plain(Polynomial p, FieldTheory theory, TheoryOrder order) {
        return write(p, theory, order, false);
    }

    public static String latex(Polynomial p, FieldTheory theory, TheoryOrder order) {
        return write(p, theory, order, true);
    }

    private static String write(Polynomial p, FieldTheory theory, TheoryOrder order, boolean tex) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Monomial, BigFraction> e : p.terms().entrySet()) {
            BigFraction c = e.getValue();
            boolean negative = c.signum() < 0;
            if (s.length() == 0) {
                s.append(negative ? "-" : "");
            } else {
                s.append(negative ? " - " : " + ");
            }
            String monomial = monomial(e.getKey(), theory, tex);
            BigFraction a = c.abs();
            boolean unit = a.equals(BigFraction.ONE);
            if (tex) {
                s.append(unit && !monomial.isEmpty() ? "" : Fractions.latex(a)).append(monomial.isEmpty() ? "" : (unit ? "" : "\\,") + monomial);
            } else {
                s.append(unit && !monomial.isEmpty() ? "" : Fractions.text(a)).append(monomial.isEmpty() ? "" : (unit ? "" : " ") + monomial);
            }
        }
        if (s.length() == 0) {
            s.append('0');
        }
        String next = couplingPower(theory, order.couplingOrder() + 1, tex);
        String rest = order.inverseSize() ? "1/" + order.variable() + power(order.power() + 1, tex) + ", " + next : next;
        return s + " + " + (tex ? "\\mathcal{O}(" : "O(") + rest + ")";
    }

    /** The coupling (or the tuple of couplings) to a power: g^5, (g, h)^5, \\lambda^{5}. */
    private static String couplingPower(FieldTheory theory, int degree, boolean tex) {
        List<String> names = theory.couplings().stream().map(c -> tex ? texName(c) : c).toList();
        String g = names.size() == 1 ? names.get(0) : "(" + String.join(", ", names) + ")";
        return g + power(degree, tex);
    }

    private static String power(int k, boolean tex) {
        return tex ? "^{" + k + "}" : "^" + k;
    }

    private static String monomial(Monomial m, FieldTheory theory, boolean tex) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < theory.couplings().size(); i++) {
            int k = m.power(i);
            String name = tex ? texName(theory.couplings().get(i)) : theory.couplings().get(i);
            if (k == 1) {
                parts.add(name);
            } else if (k > 1) {
                parts.add(name + "^" + (tex ? "{" + k + "}" : k));
            }
        }
        if (m.size() != 0) {
            String n = theory.size().orElse("N");
            parts.add(m.size() == 1 ? n : n + "^" + (tex ? "{" + m.size() + "}" : m.size()));
        }
        return String.join(tex ? "\\," : " ", parts);
    }

    /** Greek coupling names as LaTeX commands. */
    public static String texName(String name) {
        List<String> greek = List.of("alpha", "beta", "gamma", "delta", "epsilon", "kappa", "lambda", "mu", "nu", "rho",
                "sigma", "tau", "phi", "chi", "psi", "omega", "eta", "theta", "xi");
        return greek.contains(name) ? "\\" + name : name;
    }
}
