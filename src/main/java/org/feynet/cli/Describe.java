package org.feynet.cli;

import java.util.ArrayList;
import java.util.List;

import org.feynet.core.Fractions;
import org.feynet.derive.Recursion;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.Diagram;
import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;

/** Short human-readable descriptions shared by the commands. */
final class Describe {

    private Describe() {}

    static String model(Subject.Network network) {
        MlpModel m = network.model();
        String input = m.input() instanceof InputSpec.Vectors v
                ? m.inputs() + " raw inputs of dimension " + v.dimension()
                : m.inputs() + " inputs given by their first-layer metric";
        String rates = m.rates() == null ? ""
                : ", lambda_b = " + m.rates().lambdaB() + ", lambda_W = " + m.rates().lambdaW();
        return network.source() + ": network " + m.name() + ", " + m.observable().keyword() + " to order 1/n"
                + (m.order() > 1 ? "^" + m.order() : "") + "\n  sigma(z) = " + m.activation().name() + ", Cb = "
                + m.cb() + ", Cw = " + m.cw() + rates + ", L = " + m.depth() + ", " + input;
    }

    static String diagrams(Recursion r) {
        List<String> parts = new ArrayList<>();
        for (Diagram d : r.diagrams()) {
            parts.add(d.name() + " (weight " + Fractions.text(d.weight()) + ")");
        }
        return r.diagrams().size() + " diagram" + (r.diagrams().size() == 1 ? "" : "s") + ": "
                + String.join(", ", parts);
    }

    /** The closed forms of the two-point function and its kernel derivatives, when the activation has them. */
    static String closedForms(RecursionSystem system) {
        var activation = system.activation();
        if (activation.twoPointClosedForm().isEmpty()) {
            return "\nGaussian expectations: no closed form for sigma(z) = " + activation.activation().name()
                    + "; they are Gaussian integrals, evaluated by Gauss-Hermite quadrature.\n";
        }
        StringBuilder s = new StringBuilder("\nClosed forms (a != b; by Price's theorem <d_c d_d F> = (1+delta_cd) dF/dK_cd):\n");
        s.append("  <s_a s_b> = ").append(activation.twoPointLatex()).append('\n');
        s.append("  <s_a s_a> = ").append(activation.diagonalLatex()).append('\n');
        s.append("  <s'_a s'_b> = <d_a d_b (s_a s_b)> = ").append(activation.closedFormDerivativeLatex(List.of("Kab")))
                .append('\n');
        s.append("  <s''_a s_b> = <d_a d_a (s_a s_b)> = ").append(activation.closedFormDerivativeLatex(List.of("Kaa")))
                .append('\n');
        return s.toString();
    }
}
