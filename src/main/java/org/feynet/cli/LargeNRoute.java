package org.feynet.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feynet.core.Fractions;
import org.feynet.model.FieldTheory;
import org.feynet.model.Interaction;
import org.feynet.model.TheoryField;
import org.feynet.model.TheoryRequest;
import org.feynet.numerics.NumericalTrouble;
import org.feynet.numerics.VectorModelLargeN;
import org.feynet.theory.Monomial;
import org.feynet.theory.SeriesText;
import org.feynet.theory.TheoryResult;
import org.hipparchus.fraction.BigFraction;

/**
 * The large-N (collective-field, one loop = 1/N) route for a request of an O(N) theory, beside the diagram series:
 * applicable when the theory has one vector field of symbolic size N and one coupling g, every interaction is
 * c g^k N^(1-p) (phi.phi)^p (so that S = N [rho/(2D) + U(rho)] with rho = phi.phi/N and
 * U(rho) = sum c g^k rho^p), and the request is {@code <phi[i] phi[i]>} (or its connected part, the same since
 * {@code <phi[i]> = 0}) to order 1/N. Then {@code <phi[i] phi[i]> = <rho>} = rho* + K1/N by
 * {@link VectorModelLargeN}, which uses the same loop machinery as the weight-tied network. The coupling is
 * symbolic in a theory block, so the result is shown as formulas and evaluated on {@link #COUPLINGS}.
 */
final class LargeNRoute {

    /** The couplings at which the resummed large-N result is tabulated beside the truncated series. */
    static final double[] COUPLINGS = {0.1, 0.25, 0.5, 1, 2, 5};

    /** One term c g^k rho^p of U. */
    private record Term(BigFraction coefficient, int couplingPower, int rhoPower) {}

    private final FieldTheory theory;
    private final TheoryResult result;
    private final List<Term> terms;

    private LargeNRoute(FieldTheory theory, TheoryResult result, List<Term> terms) {
        this.theory = theory;
        this.result = result;
        this.terms = terms;
    }

    /** The route for {@code result}'s request, when it applies (see the class comment). */
    static Optional<LargeNRoute> of(FieldTheory theory, TheoryResult result) {
        TheoryRequest q = result.request();
        boolean twoPoint = (q.quantity() == TheoryRequest.Quantity.CORRELATOR
                || q.quantity() == TheoryRequest.Quantity.CONNECTED) && q.fields().size() == 2
                && q.fields().get(0).component() == q.fields().get(1).component();
        if (!twoPoint || !q.order().inverseSize() || q.order().power() != 1 || theory.fields().size() != 1
                || theory.couplings().size() != 1 || theory.size().isEmpty()) {
            return Optional.empty();
        }
        TheoryField field = theory.fields().get(0);
        if (!field.vector() || field.components() != 0) {
            return Optional.empty();
        }
        List<Term> terms = new ArrayList<>();
        for (Interaction in : theory.interactions()) {
            int legs = in.legs().get(0);
            int p = legs / 2;
            if (legs % 2 != 0 || p < 1 || in.sizePower() != 1 - p) {
                return Optional.empty();
            }
            terms.add(new Term(in.coefficient(), in.couplings().get(0), p));
        }
        return Optional.of(new LargeNRoute(theory, result, terms));
    }

    private String coupling() {
        return theory.couplings().get(0);
    }

    private String size() {
        return theory.size().orElseThrow();
    }

    private BigFraction propagator() {
        return theory.fields().get(0).propagator();
    }

    /** The action (LN1) at coupling g. */
    VectorModelLargeN.Action action(double g) {
        int degree = terms.stream().mapToInt(Term::rhoPower).max().orElse(1);
        double[] u = new double[degree + 1];
        for (Term t : terms) {
            u[t.rhoPower()] += t.coefficient().doubleValue() * Math.pow(g, t.couplingPower());
        }
        return new VectorModelLargeN.Action(propagator().doubleValue(), u);
    }

    /** U(rho) as text, e.g. {@code 1/8 lambda rho^2}, or as LaTeX. */
    String potential(boolean tex) {
        List<String> parts = new ArrayList<>();
        for (Term t : terms) {
            String g = tex ? SeriesText.texName(coupling()) : coupling();
            String c = tex ? Fractions.latex(t.coefficient()) : Fractions.text(t.coefficient());
            String gp = t.couplingPower() == 0 ? "" : " " + g + (t.couplingPower() == 1 ? "" : "^" + t.couplingPower());
            String rho = tex ? "\\rho" : "rho";
            String rp = " " + rho + (t.rhoPower() == 1 ? "" : "^" + t.rhoPower());
            parts.add((c.equals("1") && !gp.isEmpty() ? "" : c) + gp + rp);
        }
        return String.join(" + ", parts).replace("+ -", "- ").strip();
    }

    /** The truncated diagram series at g: its N^0 and N^-1 coefficients, each summed over the powers of g. */
    double[] series(double g) {
        double[] c = new double[2];
        result.series().terms().forEach((Monomial m, BigFraction f) -> {
            if (m.size() == 0 || m.size() == -1) {
                c[-m.size()] += f.doubleValue() * Math.pow(g, m.power(0));
            }
        });
        return c;
    }

    /** The formulas and the table, as lines of plain text for derive. */
    String text() {
        String d = Fractions.text(propagator());
        String target = result.request().text();
        StringBuilder s = new StringBuilder();
        s.append("Large ").append(size()).append(", collective field rho = ").append(fieldName()).append("[i]*")
                .append(fieldName()).append("[i]/").append(size())
                .append(" (one loop = 1/").append(size()).append(", the loop machinery of the weight-tied network):\n");
        String half = d.equals("1") ? "rho/2" : "rho/(2*" + d + ")";
        s.append("  S = ").append(size()).append(" [").append(half).append(" + U(rho)],  U(rho) = ")
                .append(potential(false)).append('\n');
        s.append("  saddle point   1/rho* = ").append(d.equals("1") ? "1" : "1/" + d)
                .append(" + 2 U'(rho*)   (the minimum of ").append(half).append(" + U(rho) - log(rho)/2)\n");
        s.append("  one loop       ").append(target).append(" = rho* + K1/").append(size())
                .append(",  K1 = -1/2 kappa3 U''/(1 + Sigma U'')^2 - 1/2 V^2 U''',\n")
                .append("                 Sigma = 2 rho*^2, kappa3 = 8 rho*^3, V = Sigma/(1 + Sigma U'') = lim ")
                .append(size()).append(" Var(rho)\n");
        s.append(String.format("  %-8s %-14s %-14s %-14s %-14s %s%n", coupling(), "rho*", "K1", "V",
                "series " + size() + "^0", "series " + size() + "^-1"));
        for (double g : COUPLINGS) {
            double[] series = series(g);
            try {
                VectorModelLargeN.Result r = VectorModelLargeN.evaluate(action(g));
                s.append(String.format("  %-8s %-14.10f %-14.10f %-14.10f %-14.8g %.8g%n", number(g), r.saddle(),
                        r.meanShift(), r.variance(), series[0], series[1]));
            } catch (NumericalTrouble e) {
                s.append(String.format("  %-8s %s%n", number(g), e.getMessage()));
            }
        }
        if (metastable()) {
            s.append("  (the action is unbounded below: the integral diverges, and rho* is the metastable saddle point,"
                    + " the one the series expands about)\n");
        }
        s.append("  (series: the diagram series above at ").append(coupling()).append(", truncated at ")
                .append(coupling()).append('^').append(result.request().order().couplingOrder())
                .append("; the large-N columns are resummed in ").append(coupling()).append(")\n");
        return s.toString();
    }

    /** The formulas and the table as a JSON object for eval --json. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("collective_field", "rho = " + fieldName() + "[i]*" + fieldName() + "[i]/" + size());
        m.put("potential", potential(false));
        m.put("propagator", Fractions.text(propagator()));
        m.put("saddle_equation", "1/rho* = 1/D + 2 U'(rho*)");
        m.put("one_loop", "<rho> = rho* + K1/" + size() + ", K1 = -1/2 kappa3 U''/(1 + Sigma U'')^2 - 1/2 V^2 U''', "
                + "Sigma = 2 rho*^2, kappa3 = 8 rho*^3, V = Sigma/(1 + Sigma U'')");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double g : COUPLINGS) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(coupling(), g);
            try {
                VectorModelLargeN.Result r = VectorModelLargeN.evaluate(action(g));
                row.put("rho_star", r.saddle());
                row.put("K1", r.meanShift());
                row.put("V", r.variance());
                row.put("metastable", r.metastable());
            } catch (NumericalTrouble e) {
                row.put("trouble", e.getMessage());
            }
            double[] series = series(g);
            row.put("series_N0", series[0]);
            row.put("series_N1", series[1]);
            rows.add(row);
        }
        m.put("table", rows);
        return m;
    }

    /** A LaTeX section: the action in rho, the saddle-point equation, the one-loop formula and the table. */
    String latex() {
        String d = Fractions.latex(propagator());
        String g = SeriesText.texName(coupling());
        String n = SeriesText.texName(size());
        String target = org.feynet.theory.TheoryDocument.texTarget(result.request().text());
        StringBuilder s = new StringBuilder("\\section*{Large $").append(n).append("$: the collective field}\n")
                .append("With $\\rho = \\phi\\cdot\\phi/").append(n).append("$ the action is $S = ").append(n)
                .append("\\,[").append(d.equals("1") ? "\\rho/2" : "\\rho/(2\\cdot" + d + ")")
                .append(" + U(\\rho)]$, $U(\\rho) = ").append(potential(true))
                .append("$. Relative to $\\phi_i \\sim \\mathcal N(0, \\rho^*)$ the law of $\\hat\\rho$ is $e^{-")
                .append(n).append(" H(\\hat\\rho)}$ with $H'' = U''$, $H''' = U'''$; the one-loop formulas are those of")
                .append(" the weight-tied network with the width $n$ replaced by $").append(n).append("$:\n")
                .append("\\begin{align*}\n\\frac{1}{\\rho^*} &= ").append(d.equals("1") ? "1" : "\\frac{1}{" + d + "}")
                .append(" + 2\\,U'(\\rho^*), \\qquad ")
                .append(target).append(" = \\rho^* + \\frac{K_1}{").append(n).append("} + O(").append(n).append("^{-2}),\\\\\n")
                .append("K_1 &= -\\frac{\\kappa_3\\,U''}{2\\,(1 + \\Sigma U'')^2} - \\frac{V^2\\,U'''}{2}, \\qquad ")
                .append("V = \\frac{\\Sigma}{1 + \\Sigma U''}, \\quad \\Sigma = 2\\rho^{*2}, \\quad \\kappa_3 = 8\\rho^{*3}.\n")
                .append("\\end{align*}\n")
                .append("\\begin{tabular}{rrrrrr}\n$").append(g).append("$ & $\\rho^*$ & $K_1$ & $V$ & series $")
                .append(n).append("^0$ & series $").append(n).append("^{-1}$ \\\\ \\hline\n");
        for (double c : COUPLINGS) {
            double[] series = series(c);
            try {
                VectorModelLargeN.Result r = VectorModelLargeN.evaluate(action(c));
                s.append(String.format("%s & %.8f & %.8f & %.8f & %.6g & %.6g \\\\%n", number(c), r.saddle(),
                        r.meanShift(), r.variance(), series[0], series[1]));
            } catch (NumericalTrouble e) {
                s.append(number(c)).append(" & \\multicolumn{5}{l}{no stable saddle point} \\\\\n");
            }
        }
        s.append("\\end{tabular}\n\n");
        if (metastable()) {
            s.append("The action is unbounded below: the integral diverges, and $\\rho^*$ is the metastable saddle point,"
                    + " the one the series expands about. ");
        }
        return s.append("The series columns are the diagram series above, truncated; the large-$")
                .append(n).append("$ columns are resummed in $").append(g).append("$.\n\n").toString();
    }

    /** Whether the action at the tabulated couplings is unbounded below (then rho* is metastable). */
    private boolean metastable() {
        for (double g : COUPLINGS) {
            try {
                if (VectorModelLargeN.evaluate(action(g)).metastable()) {
                    return true;
                }
            } catch (NumericalTrouble e) {
                // reported in its row
            }
        }
        return false;
    }

    private String fieldName() {
        return theory.fields().get(0).name();
    }

    private static String number(double g) {
        return g == Math.rint(g) ? String.valueOf((long) g) : String.valueOf(g);
    }
}
