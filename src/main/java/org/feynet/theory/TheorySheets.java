package org.feynet.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feynet.model.FieldTheory;

/**
 * The diagram sheets of a theory's results: one sheet per quantity and order, QUANTITY-gK.svg (every diagram with its
 * symmetry factor and value, in a grid) and QUANTITY-gK.tex (the same as captioned TikZ pictures).
 */
public final class TheorySheets {

    private TheorySheets() {}

    /** The sheets of every result, by file name. */
    public static Map<String, String> render(FieldTheory theory, List<TheoryResult> results) {
        Map<String, String> files = new LinkedHashMap<>();
        for (TheoryResult r : results) {
            String stem = fileStem(r.request().text());
            TreeMap<Integer, List<TheoryDiagram>> byOrder = new TreeMap<>();
            for (TheoryDiagram diagram : r.diagrams()) {
                byOrder.computeIfAbsent(diagram.order(), k -> new ArrayList<>()).add(diagram);
            }
            byOrder.forEach((order, diagrams) -> {
                List<TheoryGraph> graphs = new ArrayList<>();
                List<String> captions = new ArrayList<>();
                for (TheoryDiagram diagram : diagrams) {
                    graphs.add(diagram.graph());
                    captions.add("S = " + diagram.symmetryFactor() + ", "
                            + TheoryJson.value(diagram, theory, r.request().order()));
                }
                String[] sheet = TheoryDrawing.sheet(graphs, captions, theory.name() + ": " + r.request().text()
                        + ", order " + order + " (" + diagrams.size() + " diagram" + (diagrams.size() == 1 ? "" : "s") + ")");
                files.put(stem + "-g" + order + ".svg", sheet[0]);
                files.put(stem + "-g" + order + ".tex", sheet[1]);
            });
        }
        return files;
    }

    /** The file name stem of a quantity: {@code <phi phi>_c} gives {@code phi_phi_c}, {@code log Z} gives {@code logZ}. */
    static String fileStem(String target) {
        String s = target.replace("log Z", "logZ").replace("<", "").replace(">", "").replace("[", "").replace("]", "")
                .replace(' ', '_');
        return s.isEmpty() ? "Z" : s;
    }
}
