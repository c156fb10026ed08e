package org.feynet.model;

import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * One interaction monomial of an action, {@code coefficient * prod_c c^(couplings[c]) * N^sizePower *
 * prod_f phi_f^(legs[f])}. For a vector field, {@code legs[f] = 2p} stands for the invariant (phi[i]*phi[i])^p.
 *
 * @param coefficient the rational prefactor (g/24 phi^4 has 1/24)
 * @param couplings   the power of each coupling, indexed like {@link FieldTheory#couplings()}
 * @param sizePower   the power of the size N (lambda/(8N) has -1)
 * @param legs        the number of legs of each field, indexed like {@link FieldTheory#fields()}
 * @param text        the monomial as written in normal form, for messages and documents
 */
public record Interaction(BigFraction coefficient, List<Integer> couplings, int sizePower, List<Integer> legs,
        String text) {

    public Interaction {
        couplings = List.copyOf(couplings);
        legs = List.copyOf(legs);
    }

    /** The total power of the couplings: the order this vertex contributes. */
    public int order() {
        return couplings.stream().mapToInt(Integer::intValue).sum();
    }

    /** The total number of legs. */
    public int valence() {
        return legs.stream().mapToInt(Integer::intValue).sum();
    }

}
