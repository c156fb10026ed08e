package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.feynet.model.MlpModel;

/**
 * Derives the layer-to-layer recursions of a network's metric statistics to a given order in 1/n: for every
 * statistic the order needs ({@link MetricRecursion#targets}), it expands each diagram into terms
 * ({@link DiagramExpander}) and lets Symja collect them ({@link TermSimplifier}).
 */
public final class Derivation {

    private final BiFunction<Integer, Integer, List<DiagramShape>> diagrams;

    /** @param diagrams the diagrams of the coefficient of n^{-q} in the m-th cumulant, given (m, q) */
    public Derivation(BiFunction<Integer, Integer, List<DiagramShape>> diagrams) {
        this.diagrams = diagrams;
    }

    public RecursionSystem derive(MlpModel model) {
        return derive(model, model.order());
    }

    public RecursionSystem derive(MlpModel model, int order) {
        List<MetricRecursion> recursions = new ArrayList<>();
        for (int[] target : MetricRecursion.targets(order)) {
            recursions.add(recursion(target[0], target[1]));
        }
        return new RecursionSystem(model, order, recursions, new ActivationCalculus(model.activation()));
    }

    /** The recursion of the coefficient of n^{-q} in the m-th cumulant of the metric. */
    public MetricRecursion recursion(int m, int q) {
        List<DiagramShape> shapes = diagrams.apply(m, q);
        List<Term> terms = new ArrayList<>();
        for (DiagramShape d : shapes) {
            terms.addAll(DiagramExpander.expand(d));
        }
        return new MetricRecursion(m, q, shapes, TermSimplifier.simplify(terms));
    }
}
