package org.feynet.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.feynet.core.ColouredMultigraph;

/**
 * A Feynman graph of a zero-dimensional theory: positions 0..n-1 holding {@link VertexKind}s, and for every
 * pair of positions and every field the number of propagators between them ({@code loops(v, f)} for lines
 * from v back to v). A {@link ColouredMultigraph} coloured by vertex kind and by field, which answers the
 * graph questions (components, bridges, symmetry factor). Immutable. Graphs produced by
 * {@link OrderlyGenerator} are in canonical labelling, so equal graphs are equal objects.
 */
public final class TheoryGraph {

    private final ColouredMultigraph<VertexKind> graph;

    TheoryGraph(List<VertexKind> kinds, int[][][] multiplicity) {
        int fields = kinds.isEmpty() || multiplicity.length == 0 ? 0 : multiplicity[0][0].length;
        this.graph = ColouredMultigraph.of(kinds, fields, multiplicity);
    }

    public int size() {
        return graph.size();
    }

    public int fields() {
        return graph.fields();
    }

    public List<VertexKind> kinds() {
        return graph.colours();
    }

    public VertexKind kind(int v) {
        return graph.colour(v);
    }

    /** The graph with its kinds as vertex colours and fields as line colours. */
    public ColouredMultigraph<VertexKind> multigraph() {
        return graph;
    }

    /** Propagators of {@code field} between u and v (u != v). */
    public int lines(int u, int v, int field) {
        return graph.multiplicity(u, v, field);
    }

    /** Propagators of {@code field} from v to itself. */
    public int loops(int v, int field) {
        return graph.multiplicity(v, v, field);
    }

    /** All propagators between u and v, any field (loops when u == v). */
    public int lines(int u, int v) {
        return graph.multiplicity(u, v);
    }

    /** The number of propagators. */
    public int propagators() {
        return graph.lineCount();
    }

    /** The external points, by label. */
    public List<Integer> externals() {
        List<Integer> ext = new ArrayList<>();
        for (int label = 1; ; label++) {
            int found = -1;
            for (int v = 0; v < size(); v++) {
                if (kind(v).label() == label) {
                    found = v;
                }
            }
            if (found < 0) {
                return ext;
            }
            ext.add(found);
        }
    }

    /** The connected components, as lists of positions in increasing order. */
    public List<List<Integer>> components() {
        return graph.components();
    }

    /** Whether removing the single propagator between u and v (u != v) puts {@code a} and {@code b} apart. */
    boolean separates(int u, int v, int a, int b) {
        return graph.separates(u, v, a, b);
    }

    /** The positions on u's side after removing one line u-v (only meaningful for a bridge). */
    boolean[] sideOf(int u, int v) {
        return graph.sideOf(u, v);
    }

    /**
     * The bridges among internal propagators (those between two interaction vertices), as pairs {u, v}. A
     * graph is one-particle irreducible when it has none.
     */
    public List<int[]> bridges() {
        return graph.bridges().stream().filter(b -> !kind(b[0]).external() && !kind(b[1]).external()).toList();
    }

    /**
     * The symmetry factor from the vertex automorphisms {@code autV} (permutations of positions that preserve
     * kinds and every multiplicity): |Aut| = autV * prod_{u<v,f} m! * prod_{v,f} l! 2^l
     * (STACK-NOTES 3.3, "skeleton times multiplicities").
     */
    BigInteger symmetryFactor(long autV) {
        return graph.symmetryFactor(autV);
    }

    /** A compact code: kinds, then the upper triangle of multiplicities. */
    public String code() {
        StringBuilder s = new StringBuilder();
        for (int v = 0; v < size(); v++) {
            VertexKind k = kind(v);
            s.append(k.external() ? "x" + k.label() : "v" + k.valence());
            s.append(v + 1 < size() ? " " : "");
        }
        s.append(" |");
        for (int u = 0; u < size(); u++) {
            for (int v = u; v < size(); v++) {
                for (int f = 0; f < fields(); f++) {
                    int m = lines(u, v, f);
                    if (m > 0) {
                        s.append(' ').append(u).append(u == v ? "o" : "-" + v).append(fields() > 1 ? "f" + f : "")
                                .append(m > 1 ? "^" + m : "");
                    }
                }
            }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TheoryGraph g && g.graph.equals(graph);
    }

    @Override
    public int hashCode() {
        return graph.hashCode();
    }

    @Override
    public String toString() {
        return code();
    }
}
