package org.feynet.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphMapping;
import org.jgrapht.alg.connectivity.BiconnectivityInspector;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.isomorphism.VF2GraphIsomorphismInspector;
import org.jgrapht.graph.SimpleGraph;

/**
 * The simple skeleton of a {@link ColouredMultigraph} as a JGraphT graph: one node per vertex, one edge per pair
 * of distinct adjacent vertices; loops and multiplicities stay in the multigraph and are read through the
 * comparators. JGraphT's VF2 refuses graph types that allow parallel edges (STACK-NOTES 3.1), which is why the
 * multiplicities are not edges here.
 */
final class Skeleton<C extends Comparable<? super C>> {

    /** The edge joining u < v. */
    record Edge(int u, int v) {}

    private final ColouredMultigraph<C> multigraph;
    private final Graph<Integer, Edge> graph = new SimpleGraph<>(null, null, false);

    private Skeleton(ColouredMultigraph<C> multigraph) {
        this.multigraph = multigraph;
        for (int v = 0; v < multigraph.size(); v++) {
            graph.addVertex(v);
        }
        for (int u = 0; u < multigraph.size(); u++) {
            for (int v = u + 1; v < multigraph.size(); v++) {
                if (multigraph.multiplicity(u, v) > 0) {
                    graph.addEdge(u, v, new Edge(u, v));
                }
            }
        }
    }

    static <C extends Comparable<? super C>> Skeleton<C> of(ColouredMultigraph<C> multigraph) {
        return new Skeleton<>(multigraph);
    }

    /** Connected components by breadth-first search, sorted. */
    List<List<Integer>> components() {
        List<List<Integer>> out = new ArrayList<>();
        for (Set<Integer> c : new ConnectivityInspector<>(graph).connectedSets()) {
            out.add(c.stream().sorted().toList());
        }
        out.sort(Comparator.comparing(c -> c.get(0)));
        return out;
    }

    /** Skeleton bridges (Hopcroft–Tarjan) that stand for a single line, sorted. */
    List<int[]> bridges() {
        List<int[]> out = new ArrayList<>();
        for (Edge e : new BiconnectivityInspector<>(graph).getBridges()) {
            if (multigraph.multiplicity(e.u(), e.v()) == 1) {
                out.add(new int[] {e.u(), e.v()});
            }
        }
        out.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        return out;
    }

    /** The number of VF2 self-maps that preserve (colour, loops) on vertices and multiplicities on edges. */
    long automorphisms() {
        if (multigraph.size() == 0) {
            return 1;
        }
        Comparator<Integer> byColourAndLoops = Comparator.<Integer, C>comparing(multigraph::colour)
                .thenComparing(multigraph::compareLoops);
        Comparator<Edge> byMultiplicities = (a, b) -> multigraph.compareLines(a.u(), a.v(), b.u(), b.v());
        Iterator<GraphMapping<Integer, Edge>> it =
                new VF2GraphIsomorphismInspector<>(graph, graph, byColourAndLoops, byMultiplicities).getMappings();
        long count = 0;
        while (it.hasNext()) {
            it.next();
            count++;
        }
        return count;
    }
}
