package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.feynet.diagrams.Diagram;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;

/**
 * Derives the layer-to-layer recursions of a network's metric statistics to a given order in 1/n: for every
 * statistic the order needs ({@link Statistic#metricUpTo}), it expands each diagram into terms
 * ({@link DiagramExpander}) and collects equal terms ({@link TermSimplifier}).
 */
public final class Derivation {

    private final Function<Statistic, List<MetricDiagram>> diagrams;

    /** @param diagrams the diagrams of each statistic of the next layer */
    public Derivation(Function<Statistic, List<MetricDiagram>> diagrams) {
        this.diagrams = diagrams;
    }

    public RecursionSystem derive(MlpModel model) {
        return derive(model, model.order());
    }

    /**
     * The recursions of every statistic the model's observable needs at order 1/n^order: the metric's, and for the
     * NTK also the NTK chain's ({@link NtkDerivation}).
     */
    public RecursionSystem derive(MlpModel model, int order) {
        if (model.tied()) {
            throw new UnsupportedOperationException(model.name() + " is weight-tied (W and b shared by every step):"
                    + " its recursions are not derived yet; feynet sample runs it, and feynet criticality gives its"
                    + " infinite-width single-step maps");
        }
        List<Statistic> targets = switch (model.observable()) {
            case METRIC -> Statistic.metricUpTo(order);
            case NTK -> Statistic.ntkUpTo(order);
            case DNTK -> Statistic.dntkUpTo(order);
            case DDNTK -> Statistic.ddntkUpTo(order);
        };
        List<Recursion> recursions = new ArrayList<>();
        for (Statistic target : targets) {
            recursions.add(target.kind() == Statistic.Kind.METRIC ? recursion(target)
                    : NtkDerivation.recursion(target));
        }
        return new RecursionSystem(model, order, recursions, new ActivationCalculus(model.activation()));
    }

    /** The terms one diagram contributes, collected (its share of its recursion). */
    public static List<Term> termsOf(Diagram diagram) {
        if (diagram instanceof MetricDiagram metric) {
            return TermSimplifier.simplify(DiagramExpander.expand(metric));
        }
        if (diagram instanceof NtkDiagram ntk) {
            return TermSimplifier.simplify(ntk.terms());
        }
        throw new IllegalArgumentException("no terms for a diagram of kind " + diagram.getClass().getSimpleName());
    }

    /** The recursion of one statistic of the next layer. */
    public Recursion recursion(Statistic statistic) {
        List<MetricDiagram> shapes = diagrams.apply(statistic);
        List<Term> terms = new ArrayList<>();
        for (MetricDiagram d : shapes) {
            terms.addAll(DiagramExpander.expand(d));
        }
        return new Recursion(statistic, shapes, TermSimplifier.simplify(terms));
    }
}
