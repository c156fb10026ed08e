package org.feynet.theory;

import java.util.Arrays;
import org.hipparchus.fraction.BigFraction;

/**
 * What sits at a vertex of a theory diagram: an interaction vertex (from a monomial of the action) or an
 * external point (one leg, a label 1..m, a field and, for a vector field, a component).
 *
 * <p>The Feynman rule of an interaction monomial {@code c prod_f phi_f^(k_f)} is the vertex factor
 * {@code -c prod_f k_f!} for plain fields, with {@code 2^p p!} in place of {@code k_f!} for an O(N)
 * invariant (phi.phi)^p, whose index structure (the sum over the (2p-1)!! pairings of its legs) is applied
 * by {@link IndexLoops}.
 *
 * @param id          a number unique among the kinds of one expansion; ordering of positions in a graph
 * @param legs        legs per field
 * @param factor      the vertex factor (1 for an external point)
 * @param couplings   coupling exponents carried by the vertex
 * @param sizePower   power of N carried by the vertex
 * @param label       1.. for an external point, 0 for an interaction vertex
 * @param component   the component of an external vector-field leg (0 otherwise)
 * @param interaction index of the interaction monomial (-1 for an external point)
 */
public record VertexKind(int id, int[] legs, BigFraction factor, int[] couplings, int sizePower, int label,
        int component, int interaction) implements Comparable<VertexKind> {

    public VertexKind {
        legs = legs.clone();
        couplings = couplings.clone();
    }

    public boolean external() {
        return label > 0;
    }

    public int valence() {
        return Arrays.stream(legs).sum();
    }

    /** The field of an external point. */
    public int externalField() {
        for (int f = 0; f < legs.length; f++) {
            if (legs[f] > 0) {
                return f;
            }
        }
        throw new IllegalStateException("no legs");
    }

    @Override
    public int[] legs() {
        return legs.clone();
    }

    @Override
    public int[] couplings() {
        return couplings.clone();
    }

    int legs(int field) {
        return legs[field];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VertexKind k && k.id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    /** By id, consistently with {@link #equals}: kinds are the vertex colours of a {@link TheoryGraph}. */
    @Override
    public int compareTo(VertexKind o) {
        return Integer.compare(id, o.id);
    }
}
