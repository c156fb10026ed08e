package org.feynet.diagrams;

import java.util.List;

/**
 * A vertex: one block B of the set partition of the external legs in the law of total cumulance.
 * It stands for the conditional cumulant {@code Cw^s n^(1-s) c_s(Ghat)}, {@code s = |B|}, of the
 * legs in the block, Taylor-expanded to order {@code r = derivativeLegs} in
 * {@code Delta = Ghat - K0}: the term {@code (1/r!) D^r c_s(K0)[Delta, ..., Delta]}.
 * It contributes {@code n^-(s-1)}.
 *
 * @param id             index of the vertex in its diagram (0-based, canonical order)
 * @param externalLegs   the external legs (1-based labels {@code alpha_i = (a_i b_i)}), ascending,
 *                       never empty
 * @param derivativeLegs {@code r >= 0}, the number of derivative legs, each carrying one Delta
 */
public record Vertex(int id, List<Integer> externalLegs, int derivativeLegs) implements DiagramNode {

    /** Validates and copies the leg list. */
    public Vertex {
        if (externalLegs == null || externalLegs.isEmpty()) {
            throw new IllegalArgumentException("Vertex " + id + ": expected at least one external leg");
        }
        externalLegs = List.copyOf(externalLegs.stream().sorted().toList());
        for (int i = 0; i < externalLegs.size(); i++) {
            if (externalLegs.get(i) < 1 || (i > 0 && externalLegs.get(i).equals(externalLegs.get(i - 1)))) {
                throw new IllegalArgumentException("Vertex " + id
                        + ": external legs must be distinct positive labels, got " + externalLegs);
            }
        }
        if (derivativeLegs < 0) {
            throw new IllegalArgumentException("Vertex " + id + ": expected derivativeLegs >= 0, got "
                    + derivativeLegs);
        }
    }

    /** {@code s}, the number of external legs; the vertex carries {@code c_s}. */
    public int cumulantOrder() {
        return externalLegs.size();
    }
}
