package org.feynet.derive;

import java.util.List;
import org.feynet.model.Statistic;

/**
 * A component of a statistic of the previous layer in a recursion term: the coefficient of n^{-order} in the joint
 * cumulant of {@code size} metric entries Ghat_{i_1 j_1}, ..., Ghat_{i_r j_r} (K0, K1, K2, V4, V4_1, T6, ...).
 *
 * @param statistic which statistic
 * @param indices   2 size sample-index names, pair by pair; symmetric within a pair and under exchange of pairs
 */
public record TensorRef(Statistic statistic, List<String> indices) {

    public TensorRef {
        indices = List.copyOf(indices);
        if (indices.size() != statistic.rank()) {
            throw new IllegalArgumentException("a cumulant of " + statistic.size() + " entries has "
                    + statistic.rank() + " indices");
        }
    }

    /** The statistic's name: K0, K1, V4, ... */
    public String name() {
        return statistic.name();
    }
}
