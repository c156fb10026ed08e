package org.feynet.derive;

import java.util.List;
import org.feynet.core.Fractions;
import org.feynet.core.LatexPreamble;
import org.feynet.diagrams.Diagram;
import org.feynet.model.MlpModel;

/**
 * A complete LaTeX document for a derived network: the model, its action, the diagrams (TikZ) and the
 * recursions, with closed forms where the activation has them, in the common {@link LatexPreamble}.
 */
public final class LatexDocument {

    private LatexDocument() {}

    public static String write(RecursionSystem system, String sourceName, String sourceText) {
        MlpModel m = system.model();
        StringBuilder s = new StringBuilder();
        s.append(LatexPreamble.of("feynet: finite-width statistics of \\texttt{" + escape(m.name()) + "}", ""));
        model(s, system, sourceName, sourceText);
        action(s, system);
        diagrams(s, system);
        recursions(s, system);
        closedForms(s, system);
        ScaleInvariantDiagonal.latex(system).ifPresent(text -> s.append("\\section{Scale invariance}\n").append(text));
        s.append(LatexPreamble.end());
        return s.toString();
    }

    private static void model(StringBuilder s, RecursionSystem system, String sourceName, String sourceText) {
        MlpModel m = system.model();
        s.append("\\section{Model}\nFrom \\texttt{").append(escape(sourceName)).append("}:\n")
                .append("\\begin{verbatim}\n").append(sourceText.strip()).append("\n\\end{verbatim}\n")
                .append("A multilayer perceptron of depth $L = ").append(m.depth()).append("$ with $P = ")
                .append(m.inputs()).append("$ inputs, $C_b = ").append(m.cb()).append("$, $C_W = ").append(m.cw())
                .append("$ and activation $\\sigma(z) = ").append(system.activation().latex())
                .append("$, derived to order $1/n").append(system.order() > 1 ? "^{" + system.order() + "}" : "")
                .append("$.\n\n");
    }

    private static void action(StringBuilder s, RecursionSystem system) {
        s.append("\\section{Action}\n")
                .append("Given layer $\\ell$, the $n$ preactivations of layer $\\ell+1$ are independent Gaussians with ")
                .append("covariance the stochastic metric $\\hat G^{(\\ell+1)}$, so their action is\n\\begin{equation}\n")
                .append("S\\big[z^{(\\ell+1)}\\,\\big|\\,z^{(\\ell)}\\big] = \\frac12\\sum_{i=1}^{n}\\sum_{a,b}")
                .append(" z_{i;a}\\,\\big(\\hat G^{(\\ell+1)}\\big)^{-1}_{ab}\\, z_{i;b}")
                .append(" + \\frac{n}{2}\\log\\det\\big(2\\pi \\hat G^{(\\ell+1)}\\big),\\qquad\n")
                .append("\\hat G^{(\\ell+1)}_{ab} = C_b + \\frac{C_W}{n}\\sum_{j=1}^{n}")
                .append(" \\sigma\\big(z^{(\\ell)}_{j;a}\\big)\\sigma\\big(z^{(\\ell)}_{j;b}\\big).\n\\end{equation}\n")
                .append("Writing $\\mathbb E[\\hat G] = K + K^{\\{1\\}}/n + K^{\\{2\\}}/n^2+\\dots$ and ")
                .append("$n\\,\\mathrm{Cov}(\\hat G_{a_1b_1},\\hat G_{a_2b_2}) = V_{(a_1b_1)(a_2b_2)} + O(1/n)$, ")
                .append("the law of total cumulance over the $n$ independent neurons, a Taylor expansion in ")
                .append("$\\Delta = \\hat G^{(\\ell)} - K^{(\\ell)}$ (Price's theorem for the kernel derivatives) ")
                .append("and the Leonov--Shiryaev formula give the diagrams below: vertices are single-neuron ")
                .append("cumulants, shaded blobs the cumulants of layer $\\ell$.\n\n");
    }

    private static void diagrams(StringBuilder s, RecursionSystem system) {
        s.append("\\section{Diagrams}\n");
        for (Recursion r : system.recursions()) {
            List<? extends Diagram> diagrams = r.diagrams();
            s.append("\\subsection*{$").append(r.statistic().latex("\\ell")).append("$: ").append(diagrams.size()).append(" diagram")
                    .append(diagrams.size() == 1 ? "" : "s").append("}\n");
            for (int k = 0; k < diagrams.size(); k++) {
                Diagram d = diagrams.get(k);
                // two to a row, drawn 1.3 times their natural size (labels readable in print), shrunk to the
                // column only when wider than it
                s.append("\\begin{minipage}[t]{0.48\\textwidth}\\centering\n")
                        .append("\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{\\scalebox{1.3}{%\n")
                        .append(d.tikz()).append("}}")
                        .append("\\\\ ").append(escape(d.name())).append(", ").append(d.latexCaption())
                        .append("\n\\end{minipage}")
                        .append(k % 2 == 1 ? "\n\\par\\bigskip\n" : "\\hfill\n");
            }
            s.append("\n");
        }
    }

    private static void recursions(StringBuilder s, RecursionSystem system) {
        s.append("\\section{Recursions}\n")
                .append("Brackets are Gaussian expectations at $K^{(\\ell)}$; $\\partial_c$ differentiates the ")
                .append("$\\sigma$ factors of sample $c$; by Price's theorem ")
                .append("$\\langle\\partial_c\\partial_d F\\rangle = (1+\\delta_{cd})\\,\\partial\\langle F\\rangle")
                .append("/\\partial K_{cd}$. The first layer has $K^{(1)}$ given and all corrections zero.\n")
                .append("\\begin{align}\n");
        s.append(String.join(" \\\\\n", system.recursions().stream().map(RecursionFormatter::latex).toList()))
                .append("\n\\end{align}\n\n");
    }

    private static void closedForms(StringBuilder s, RecursionSystem system) {
        ActivationCalculus a = system.activation();
        if (a.twoPointClosedForm().isEmpty()) {
            s.append("The Gaussian expectations of $\\sigma(z) = ").append(a.latex())
                    .append("$ have no closed form; feynet evaluates them by Gauss--Hermite quadrature.\n\n");
            return;
        }
        s.append("\\section{Closed forms}\nFor $a \\ne b$ (Symja):\n\\begin{align*}\n")
                .append("\\langle\\sigma_a\\sigma_b\\rangle &= ").append(a.twoPointLatex()).append(" \\\\\n")
                .append("\\langle\\sigma_a\\sigma_a\\rangle &= ").append(a.diagonalLatex()).append(" \\\\\n")
                .append("\\langle\\sigma'_a\\sigma'_b\\rangle &= ")
                .append(a.closedFormDerivativeLatex(List.of("Kab"))).append(" \\\\\n")
                .append("\\langle\\sigma''_a\\sigma_b\\rangle &= ")
                .append(a.closedFormDerivativeLatex(List.of("Kaa"))).append("\n\\end{align*}\n\n");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("&", "\\&").replace("%", "\\%")
                .replace("#", "\\#").replace("$", "\\$").replace("{", "\\{").replace("}", "\\}");
    }
}
