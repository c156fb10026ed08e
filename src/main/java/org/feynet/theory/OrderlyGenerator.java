package org.feynet.theory;

import java.util.ArrayList;
import java.util.List;

/**
 * All connected multigraphs (loops and multiple lines allowed) with a given list of vertex kinds, up to
 * isomorphism, each once and in canonical labelling, with its number of vertex automorphisms.
 *
 * <p><b>Method.</b> Orderly generation (Read, Ann. Discrete Math. 2 (1978) 107; Faradzev, ibid. 93): the
 * multiplicity matrix is filled row by row; row i distributes the remaining legs of vertex i, field by field,
 * over loops at i and lines to the later vertices. Only the lexicographically maximal representative of each
 * class (see {@link CanonicalSearch}) is kept, and the search is pruned as soon as a prefix cannot be the
 * prefix of a maximal matrix: (1) later vertices of one kind that are alike so far must receive
 * non-increasing entries, (2) a completed component that is not the whole graph ends the branch, (3) the
 * canonicity test on the finished rows. Because the maximal matrix's prefixes pass all three, every class is
 * produced exactly once.
 *
 * <p><b>Complexity.</b> Output-sensitive in practice: a few times the number of classes in search nodes, each
 * costing one canonicity test. Measured figures are in docs/BENCHMARKS.md.
 */
public final class OrderlyGenerator {

    /** A generated graph and |Aut_V|, its number of kind- and multiplicity-preserving vertex permutations. */
    public record Generated(TheoryGraph graph, long vertexAutomorphisms) {}

    private final List<VertexKind> kinds;
    private final int n;
    private final int fields;
    private final int[][][] m;
    private final int[][] code;
    private final int[][] deficit;
    private final int[][] cells;
    private final List<Generated> out = new ArrayList<>();

    /**
     * @param kinds the vertex kind of every position, grouped: equal kinds at consecutive positions
     */
    private OrderlyGenerator(List<VertexKind> kinds, int fields) {
        this.kinds = kinds;
        this.n = kinds.size();
        this.fields = fields;
        this.m = new int[n][n][fields];
        this.code = new int[n][n];
        this.deficit = new int[n][];
        for (int v = 0; v < n; v++) {
            deficit[v] = kinds.get(v).legs();
        }
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        for (int v = 1; v <= n; v++) {
            if (v == n || !kinds.get(v).equals(kinds.get(start))) {
                int[] g = new int[v - start];
                for (int i = start; i < v; i++) {
                    g[i - start] = i;
                }
                groups.add(g);
                start = v;
            }
        }
        this.cells = groups.toArray(new int[0][]);
    }

    /**
     * The connected graphs on the given vertices.
     *
     * @param kinds  one kind per vertex; equal kinds must be adjacent in the list
     * @param fields the number of fields
     */
    public static List<Generated> connected(List<VertexKind> kinds, int fields) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        for (int f = 0; f < fields; f++) {
            int legs = 0;
            for (VertexKind k : kinds) {
                legs += k.legs(f);
            }
            if (legs % 2 != 0) {
                return List.of();
            }
        }
        OrderlyGenerator g = new OrderlyGenerator(List.copyOf(kinds), fields);
        g.row(0);
        return g.out;
    }

    private void row(int i) {
        if (i == n) {
            long aut = CanonicalSearch.test(code, cells, n - 1);
            if (aut > 0) {
                out.add(new Generated(new TheoryGraph(kinds, m), aut));
            }
            return;
        }
        loops(i, 0, new int[fields]);
    }

    /** Chooses the number of loops of each field at vertex i, then the lines to later vertices. */
    private void loops(int i, int f, int[] rest) {
        if (f == fields) {
            code[i][i] = encode(m[i][i]);
            lines(i, i + 1, rest);
            return;
        }
        int d = deficit[i][f];
        for (int l = d / 2; l >= 0; l--) {
            m[i][i][f] = l;
            rest[f] = d - 2 * l;
            loops(i, f + 1, rest);
        }
        m[i][i][f] = 0;
    }

    /** Distributes {@code rest} (legs of vertex i per field) over positions j.. . */
    private void lines(int i, int j, int[] rest) {
        if (j == n) {
            for (int r : rest) {
                if (r != 0) {
                    return;
                }
            }
            int[] saved = deficit[i];
            deficit[i] = new int[fields];
            if (prefixMayBeMaximal(i)) {
                row(i + 1);
            }
            deficit[i] = saved;
            return;
        }
        // capacity of the positions after j must cover what is left
        for (int f = 0; f < fields; f++) {
            int cap = 0;
            for (int k = j; k < n; k++) {
                cap += deficit[k][f];
            }
            if (cap < rest[f]) {
                return;
            }
        }
        boolean alike = j > i + 1 && sameSoFar(j - 1, j, i);
        int bound = alike ? code[i][j - 1] : Integer.MAX_VALUE;
        entry(i, j, 0, rest, bound, new int[fields]);
    }

    /** Chooses m[i][j][f..] with the vector's code at most {@code bound}. */
    private void entry(int i, int j, int f, int[] rest, int bound, int[] vec) {
        if (f == fields) {
            int c = encode(vec);
            if (c > bound) {
                return;
            }
            for (int g = 0; g < fields; g++) {
                m[i][j][g] = vec[g];
                m[j][i][g] = vec[g];
                deficit[j][g] -= vec[g];
                rest[g] -= vec[g];
            }
            code[i][j] = c;
            code[j][i] = c;
            lines(i, j + 1, rest);
            for (int g = 0; g < fields; g++) {
                deficit[j][g] += vec[g];
                rest[g] += vec[g];
                m[i][j][g] = 0;
                m[j][i][g] = 0;
            }
            code[i][j] = 0;
            code[j][i] = 0;
            return;
        }
        int max = Math.min(rest[f], deficit[j][f]);
        for (int x = max; x >= 0; x--) {
            vec[f] = x;
            entry(i, j, f + 1, rest, bound, vec);
        }
        vec[f] = 0;
    }

    /** Whether positions a and b hold the same kind and have equal entries in rows 0..i-1. */
    private boolean sameSoFar(int a, int b, int i) {
        if (!kinds.get(a).equals(kinds.get(b))) {
            return false;
        }
        for (int r = 0; r < i; r++) {
            if (code[r][a] != code[r][b]) {
                return false;
            }
        }
        return true;
    }

    /** Connectivity and canonicity of the rows 0..i. */
    private boolean prefixMayBeMaximal(int i) {
        if (i < n - 1 && closedComponent(i)) {
            return false;
        }
        if (i == n - 1) {
            return true;
        }
        return CanonicalSearch.test(code, cells, i) >= 0;
    }

    /** Whether some component made of finished vertices 0..i has no line to an unfinished vertex. */
    private boolean closedComponent(int i) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        for (int u = 0; u <= i; u++) {
            for (int v = u + 1; v < n; v++) {
                if (code[u][v] != 0) {
                    parent[find(parent, u)] = find(parent, v);
                }
            }
        }
        boolean[] open = new boolean[n];
        for (int v = i + 1; v < n; v++) {
            open[find(parent, v)] = true;
        }
        for (int v = 0; v <= i; v++) {
            if (!open[find(parent, v)]) {
                return true;
            }
        }
        return false;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private int encode(int[] vec) {
        int c = 0;
        for (int x : vec) {
            if (x >= CanonicalSearch.BASE) {
                throw new IllegalArgumentException("more than " + (CanonicalSearch.BASE - 1) + " parallel lines");
            }
            c = c * CanonicalSearch.BASE + x;
        }
        return c;
    }
}
