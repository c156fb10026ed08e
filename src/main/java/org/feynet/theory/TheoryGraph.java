package org.feynet.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.feynet.core.Combinatorics;

/**
 * A Feynman graph of a zero-dimensional theory: positions 0..n-1 holding {@link VertexKind}s, and for every
 * pair of positions and every field the number of propagators between them ({@code loops(v, f)} for lines
 * from v back to v). Immutable. Graphs produced by {@link OrderlyGenerator} are in canonical labelling, so
 * equal graphs are equal objects.
 */
public final class TheoryGraph {

    private final List<VertexKind> kinds;
    private final int[][][] multiplicity;
    private final int fields;

    TheoryGraph(List<VertexKind> kinds, int[][][] multiplicity) {
        this.kinds = List.copyOf(kinds);
        int n = kinds.size();
        this.fields = n == 0 ? 0 : multiplicity.length == 0 ? 0 : multiplicity[0][0].length;
        this.multiplicity = new int[n][n][];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                this.multiplicity[u][v] = multiplicity[u][v].clone();
            }
        }
    }

    public int size() {
        return kinds.size();
    }

    public int fields() {
        return fields;
    }

    public List<VertexKind> kinds() {
        return kinds;
    }

    public VertexKind kind(int v) {
        return kinds.get(v);
    }

    /** Propagators of {@code field} between u and v (u != v). */
    public int lines(int u, int v, int field) {
        return multiplicity[u][v][field];
    }

    /** Propagators of {@code field} from v to itself. */
    public int loops(int v, int field) {
        return multiplicity[v][v][field];
    }

    /** All propagators between u and v, any field (loops when u == v). */
    public int lines(int u, int v) {
        int s = 0;
        for (int f = 0; f < fields; f++) {
            s += multiplicity[u][v][f];
        }
        return s;
    }

    /** The number of propagators. */
    public int propagators() {
        int e = 0;
        for (int u = 0; u < size(); u++) {
            for (int v = u; v < size(); v++) {
                e += lines(u, v);
            }
        }
        return e;
    }

    /** Loops in the graph-theoretic sense: E - V + (number of components). */
    public int loopNumber() {
        return propagators() - size() + components().size();
    }

    /** The external points, by label. */
    public List<Integer> externals() {
        List<Integer> ext = new ArrayList<>();
        for (int label = 1; ; label++) {
            int found = -1;
            for (int v = 0; v < size(); v++) {
                if (kinds.get(v).label() == label) {
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
        int n = size();
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        List<List<Integer>> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            List<Integer> c = new ArrayList<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            queue.add(s);
            comp[s] = out.size();
            while (!queue.isEmpty()) {
                int u = queue.poll();
                c.add(u);
                for (int v = 0; v < n; v++) {
                    if (comp[v] < 0 && lines(u, v) > 0) {
                        comp[v] = out.size();
                        queue.add(v);
                    }
                }
            }
            c.sort(null);
            out.add(c);
        }
        return out;
    }

    /**
     * Whether removing one propagator between u and v (u != v) disconnects {@code a} from {@code b}
     * ({@code b = -1}: disconnects the graph).
     */
    boolean separates(int u, int v, int a, int b) {
        if (lines(u, v) != 1) {
            return false;
        }
        boolean[] seen = sideOf(u, v);
        if (seen[v]) {
            return false;
        }
        return b < 0 || seen[a] != seen[b];
    }

    /** The positions on u's side after removing one line u-v (only meaningful for a bridge). */
    boolean[] sideOf(int u, int v) {
        int n = size();
        boolean[] seen = new boolean[n];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(u);
        seen[u] = true;
        while (!queue.isEmpty()) {
            int x = queue.poll();
            for (int y = 0; y < n; y++) {
                if (!seen[y] && lines(x, y) > 0 && !((x == u && y == v) || (x == v && y == u))) {
                    seen[y] = true;
                    queue.add(y);
                }
            }
        }
        return seen;
    }

    /**
     * The bridges among internal propagators (those between two interaction vertices), as pairs {u, v}. A
     * graph is one-particle irreducible when it has none.
     */
    public List<int[]> bridges() {
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < size(); u++) {
            for (int v = u + 1; v < size(); v++) {
                if (!kind(u).external() && !kind(v).external() && separates(u, v, 0, -1)) {
                    out.add(new int[] {u, v});
                }
            }
        }
        return out;
    }

    /**
     * The symmetry factor from the vertex automorphisms {@code autV} (permutations of positions that preserve
     * kinds and every multiplicity): |Aut| = autV * prod_{u<v,f} m! * prod_{v,f} l! 2^l
     * (STACK-NOTES 3.3, "skeleton times multiplicities").
     */
    BigInteger symmetryFactor(long autV) {
        BigInteger s = BigInteger.valueOf(autV);
        for (int u = 0; u < size(); u++) {
            for (int f = 0; f < fields; f++) {
                int l = multiplicity[u][u][f];
                s = s.multiply(Combinatorics.factorial(l)).shiftLeft(l);
                for (int v = u + 1; v < size(); v++) {
                    s = s.multiply(Combinatorics.factorial(multiplicity[u][v][f]));
                }
            }
        }
        return s;
    }

    /** A compact code: kinds, then the upper triangle of multiplicities. */
    public String code() {
        StringBuilder s = new StringBuilder();
        for (int v = 0; v < size(); v++) {
            VertexKind k = kinds.get(v);
            s.append(k.external() ? "x" + k.label() : "v" + k.valence());
            s.append(v + 1 < size() ? " " : "");
        }
        s.append(" |");
        for (int u = 0; u < size(); u++) {
            for (int v = u; v < size(); v++) {
                for (int f = 0; f < fields; f++) {
                    int m = multiplicity[u][v][f];
                    if (m > 0) {
                        s.append(' ').append(u).append(u == v ? "o" : "-" + v).append(fields > 1 ? "f" + f : "")
                                .append(m > 1 ? "^" + m : "");
                    }
                }
            }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TheoryGraph g) || !g.kinds.equals(kinds)) {
            return false;
        }
        for (int u = 0; u < size(); u++) {
            for (int v = 0; v < size(); v++) {
                if (!java.util.Arrays.equals(multiplicity[u][v], g.multiplicity[u][v])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return code().hashCode();
    }

    @Override
    public String toString() {
        return code();
    }
}
