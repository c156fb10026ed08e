package org.feynet.derive;

import java.util.List;
import org.feynet.core.Fractions;
import org.feynet.diagrams.Diagram;
import org.hipparchus.fraction.BigFraction;

/**
 * One diagram of the NTK chain ({@link NtkDerivation}): a rule applied to pieces of the per-neuron observables, with
 * its weight and the terms it contributes. It is drawn as the graph of its first term: expectations as vertices
 * carrying the external samples, the previous layer's statistics as blobs, a line for every summed index they share.
 *
 * @param name   the rule and the pieces it acts on: "tadpole (NTK)", "one-loop (NTK, metric)", ...
 * @param weight the rule's weight (1/2 for the propagated K1, 1/8 for the tadpole, ...)
 * @param terms  the terms it contributes (two for a single-neuron covariance, one otherwise)
 */
public record NtkDiagram(String name, BigFraction weight, List<Term> terms) implements Diagram {

    public NtkDiagram {
        terms = List.copyOf(terms);
    }

    /** The first term as plain text. */
    @Override
    public String code() {
        return RecursionFormatter.plainTerm(terms.get(0));
    }

    @Override
    public String caption() {
        return "weight " + Fractions.text(weight);
    }

    @Override
    public String latexCaption() {
        return "weight $" + Fractions.text(weight) + "$";
    }

    @Override
    public String svg() {
        return new TermDrawing(terms.get(0), name).svg();
    }

    @Override
    public String tikz() {
        return new TermDrawing(terms.get(0), name).tikz();
    }
}
