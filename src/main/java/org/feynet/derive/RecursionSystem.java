package org.feynet.derive;

import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;

/**
 * Everything derived for a network at a given order in 1/n: the recursions of all statistics that feed each
 * other (mean corrections and cumulants of the metric, in evaluation order), the activation's derivatives, and the
 * closed forms of its Gaussian expectations where they exist.
 */
public record RecursionSystem(MlpModel model, int order, List<Recursion> recursions,
                              ActivationCalculus activation) {

    public RecursionSystem {
        recursions = List.copyOf(recursions);
    }

    /** The recursion of a statistic. */
    public Recursion recursion(Statistic statistic) {
        return recursions.stream().filter(r -> r.statistic().equals(statistic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no recursion for " + statistic + " at order 1/n^"
                        + order));
    }

    /** The statistics, in evaluation order. */
    public List<Statistic> statistics() {
        return recursions.stream().map(Recursion::statistic).toList();
    }
}
