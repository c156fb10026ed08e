package org.feynet.theory;

import java.math.BigInteger;
import java.util.List;

/**
 * One Feynman diagram of a theory quantity: its graph (possibly disconnected), its symmetry factor |Aut| (the
 * number of permutations of vertices and of half-edges within vertices that preserve every line, external
 * points fixed), its value {@code prod(vertex factors) prod(propagators) (index factor) / |Aut|} as a
 * polynomial in the couplings and N, and its order (total coupling degree).
 */
public record TheoryDiagram(TheoryGraph graph, BigInteger symmetryFactor, Polynomial value, int order) {

    /** Whether the graph is connected. */
    public boolean connected() {
        return graph.components().size() == 1;
    }

    /** Whether the graph has no external points. */
    public boolean vacuum() {
        return graph.externals().isEmpty();
    }

    /** One-particle irreducible: no internal propagator whose removal disconnects the graph. */
    public boolean onePI() {
        return graph.bridges().isEmpty();
    }

    /**
     * Whether a tadpole hangs on the diagram: an internal propagator whose removal cuts off a part without
     * external points (in a vacuum diagram, any bridge).
     */
    public boolean hasTadpole() {
        List<Integer> ext = graph.externals();
        for (int[] b : graph.bridges()) {
            if (ext.isEmpty()) {
                return true;
            }
            boolean[] side = graph.sideOf(b[0], b[1]);
            boolean left = false;
            boolean right = false;
            for (int x : ext) {
                if (side[x]) {
                    left = true;
                } else {
                    right = true;
                }
            }
            if (!left || !right) {
                return true;
            }
        }
        return false;
    }

    /** The number of vertices of each interaction, by interaction index. */
    public int[] vertexCounts(int interactions) {
        int[] c = new int[interactions];
        for (VertexKind k : graph.kinds()) {
            if (!k.external()) {
                c[k.interaction()]++;
            }
        }
        return c;
    }
}
