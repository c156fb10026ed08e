package org.feynet.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jgrapht.alg.util.UnionFind;

/**
 * An undirected multigraph with coloured vertices and coloured lines, self-loops allowed: the common graph of
 * metric diagrams (vertices and blobs) and of Wick graphs of field theories (interaction vertices and external
 * points). Vertices are {@code 0..n-1}, each with a colour; every unordered pair {@code {u, v}} ({@code u = v}
 * for loops) holds a number of lines of each line colour {@code f = 0..fields-1} (the field of a propagator).
 * Immutable; equal graphs (same colours in the same order, same multiplicities) are equal objects.
 *
 * <p><b>Symmetry factor.</b> {@code |Aut|} counts the permutations of vertices and of half-edges that map the
 * graph to itself, vertex and line colours preserved. It factors as "skeleton times multiplicities"
 * (STACK-NOTES 3.3):
 * <pre>  |Aut| = |Aut_V| * prod_{u<v, f} m_uvf! * prod_{v, f} l_vf! 2^l_vf, </pre>
 * where {@code |Aut_V|} counts the vertex permutations that preserve colours, loop counts and every
 * multiplicity vector, the {@code m!} permute parallel lines and the {@code l! 2^l} permute the loops at a
 * vertex and flip each one. {@code |Aut_V|} is counted by VF2 (Cordella, Foggia, Sansone, Vento, IEEE TPAMI 26
 * (2004) 1367) on the simple skeleton, one edge per adjacent pair, with a vertex comparator on (colour, loop
 * vector) and an edge comparator on the multiplicity vector; a caller that knows {@code |Aut_V|} already (an
 * orderly generator learns it from its canonicity test) passes it to {@link #symmetryFactor(long)}.
 *
 * <p><b>Connectivity.</b> Components by JGraphT's {@code ConnectivityInspector} (breadth-first search), bridges
 * by its {@code BiconnectivityInspector} (Hopcroft–Tarjan) on the skeleton, keeping the pairs joined by a
 * single line, and the two sides of a removed line by union–find.
 *
 * <p><b>Complexity.</b> Storage {@code n^2 * fields} ints. Components and bridges {@code O(n^2)} (building the
 * skeleton); VF2 visits every automorphism, {@code O(|Aut_V| n^2)} in practice, exponential in the worst case.
 *
 * @param <C> the vertex colour; vertices may be mapped onto each other only when their colours compare equal
 */
public final class ColouredMultigraph<C extends Comparable<? super C>> {

    private final List<C> colours;
    private final int fields;
    /** Lines of field f between u and v at {@code (u * n + v) * fields + f}; symmetric in u and v. */
    private final int[] lines;

    private ColouredMultigraph(List<C> colours, int fields, int[] lines) {
        this.colours = colours;
        this.fields = fields;
        this.lines = lines;
    }

    /**
     * The graph with the given vertex colours and multiplicities.
     *
     * @param colours      the colour of every vertex
     * @param fields       the number of line colours
     * @param multiplicity {@code [u][v][f]}: lines of colour f between u and v, loops on the diagonal; must be
     *                     symmetric in u and v
     * @throws IllegalArgumentException if the matrix is not n x n x fields, not symmetric, or negative
     */
    public static <C extends Comparable<? super C>> ColouredMultigraph<C> of(List<C> colours, int fields,
            int[][][] multiplicity) {
        int n = colours.size();
        requireFields(fields);
        if (multiplicity.length != n) {
            throw new IllegalArgumentException("multigraph: " + n + " colours but " + multiplicity.length + " rows");
        }
        int[] flat = new int[n * n * fields];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                for (int f = 0; f < fields; f++) {
                    int m = multiplicity[u][v][f];
                    if (m < 0 || m != multiplicity[v][u][f]) {
                        throw new IllegalArgumentException("multigraph: expected symmetric non-negative "
                                + "multiplicities, got " + m + " lines " + u + "-" + v + " of field " + f);
                    }
                    flat[(u * n + v) * fields + f] = m;
                }
            }
        }
        return new ColouredMultigraph<>(List.copyOf(colours), fields, flat);
    }

    /** A builder for a graph with {@code fields} line colours. */
    public static <C extends Comparable<? super C>> Builder<C> builder(int fields) {
        return new Builder<>(fields);
    }

    /** Adds vertices and lines one at a time; {@link #build()} freezes them. */
    public static final class Builder<C extends Comparable<? super C>> {
        private final int fields;
        private final List<C> colours = new ArrayList<>();
        private final List<int[]> additions = new ArrayList<>();

        private Builder(int fields) {
            this.fields = requireFields(fields);
        }

        /** Adds a vertex and returns its number. */
        public int addVertex(C colour) {
            colours.add(colour);
            return colours.size() - 1;
        }

        /** Adds {@code count} lines of colour {@code field} between u and v (loops when u == v). */
        public Builder<C> addLines(int u, int v, int field, int count) {
            if (u < 0 || v < 0 || u >= colours.size() || v >= colours.size() || field < 0 || field >= fields
                    || count < 0) {
                throw new IllegalArgumentException("multigraph: cannot add " + count + " lines " + u + "-" + v
                        + " of field " + field + " to " + colours.size() + " vertices and " + fields + " fields");
            }
            additions.add(new int[] {u, v, field, count});
            return this;
        }

        public ColouredMultigraph<C> build() {
            int n = colours.size();
            int[] flat = new int[n * n * fields];
            for (int[] a : additions) {
                flat[(a[0] * n + a[1]) * fields + a[2]] += a[3];
                if (a[0] != a[1]) {
                    flat[(a[1] * n + a[0]) * fields + a[2]] += a[3];
                }
            }
            return new ColouredMultigraph<>(List.copyOf(colours), fields, flat);
        }
    }

    /** The number of vertices. */
    public int size() {
        return colours.size();
    }

    /** The number of line colours. */
    public int fields() {
        return fields;
    }

    /** The vertex colours, by vertex. */
    public List<C> colours() {
        return colours;
    }

    public C colour(int v) {
        return colours.get(v);
    }

    /** Lines of colour {@code field} between u and v; loops at u when {@code u == v}. */
    public int multiplicity(int u, int v, int field) {
        return lines[(u * size() + v) * fields + field];
    }

    /** Lines of every colour between u and v; loops at u when {@code u == v}. */
    public int multiplicity(int u, int v) {
        int s = 0;
        int at = (u * size() + v) * fields;
        for (int f = 0; f < fields; f++) {
            s += lines[at + f];
        }
        return s;
    }

    /** The number of lines, loops included. */
    public int lineCount() {
        int e = 0;
        for (int u = 0; u < size(); u++) {
            for (int v = u; v < size(); v++) {
                e += multiplicity(u, v);
            }
        }
        return e;
    }

    /** The connected components, each in increasing order, ordered by their smallest vertex. */
    public List<List<Integer>> components() {
        return Skeleton.of(this).components();
    }

    /** Whether the graph has exactly one component (false for the empty graph). */
    public boolean connected() {
        return components().size() == 1;
    }

    /**
     * The bridges: the pairs {@code {u, v}}, {@code u < v}, joined by exactly one line whose removal disconnects
     * its component; in increasing order of (u, v).
     */
    public List<int[]> bridges() {
        return Skeleton.of(this).bridges();
    }

    /** Whether the single line between u and v ({@code u != v}) is a bridge. */
    public boolean isBridge(int u, int v) {
        return u != v && multiplicity(u, v) == 1 && !sideOf(u, v)[v];
    }

    /**
     * The vertices still joined to u after one line between u and v is removed (all of u's component when u
     * and v stay joined).
     */
    public boolean[] sideOf(int u, int v) {
        UnionFind<Integer> sets = new UnionFind<>(IntStream.range(0, size()).boxed().collect(Collectors.toSet()));
        for (int x = 0; x < size(); x++) {
            for (int y = x + 1; y < size(); y++) {
                int m = multiplicity(x, y) - ((x == u && y == v) || (x == v && y == u) ? 1 : 0);
                if (m > 0) {
                    sets.union(x, y);
                }
            }
        }
        boolean[] side = new boolean[size()];
        for (int x = 0; x < size(); x++) {
            side[x] = sets.inSameSet(x, u);
        }
        return side;
    }

    /** Whether removing the single line between u and v ({@code u != v}) puts a and b on different sides. */
    public boolean separates(int u, int v, int a, int b) {
        if (u == v || multiplicity(u, v) != 1) {
            return false;
        }
        boolean[] side = sideOf(u, v);
        return !side[v] && side[a] != side[b];
    }

    /**
     * {@code |Aut_V|}: the vertex permutations that preserve colours, loops and every multiplicity vector, by
     * VF2 on the skeleton.
     */
    public long skeletonAutomorphisms() {
        return Skeleton.of(this).automorphisms();
    }

    /** {@code prod_{u<v,f} m_uvf! * prod_{v,f} l_vf! 2^l_vf}: the half-edge permutations of parallel lines and loops. */
    public BigInteger multiplicityFactor() {
        BigInteger s = BigInteger.ONE;
        for (int u = 0; u < size(); u++) {
            for (int f = 0; f < fields; f++) {
                int l = multiplicity(u, u, f);
                if (l > 0) {
                    s = s.multiply(Combinatorics.factorial(l)).shiftLeft(l);
                }
                for (int v = u + 1; v < size(); v++) {
                    int m = multiplicity(u, v, f);
                    if (m > 1) {
                        s = s.multiply(Combinatorics.factorial(m));
                    }
                }
            }
        }
        return s;
    }

    /** {@code |Aut| = |Aut_V| * multiplicityFactor()}, with {@code |Aut_V|} counted by VF2. */
    public BigInteger symmetryFactor() {
        return symmetryFactor(skeletonAutomorphisms());
    }

    /** {@code |Aut|} from an {@code |Aut_V|} computed elsewhere (it is not checked). */
    public BigInteger symmetryFactor(long vertexAutomorphisms) {
        if (vertexAutomorphisms < 1) {
            throw new IllegalArgumentException("symmetryFactor: expected |Aut_V| >= 1, got " + vertexAutomorphisms);
        }
        return BigInteger.valueOf(vertexAutomorphisms).multiply(multiplicityFactor());
    }

    private static int requireFields(int fields) {
        if (fields < 0) {
            throw new IllegalArgumentException("multigraph: expected a number of line colours >= 0, got " + fields);
        }
        return fields;
    }

    /** Compares the loop vectors of u and v, field by field. */
    int compareLoops(int u, int v) {
        return compareLines(u, u, v, v);
    }

    /** Compares the multiplicity vectors of the pairs {a, b} and {c, d}, field by field. */
    int compareLines(int a, int b, int c, int d) {
        for (int f = 0; f < fields; f++) {
            int cmp = Integer.compare(multiplicity(a, b, f), multiplicity(c, d, f));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColouredMultigraph<?> g && g.fields == fields && g.colours.equals(colours)
                && Arrays.equals(g.lines, lines);
    }

    @Override
    public int hashCode() {
        return 31 * colours.hashCode() + Arrays.hashCode(lines);
    }

    /** The colours, then every non-empty pair as {@code u-v:m0,m1,...} ({@code u-u} for loops). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(colours.toString());
        for (int u = 0; u < size(); u++) {
            for (int v = u; v < size(); v++) {
                if (multiplicity(u, v) > 0) {
                    s.append(' ').append(u).append('-').append(v).append(':');
                    for (int f = 0; f < fields; f++) {
                        s.append(f == 0 ? "" : ",").append(multiplicity(u, v, f));
                    }
                }
            }
        }
        return s.toString();
    }
}
