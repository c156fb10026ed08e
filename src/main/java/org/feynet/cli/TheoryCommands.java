package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.feynet.core.Fractions;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryOrder;
import org.feynet.model.TheoryRequest;
import org.feynet.theory.Monomial;
import org.feynet.theory.Polynomial;
import org.feynet.theory.SeriesText;
import org.feynet.theory.TheoryDiagram;
import org.feynet.theory.TheoryDocument;
import org.feynet.theory.TheoryDrawing;
import org.feynet.theory.TheoryExpansion;
import org.feynet.theory.TheoryResult;
import org.hipparchus.fraction.BigFraction;

/**
 * The commands derive, diagrams, eval and latex for a {@link Subject.Theory}: the commands hand over here when the
 * chosen block of the model file is a theory.
 */
final class TheoryCommands {

    private TheoryCommands() {}

    /** A theory to work on, with its results. */
    record Derived(Path file, FieldTheory theory, TheoryExpansion expansion, List<TheoryResult> results) {}

    /** Expands every request of a theory, with orders in 1/N keeping the couplings to its coupling order. */
    static Derived derive(Subject.Theory subject) {
        return derive(subject.file(), subject.theory(), subject.couplingOrder());
    }

    /** Expands every request of {@code theory} read from {@code file}. */
    static Derived derive(Path file, FieldTheory theory, Integer couplingOrder) {
        TheoryExpansion expansion = new TheoryExpansion(theory);
        List<TheoryResult> results = new ArrayList<>();
        for (TheoryRequest r : theory.requests()) {
            TheoryRequest request = couplingOrder == null ? r
                    : new TheoryRequest(r.quantity(), r.fields(), r.order().withCouplingOrder(couplingOrder), r.text());
            results.add(expansion.compute(request));
        }
        return new Derived(file, theory, expansion, results);
    }

    // ------------------------------------------------------------------ derive

    static int derive(Subject.Theory subject, PrintWriter out, Path diagrams, boolean draw) {
        Derived d = derive(subject);
        FieldTheory theory = subject.theory();
        StringBuilder s = new StringBuilder(describe(d)).append('\n');
        for (TheoryResult r : d.results()) {
            TheoryRequest q = r.request();
            s.append(q.text()).append(" = ").append(SeriesText.plain(r.series(), theory, q.order())).append('\n');
            s.append("    diagrams by order: ").append(counts(r)).append('\n');
        }
        s.append("\nLaTeX:\n\\begin{align}\n");
        List<String> lines = new ArrayList<>();
        for (TheoryResult r : d.results()) {
            lines.add(texTarget(r.request().text()) + " &= " + SeriesText.latex(r.series(), theory, r.request().order()));
        }
        s.append(String.join(" \\\\\n", lines)).append("\n\\end{align}\n");
        if (draw) {
            Path dir = diagrams.resolve(theory.name());
            Map<String, String> files = render(d);
            for (Map.Entry<String, String> e : files.entrySet()) {
                AtomicFiles.write(dir.resolve(e.getKey()), e.getValue());
            }
            s.append("\nDiagrams drawn into ").append(dir).append(" (").append(files.size()).append(" files, SVG and TikZ)\n");
        }
        out.print(s);
        return 0;
    }

    /**
     * Drawings of the diagrams, one sheet per quantity and order: QUANTITY-gK.svg (every diagram with its
     * symmetry factor and value) and QUANTITY-gK.tex (the same as TikZ pictures).
     */
    static Map<String, String> render(Derived d) {
        Map<String, String> files = new LinkedHashMap<>();
        for (TheoryResult r : d.results()) {
            String stem = fileStem(r.request().text());
            TreeMap<Integer, List<TheoryDiagram>> byOrder = new TreeMap<>();
            for (TheoryDiagram diagram : r.diagrams()) {
                byOrder.computeIfAbsent(diagram.order(), k -> new ArrayList<>()).add(diagram);
            }
            byOrder.forEach((order, diagrams) -> {
                List<org.feynet.theory.TheoryGraph> graphs = new ArrayList<>();
                List<String> captions = new ArrayList<>();
                for (TheoryDiagram diagram : diagrams) {
                    graphs.add(diagram.graph());
                    captions.add("S = " + diagram.symmetryFactor() + ", " + value(diagram, d.theory(), r.request().order()));
                }
                String[] sheet = TheoryDrawing.sheet(graphs, captions, d.theory().name() + ": " + r.request().text()
                        + ", order " + order + " (" + diagrams.size() + " diagram" + (diagrams.size() == 1 ? "" : "s") + ")");
                files.put(stem + "-g" + order + ".svg", sheet[0]);
                files.put(stem + "-g" + order + ".tex", sheet[1]);
            });
        }
        return files;
    }

    private static String value(TheoryDiagram diagram, FieldTheory theory, TheoryOrder order) {
        return SeriesText.plain(diagram.value(), theory, order).replaceAll(" \\+ O\\(.*$", "");
    }

    static String fileStem(String target) {
        String s = target.replace("log Z", "logZ").replace("<", "").replace(">", "").replace("[", "").replace("]", "")
                .replace(' ', '_');
        return s.isEmpty() ? "Z" : s;
    }

    private static String describe(Derived d) {
        FieldTheory t = d.theory();
        StringBuilder s = new StringBuilder("theory ").append(t.name()).append(" (").append(d.file()).append(")\n");
        for (org.feynet.model.TheoryField f : t.fields()) {
            s.append("  field ").append(f.name()).append(f.vector() ? "[i], " + (f.components() == 0
                    ? "i = 1 .. " + t.size().orElse("N") : f.components() + " components") : "")
                    .append(": propagator ").append(Fractions.text(f.propagator())).append(f.vector() ? " delta_ij" : "").append('\n');
        }
        for (int i = 0; i < t.interactions().size(); i++) {
            s.append("  vertex ").append(i + 1).append(": ").append(t.interactions().get(i).text()).append(", factor ")
                    .append(Fractions.text(d.expansion().interactionKinds().get(i).factor())).append(" times its couplings\n");
        }
        return s.toString();
    }

    private static String counts(TheoryResult r) {
        int max = r.request().order().couplingOrder();
        int[] c = r.countsByOrder(max);
        List<String> parts = new ArrayList<>();
        for (int k = 0; k <= max; k++) {
            parts.add(k + ": " + c[k]);
        }
        return String.join(", ", parts) + " (total " + r.diagrams().size() + ")";
    }

    // ------------------------------------------------------------------ diagrams

    static int diagrams(Subject.Theory subject, PrintWriter out, boolean json, List<String> filters)
            throws IOException {
        Predicate<TheoryDiagram> keep = filter(filters);
        Derived d = derive(subject);
        FieldTheory theory = subject.theory();
        if (json) {
            List<Map<String, Object>> quantities = new ArrayList<>();
            for (TheoryResult r : d.results()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (TheoryDiagram diagram : r.diagrams()) {
                    if (!keep.test(diagram)) {
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("order", diagram.order());
                    row.put("symmetry_factor", diagram.symmetryFactor());
                    row.put("value", value(diagram, theory, r.request().order()));
                    row.put("graph", diagram.graph().code());
                    row.put("connected", diagram.connected());
                    row.put("one_pi", diagram.onePI());
                    row.put("tadpole", diagram.hasTadpole());
                    rows.add(row);
                }
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("quantity", r.request().text());
                q.put("order", r.request().order().toString());
                q.put("diagrams", rows);
                quantities.add(q);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", theory.name());
            root.put("quantities", quantities);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            return 0;
        }
        StringBuilder s = new StringBuilder(describe(d));
        for (TheoryResult r : d.results()) {
            List<TheoryDiagram> kept = r.diagrams().stream().filter(keep).toList();
            s.append(String.format("%n%s to order %s: %d diagram%s%s%n", r.request().text(), r.request().order(),
                    kept.size(), kept.size() == 1 ? "" : "s", filters.isEmpty() ? "" : " (" + String.join(", ", filters) + ")"));
            int order = -1;
            int k = 0;
            for (TheoryDiagram diagram : kept) {
                if (diagram.order() != order) {
                    order = diagram.order();
                    k = 0;
                    s.append("  order ").append(order).append(":\n");
                }
                String value = value(diagram, theory, r.request().order());
                s.append(String.format("    %3d. symmetry factor %-8s value %-28s %s%n", ++k, diagram.symmetryFactor(),
                        value, diagram.graph().code()));
            }
        }
        out.print(s);
        return 0;
    }

    private static Predicate<TheoryDiagram> filter(List<String> filters) {
        Predicate<TheoryDiagram> keep = x -> true;
        for (String f : filters) {
            switch (f) {
                case "connected":
                    keep = keep.and(TheoryDiagram::connected);
                    break;
                case "1pi":
                    keep = keep.and(TheoryDiagram::onePI);
                    break;
                case "no-tadpoles":
                    keep = keep.and(x -> !x.hasTadpole());
                    break;
                case "vacuum":
                    keep = keep.and(TheoryDiagram::vacuum);
                    break;
                default:
                    throw new UserError("unknown filter '" + f + "', expected connected, 1pi, no-tadpoles or vacuum");
            }
        }
        return keep;
    }

    // ------------------------------------------------------------------ eval

    static int eval(Subject.Theory subject, PrintWriter out, boolean json) throws IOException {
        Derived d = derive(subject);
        FieldTheory theory = subject.theory();
        if (!json) {
            for (TheoryResult r : d.results()) {
                out.println(r.request().text() + " = " + SeriesText.plain(r.series(), theory, r.request().order()));
            }
            return 0;
        }
        List<Map<String, Object>> quantities = new ArrayList<>();
        for (TheoryResult r : d.results()) {
            quantities.add(seriesJson(r, theory));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", theory.name());
        root.put("couplings", theory.couplings());
        theory.size().ifPresent(n -> root.put("size", n));
        root.put("quantities", quantities);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        return 0;
    }

    /**
     * One quantity: with one coupling and no N, "coefficients" of g^0, g^1, ... as "p/q"; with one coupling and
     * powers of N, "by_power_of_N" from the leading power down, each with its coefficients in the coupling;
     * otherwise "terms" with explicit powers.
     */
    static Map<String, Object> seriesJson(TheoryResult r, FieldTheory theory) {
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

    // ------------------------------------------------------------------ latex

    static int latex(Subject.Theory subject, PrintWriter out, Path output) {
        Derived d = derive(subject);
        String text = TheoryDocument.write(d.expansion(), d.results(), subject.source(), subject.text());
        Path file = output != null ? output : Path.of(subject.theory().name() + ".tex");
        AtomicFiles.write(file, text);
        out.println("wrote " + file);
        return 0;
    }

    private static String texTarget(String text) {
        return TheoryDocument.texTarget(text);
    }
}
