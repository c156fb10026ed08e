package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.diagrams.Diagram;
import org.feynet.model.Statistic;

/**
 * The recursion for one statistic of the metric: the coefficient of n^{-order} in the joint cumulant of
 * {@code size} entries Ghat^(l+1)_{a_1 b_1}, ..., Ghat^(l+1)_{a_m b_m}, in terms of layer l (docs/METHOD.md),
 * with the diagrams it was derived from.
 *
 * @param statistic what it computes
 * @param diagrams  the diagrams it came from, with their weights, in the enumerator's canonical order
 * @param terms     the simplified terms
 */
public record Recursion(Statistic statistic, List<? extends Diagram> diagrams, List<Term> terms) {

    public Recursion {
        diagrams = List.copyOf(diagrams);
        terms = List.copyOf(terms);
    }

    /** The name of the statistic it computes: K0, K1, V4, ... */
    public String name() {
        return statistic.name();
    }

    /** The external index names a_1, b_1, ..., a_m, b_m. */
    public List<String> externalIndices() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= statistic.size(); i++) {
            out.add(Names.externalFirst(i));
            out.add(Names.externalSecond(i));
        }
        return out;
    }
}
