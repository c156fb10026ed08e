package org.feynet.derive;

import java.util.List;
import org.feynet.model.MlpModel;

/**
 * Everything derived for a network at a given order in 1/n: the recursions of all statistics that feed each
 * other (mean corrections and cumulants of the metric), the activation's derivatives, and the closed forms
 * of its Gaussian expectations where they exist.
 */
public record RecursionSystem(MlpModel model, int order, List<MetricRecursion> recursions,
                              ActivationCalculus activation) {

    public RecursionSystem {
        recursions = List.copyOf(recursions);
    }

    /** The recursion for the given cumulant size and order. */
    public MetricRecursion recursion(int legs, int q) {
        return recursions.stream().filter(r -> r.legs() == legs && r.order() == q).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no recursion for " + legs + " legs at order " + q));
    }
}
