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
import java.util.function.Predicate;
import org.feynet.core.Fractions;
import org.feynet.model.FieldTheory;
import org.feynet.model.TheoryRequest;
import org.feynet.theory.SeriesText;
import org.feynet.theory.TheoryDiagram;
import org.feynet.theory.TheoryDocument;
import org.feynet.theory.TheoryExpansion;
import org.feynet.theory.TheoryJson;
import org.feynet.theory.TheorySheets;
import org.feynet.theory.TheoryResult;

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
        for (TheoryResult r : d.results()) {
            LargeNRoute.of(theory, r).ifPresent(route -> s.append('\n').append(route.text()));
        }
        s.append("\nLaTeX:\n\\begin{align}\n");
        List<String> lines = new ArrayList<>();
        for (TheoryResult r : d.results()) {
            lines.add(texTarget(r.request().text()) + " &= " + SeriesText.latex(r.series(), theory, r.request().order()));
        }
        s.append(String.join(" \\\\\n", lines)).append("\n\\end{align}\n");
        if (draw) {
            Path dir = diagrams.resolve(theory.name());
            Map<String, String> files = TheorySheets.render(theory, d.results());
            OutputFiles.create(dir);
            for (Map.Entry<String, String> e : files.entrySet()) {
                AtomicFiles.write(dir.resolve(e.getKey()), e.getValue());
            }
            s.append("\nDiagrams drawn into ").append(dir).append(" (").append(files.size()).append(" files, SVG and TikZ)\n");
        }
        out.print(s);
        return 0;
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
                    rows.add(TheoryJson.diagram(diagram, theory, r.request().order()));
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
                String value = TheoryJson.value(diagram, theory, r.request().order());
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
            Map<String, Object> q = new LinkedHashMap<>(TheoryJson.series(r, theory));
            LargeNRoute.of(theory, r).ifPresent(route -> q.put("large_N", route.json()));
            quantities.add(q);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", theory.name());
        root.put("couplings", theory.couplings());
        theory.size().ifPresent(n -> root.put("size", n));
        root.put("quantities", quantities);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        return 0;
    }

    // ------------------------------------------------------------------ latex

    static int latex(Subject.Theory subject, PrintWriter out, Path output) {
        Derived d = derive(subject);
        String text = TheoryDocument.write(d.expansion(), d.results(), subject.source(), subject.text());
        StringBuilder largeN = new StringBuilder();
        for (TheoryResult r : d.results()) {
            LargeNRoute.of(subject.theory(), r).ifPresent(route -> largeN.append(route.latex()));
        }
        if (!largeN.isEmpty()) {
            int end = text.lastIndexOf("\\end{document}");
            text = text.substring(0, end) + largeN + text.substring(end);
        }
        Path file = output != null ? output : Path.of(subject.theory().name() + ".tex");
        AtomicFiles.write(file, text);
        out.println("wrote " + file);
        return 0;
    }

    private static String texTarget(String text) {
        return TheoryDocument.texTarget(text);
    }
}
