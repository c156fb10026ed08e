package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

    public RecursionSystem derive(MlpModel model, int order) {
        List<MetricRecursion> recursions = new ArrayList<>();
        for (Statistic target : Statistic.metricUpTo(order)) {
            recursions.add(recursion(target));
        }
        return new RecursionSystem(model, order, recursions, new ActivationCalculus(model.activation()));
    }

    /** The recursion of one statistic of the next layer. */
    public MetricRecursion recursion(Statistic statistic) {
        List<MetricDiagram> shapes = diagrams.apply(statistic);
        List<Term> terms = new ArrayList<>();
        for (MetricDiagram d : shapes) {
            terms.addAll(DiagramExpander.expand(d));
        }
        return new MetricRecursion(statistic, shapes, TermSimplifier.simplify(terms));
    }
}
