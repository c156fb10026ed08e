package org.feynet.diagrams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.GraphMapping;
import org.jgrapht.alg.isomorphism.VF2GraphIsomorphismInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The subdivided coloured graph of a configuration ("approach A" of STACK-NOTES 3.2), used as an
 * independent reference for isomorphism and for the symmetry factor.
 *
 * <p><b>Construction.</b> One node per vertex, coloured by its external-leg set (unique, so
 * vertices are fixed); one node per blob, coloured by {@code (r, t)}; one node coloured
 * {@code "E"} per derivative leg, joined to its vertex and its blob. The graph is simple (VF2 in
 * JGraphT refuses multigraph types), and permutations of parallel legs become permutations of
 * {@code E} nodes.
 *
 * <p><b>Method.</b> VF2 (Cordella et al., IEEE TPAMI 26 (2004) 1367) with a colour comparator.
 * {@link #isomorphicTo} is diagram isomorphism; {@link #automorphismCount} is {@code |Aut|}
 * directly, with no extra factorials.
 *
 * <p><b>Complexity.</b> {@code N = k + b + R} nodes. Isomorphism: polynomial in practice for
 * these graphs. Automorphism counting enumerates all {@code |Aut|} maps, {@code O(|Aut| N^2)}:
 * use {@link MetricDiagram#symmetryFactor()} to count, this class to check.
 */
final class SubdividedGraph {

    /** A node of the subdivided graph. */
    record Node(int id, String colour) {
    }

    private final Graph<Node, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);

    SubdividedGraph(MetricDiagram d) {
        List<Node> vs = new ArrayList<>();
        for (Vertex v : d.vertices()) {
            vs.add(add(MetricDiagram.colour(v)));
        }
        List<Node> bs = new ArrayList<>();
        for (Blob b : d.blobs()) {
            bs.add(add(MetricDiagram.colour(b)));
        }
        for (Attachment a : d.attachments()) {
            for (int i = 0; i < a.multiplicity(); i++) {
                leg(vs.get(a.vertex()), bs.get(a.blob()));
            }
        }
    }

    SubdividedGraph(LabelledConfiguration c) {
        List<Node> vs = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (Vertex v : c.vertices()) {
            vs.add(add(MetricDiagram.colour(v)));
            ids.add(v.id());
        }
        List<Node> bs = new ArrayList<>();
        for (Blob b : c.blobs()) {
            bs.add(add(MetricDiagram.colour(b)));
        }
        for (int i = 0; i < c.legVertex().size(); i++) {
            leg(vs.get(ids.indexOf(c.legVertex().get(i))), bs.get(c.legBlob().get(i)));
        }
    }

    private Node add(String colour) {
        Node n = new Node(graph.vertexSet().size(), colour);
        graph.addVertex(n);
        return n;
    }

    private void leg(Node vertex, Node blob) {
        Node e = add("E");
        graph.addEdge(vertex, e);
        graph.addEdge(e, blob);
    }

    private VF2GraphIsomorphismInspector<Node, DefaultEdge> inspector(SubdividedGraph other) {
        return new VF2GraphIsomorphismInspector<>(graph, other.graph, Comparator.comparing(Node::colour), null);
    }

    /** Whether the two configurations are isomorphic (external labels respected). */
    boolean isomorphicTo(SubdividedGraph other) {
        return inspector(other).isomorphismExists();
    }

    /** {@code |Aut|}, by enumerating every colour-preserving self-map. */
    long automorphismCount() {
        Iterator<GraphMapping<Node, DefaultEdge>> it = inspector(this).getMappings();
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }
}
