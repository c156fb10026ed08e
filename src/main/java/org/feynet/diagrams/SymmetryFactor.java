package org.feynet.diagrams;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Iterator;
import org.feynet.core.Combinatorics;
import org.jgrapht.Graph;
import org.jgrapht.GraphMapping;
import org.jgrapht.alg.isomorphism.VF2GraphIsomorphismInspector;

/**
 * The symmetry factor {@code |Aut|} of a metric diagram: the number of permutations of derivative
 * legs, each within its own vertex, that map the configuration to itself. The diagram's weight is
 * {@code 1/|Aut|}.
 *
 * <p><b>Method</b> (skeleton times multiplicities, "approach B"). On the simple vertex–blob graph
 * with edge weights = multiplicities, vertices are coloured uniquely by their external-leg sets
 * (so they are fixed) and blobs by their type {@code (r, t)}. VF2 (Cordella, Foggia, Sansone,
 * Vento, IEEE TPAMI 26 (2004) 1367) enumerates the colour- and weight-preserving self-maps,
 * {@code |Aut_skel|}; these are exactly the permutations of blobs of equal type with equal
 * attachment multisets. Then
 * <pre>  |Aut| = |Aut_skel| * prod_{attachments} multiplicity! </pre>
 * since the legs a vertex sends into one blob can be permuted freely.
 *
 * <p><b>Complexity.</b> VF2 visits every automorphism: {@code O(|Aut_skel| * N^2)} for
 * {@code N} nodes in practice (worst case exponential in {@code N}), plus {@code O(E)}
 * factorials. For the diagrams met at low order, microseconds.
 */
public final class SymmetryFactor {

    private final Graph<DiagramNode, Attachment> skeleton;
    private BigInteger value;
    private long skeletonAutomorphisms = -1;

    /**
     * @param skeleton a vertex–blob graph as produced by {@link MetricDiagram#graph()}; edge
     *     multiplicities are read from the {@link Attachment} objects, not from the graph's weights
     */
    public SymmetryFactor(Graph<DiagramNode, Attachment> skeleton) {
        this.skeleton = skeleton;
    }

    /** Convenience for {@code new SymmetryFactor(diagram.graph())}. */
    public SymmetryFactor(MetricDiagram diagram) {
        this(diagram.graph());
    }

    /** The number of colour- and multiplicity-preserving self-maps of the skeleton (blob swaps). */
    public long skeletonAutomorphisms() {
        if (skeletonAutomorphisms < 0) {
            Comparator<DiagramNode> byColour = Comparator.comparing(SymmetryFactor::colour);
            Comparator<Attachment> byMultiplicity = Comparator.comparingInt(Attachment::multiplicity);
            VF2GraphIsomorphismInspector<DiagramNode, Attachment> vf2 =
                    new VF2GraphIsomorphismInspector<>(skeleton, skeleton, byColour, byMultiplicity);
            Iterator<GraphMapping<DiagramNode, Attachment>> it = vf2.getMappings();
            long count = 0;
            while (it.hasNext()) {
                it.next();
                count++;
            }
            skeletonAutomorphisms = count;
        }
        return skeletonAutomorphisms;
    }

    /** {@code |Aut| = |Aut_skel| * prod multiplicity!}. */
    public BigInteger value() {
        if (value == null) {
            BigInteger v = BigInteger.valueOf(skeletonAutomorphisms());
            for (Attachment a : skeleton.edgeSet()) {
                v = v.multiply(Combinatorics.factorial(a.multiplicity()));
            }
            value = v;
        }
        return value;
    }

    static String colour(DiagramNode node) {
        if (node instanceof Vertex v) {
            return "V" + v.externalLegs();
        }
        Blob b = (Blob) node;
        return "B" + b.size() + "," + b.order();
    }
}
