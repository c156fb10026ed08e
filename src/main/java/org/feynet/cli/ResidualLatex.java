package org.feynet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feynet.core.LatexPreamble;
import org.feynet.derive.ClosureDiagrams;
import org.feynet.derive.ResidualSystem;
import org.feynet.derive.TensorEquation;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;

/**
 * The LaTeX document of a residual network's derivation (docs/METHOD.md, "Residual networks"): the network with its
 * parameters, the mean field, the exact O(1/n) route, the regression closures, the published G-only theory and the
 * continuous-depth equations of each. The mathematics is the fixed text {@code residual-derivation.tex}; the network's
 * parameters are filled in.
 */
final class ResidualLatex {

    private static final String BODY = "residual-derivation.tex";

    private ResidualLatex() {}

    static String document(Subject.Residual r) {
        ResidualModel m = r.model();
        String title = "Residual network \\texttt{" + LatexPreamble.escape(m.name()) + "}: statistics to order $1/n$";
        return LatexPreamble.of(title, "") + body().replace("@@PARAMETERS@@", parameters(r))
                .replace("@@DIAGRAMS@@", diagramLines()) + "\n" + LatexPreamble.end();
    }

    /**
     * The section naming the lines of the kernel closures' generated evaluators that are the MLP's one-layer diagrams
     * (org.feynet.derive.ClosureDiagrams), with the closures that use each, its diagrams and its reading.
     */
    static String diagramLines() {
        Map<TensorEquation, List<String>> users = new LinkedHashMap<>();
        Map<TensorEquation, ClosureDiagrams.Line> lines = new LinkedHashMap<>();
        for (Closure c : List.of(Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM)) {
            ResidualSystem system = ResidualSystem.of(c);
            for (ClosureDiagrams.Line line : ClosureDiagrams.of(c)) {
                lines.putIfAbsent(line.equation(), line);
                users.computeIfAbsent(line.equation(), k -> new ArrayList<>())
                        .add(c.keyword() + ": " + ResidualDerivation.where(system, line));
            }
        }
        StringBuilder s = new StringBuilder("\\section{Lines of the kernel closures from diagrams}\n")
                .append("The generated evaluators of the kernel closures (\\texttt{feynet codegen}) take these lines")
                .append(" from the MLP's one-layer diagrams (\\texttt{feynet diagrams}), read in the closures'")
                .append(" notation; every other line is the closure's bookkeeping, and the exact route is written in")
                .append(" the form its propagation needs.\n\\begin{itemize}\\raggedright\n");
        lines.forEach((e, line) -> s.append("\\item \\texttt{").append(LatexPreamble.escape(e.plain()))
                .append("} (").append(LatexPreamble.escape(String.join("; ", users.get(e)))).append(") from ")
                .append(LatexPreamble.escape(line.origin())).append(", read as \\texttt{")
                .append(LatexPreamble.escape(line.reading().describe())).append("}.\n"));
        return s.append("\\end{itemize}\n").toString();
    }

    private static String parameters(Subject.Residual r) {
        ResidualModel m = r.model();
        StringBuilder s = new StringBuilder("$\\sigma(z) = $ \\texttt{" + LatexPreamble.escape(m.activation().name())
                + "}, $C_b = " + number(m.cb()) + "$, $C_W = " + number(m.cw()) + "$, $L = " + m.depth() + "$, ");
        boolean uniform = true;
        for (int l = 1; l < m.depth(); l++) {
            uniform &= m.eps(l) == m.eps(0);
        }
        if (uniform) {
            s.append("$\\epsilon_\\ell = ").append(number(m.eps(0))).append("$");
        } else {
            s.append("$(\\epsilon_0,\\dots,\\epsilon_{L-1}) = (");
            for (int l = 0; l < m.depth(); l++) {
                s.append(l > 0 ? ", " : "").append(number(m.eps(l)));
            }
            s.append(")$");
        }
        double[][] k = m.gramCopy();
        s.append(", $P = ").append(m.inputs()).append("$ inputs and\n\\[\nK^{(0)} = \\begin{pmatrix}");
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                s.append(b > 0 ? " & " : "").append(number(k[a][b]));
            }
            s.append(a + 1 < k.length ? " \\\\ " : "");
        }
        s.append("\\end{pmatrix}.\n\\]\nThe file selects closure \\texttt{").append(m.closure().keyword())
                .append("} (\\texttt{eval} evaluates it; \\texttt{compare} shows every route).\n");
        return s.toString();
    }

    /** x in LaTeX: an integer as such, otherwise six significant digits without trailing zeros. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.6g", x)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String body() {
        try (InputStream in = ResidualLatex.class.getResourceAsStream(BODY)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BODY);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
