package org.feynet.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feynet.core.Fractions;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryOrder;
import org.hipparchus.fraction.BigFraction;

/**
 * The JSON shapes of theory results (as maps and lists, for any JSON writer): the series of a quantity, with exact
 * coefficients as "p/q" strings, and the description of one diagram.
 */
public final class TheoryJson {

    private TheoryJson() {}

    /**
     * One quantity: with one coupling and no N, "coefficients" of g^0, g^1, ... as "p/q"; with one coupling and
     * powers of N, "by_power_of_N" from the leading power down, each with its coefficients in the coupling;
     * otherwise "terms" with explicit powers.
     */
    public static Map<String, Object> series(TheoryResult r, FieldTheory theory) {
        Map<String, Object> q = new LinkedHashMap<>();
        TheoryOrder order = r.request().order();
        q.put("quantity", r.request().text());
        q.put("order", order.toString());
        q.put("coupling_order", order.couplingOrder());
        Polynomial p = r.series();
        boolean sized = p.terms().keySet().stream().anyMatch(m -> m.size() != 0) || order.inverseSize();
        if (theory.couplings().size() == 1 && !sized) {
            q.put("coefficients", p.coefficients(order.couplingOrder()).stream().map(Fractions::text).toList());
        } else if (theory.couplings().size() == 1) {
            TreeMap<Integer, List<String>> bySize = new TreeMap<>(java.util.Comparator.reverseOrder());
            for (Map.Entry<Monomial, BigFraction> e : p.terms().entrySet()) {
                List<String> c = bySize.computeIfAbsent(e.getKey().size(), k -> {
                    List<String> zeros = new ArrayList<>();
                    for (int i = 0; i <= order.couplingOrder(); i++) {
                        zeros.add("0");
                    }
                    return zeros;
                });
                c.set(e.getKey().degree(), Fractions.text(e.getValue()));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            bySize.forEach((n, c) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("power_of_N", n);
                row.put("coefficients", c);
                rows.add(row);
            });
            q.put("by_power_of_N", rows);
        } else {
            List<Map<String, Object>> terms = new ArrayList<>();
            for (Map.Entry<Monomial, BigFraction> e : p.terms().entrySet()) {
                Map<String, Object> term = new LinkedHashMap<>();
                Map<String, Integer> powers = new LinkedHashMap<>();
                for (int i = 0; i < theory.couplings().size(); i++) {
                    powers.put(theory.couplings().get(i), e.getKey().power(i));
                }
                if (e.getKey().size() != 0) {
                    powers.put(theory.size().orElse("N"), e.getKey().size());
                }
                term.put("powers", powers);
                term.put("coefficient", Fractions.text(e.getValue()));
                terms.add(term);
            }
            q.put("terms", terms);
        }
        return q;
    }

    /** One diagram: its order, symmetry factor, value, graph code, and whether it is connected, 1PI, a tadpole. */
    public static Map<String, Object> diagram(TheoryDiagram diagram, FieldTheory theory, TheoryOrder order) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order", diagram.order());
        row.put("symmetry_factor", diagram.symmetryFactor());
        row.put("value", value(diagram, theory, order));
        row.put("graph", diagram.graph().code());
        row.put("connected", diagram.connected());
        row.put("one_pi", diagram.onePI());
        row.put("tadpole", diagram.hasTadpole());
        return row;
    }

    /** A diagram's value as plain text, without the order term. */
    public static String value(TheoryDiagram diagram, FieldTheory theory, TheoryOrder order) {
        return SeriesText.plain(diagram.value(), theory, order).replaceAll(" \\+ O\\(.*$", "");
    }
}
