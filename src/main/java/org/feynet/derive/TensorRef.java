package org.feynet.derive;

import java.util.List;

/**
 * A component of a cumulant of the previous layer's metric: the coefficient of n^{-order} in the joint
 * cumulant of {@code size} metric entries Ghat_{i_1 j_1}, ..., Ghat_{i_r j_r} (for size 1, of the mean:
 * K0, K1, K2, ...; for size 2, V4 at order 1 and V4_1 at order 2; T6 at size 3 and order 2).
 *
 * @param indices 2 * size sample-index names, pair by pair; symmetric within a pair and under exchange of pairs
 */
public record TensorRef(int size, int order, List<String> indices) {

    public TensorRef {
        indices = List.copyOf(indices);
        if (indices.size() != 2 * size) {
            throw new IllegalArgumentException("a cumulant of " + size + " entries has " + 2 * size + " indices");
        }
    }

    /** The conventional name of the tensor: K0, K1, K2, V4, V4_1, T6, or C{r,t} beyond those. */
    public String name() {
        return Names.tensorName(size, order);
    }
}
