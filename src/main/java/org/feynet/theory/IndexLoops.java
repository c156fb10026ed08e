package org.feynet.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.feynet.core.Combinatorics;
import org.hipparchus.fraction.BigFraction;

/**
 * The O(N) index factor of a diagram. Every vector-field leg carries an index; a propagator is delta_ij; an
 * interaction vertex with 2p legs of a vector field carries the symmetric tensor sum over the (2p-1)!!
 * pairings of its legs into deltas (its weight 2^p p! sits in the vertex factor). The factor is therefore
 * sum over one pairing per vertex of N^(closed index loops), times, for every open index line (one running
 * from an external leg to another), delta of the two external components.
 *
 * <p><b>Complexity.</b> prod_v (2p_v - 1)!! pairing choices (3^V for quartic vertices), each O(legs).
 */
final class IndexLoops {

    private IndexLoops() {}

    /**
     * @param graph   the diagram
     * @param vector  which fields carry an O(N) index
     * @param sizes   per field: the fixed number of components, or 0 for the symbol N
     * @param couplings number of couplings (for the polynomial's shape)
     */
    static Polynomial factor(TheoryGraph graph, boolean[] vector, int[] sizes, int couplings) {
        Polynomial result = Polynomial.constant(couplings, BigFraction.ONE);
        for (int f = 0; f < vector.length; f++) {
            if (vector[f]) {
                result = result.times(field(graph, f, sizes[f], couplings), Integer.MAX_VALUE);
            }
        }
        return result;
    }

    private static Polynomial field(TheoryGraph graph, int f, int size, int couplings) {
        int n = graph.size();
        int[] first = new int[n + 1];
        for (int v = 0; v < n; v++) {
            first[v + 1] = first[v] + graph.kind(v).legs(f);
        }
        int legs = first[n];
        int[] partner = new int[legs];
        int[] next = first.clone();
        for (int u = 0; u < n; u++) {
            for (int l = 0; l < graph.loops(u, f); l++) {
                int a = next[u]++;
                int b = next[u]++;
                partner[a] = b;
                partner[b] = a;
            }
            for (int v = u + 1; v < n; v++) {
                for (int l = 0; l < graph.lines(u, v, f); l++) {
                    int a = next[u]++;
                    int b = next[v]++;
                    partner[a] = b;
                    partner[b] = a;
                }
            }
        }
        List<int[][]> choices = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            int k = graph.kind(v).legs(f);
            if (!graph.kind(v).external() && k > 0) {
                choices.add(pairings(first[v], k));
            } else {
                choices.add(null);
            }
        }
        int[] external = new int[legs];
        java.util.Arrays.fill(external, -1);
        for (int v = 0; v < n; v++) {
            if (graph.kind(v).external() && graph.kind(v).legs(f) > 0) {
                external[first[v]] = graph.kind(v).component();
            }
        }
        int[] pair = new int[legs];
        java.util.Arrays.fill(pair, -1);
        long[] byLoops = new long[legs + 1];
        enumerate(0, choices, pair, partner, external, byLoops);
        Polynomial p = Polynomial.zero(couplings);
        for (int loops = 0; loops <= legs; loops++) {
            if (byLoops[loops] == 0) {
                continue;
            }
            BigFraction count = new BigFraction(byLoops[loops], 1);
            if (size == 0) {
                p = p.plus(Polynomial.of(count, new Monomial(new int[couplings], loops)));
            } else {
                p = p.plus(Polynomial.constant(couplings,
                        count.multiply(new BigFraction(BigInteger.valueOf(size).pow(loops), BigInteger.ONE))));
            }
        }
        return p;
    }

    private static void enumerate(int v, List<int[][]> choices, int[] pair, int[] partner, int[] external,
            long[] byLoops) {
        if (v == choices.size()) {
            int loops = trace(pair, partner, external);
            if (loops >= 0) {
                byLoops[loops]++;
            }
            return;
        }
        int[][] options = choices.get(v);
        if (options == null) {
            enumerate(v + 1, choices, pair, partner, external, byLoops);
            return;
        }
        for (int[] option : options) {
            for (int k = 0; k < option.length; k += 2) {
                pair[option[k]] = option[k + 1];
                pair[option[k + 1]] = option[k];
            }
            enumerate(v + 1, choices, pair, partner, external, byLoops);
        }
    }

    /**
     * Closed loops of the union of the line pairing {@code partner} and the vertex pairing {@code pair}
     * (external half-edges are unpaired there), or -1 when an open line joins different components.
     */
    private static int trace(int[] pair, int[] partner, int[] external) {
        int legs = pair.length;
        boolean[] seen = new boolean[legs];
        for (int h = 0; h < legs; h++) {
            if (external[h] < 0 || seen[h]) {
                continue;
            }
            seen[h] = true;
            int y = partner[h];
            while (external[y] < 0) {
                seen[y] = true;
                int x = pair[y];
                seen[x] = true;
                y = partner[x];
            }
            seen[y] = true;
            if (external[y] != external[h]) {
                return -1;
            }
        }
        int loops = 0;
        for (int h = 0; h < legs; h++) {
            if (seen[h]) {
                continue;
            }
            loops++;
            int x = h;
            while (!seen[x]) {
                seen[x] = true;
                int y = partner[x];
                seen[y] = true;
                x = pair[y];
            }
        }
        return loops;
    }

    /** All perfect matchings of the k legs first .. first+k-1, each as a flat list of pairs. */
    static int[][] pairings(int first, int k) {
        List<int[]> out = new ArrayList<>();
        for (int[] partner : Combinatorics.perfectMatchings(k)) {
            int[] pairs = new int[k];
            int filled = 0;
            for (int i = 0; i < k; i++) {
                if (i < partner[i]) {
                    pairs[filled++] = first + i;
                    pairs[filled++] = first + partner[i];
                }
            }
            out.add(pairs);
        }
        return out.toArray(new int[0][]);
    }
}
