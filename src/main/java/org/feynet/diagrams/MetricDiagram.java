package org.feynet.diagrams;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.feynet.core.ColouredMultigraph;
import org.feynet.core.Fractions;
import org.hipparchus.fraction.BigFraction;

/**
 * One term of the 1/n expansion of a joint cumulant of the next layer's metric: an isomorphism
 * class of vertex–blob configurations (docs/METHOD.md).
 *
 * <p>The diagram contributes to the coefficient of {@code n^-q} in
 * {@code kappa_m(Ghat'_{alpha_1}, ..., Ghat'_{alpha_m})}, with
 * <pre>  q = sum_vertices (s_v - 1) + sum_blobs t_b, </pre>
 * the value {@code weight * prod_v D^{r_v} c_{s_v} . prod_b (blob tensor)} with the derivative
 * legs contracted along the attachments (the derivative and Price factors are applied
 * downstream). The weight is {@code 1/|Aut|}, where {@code |Aut|} counts the permutations of
 * derivative legs within vertices that fix the configuration; it equals the number of labelled
 * configurations in the class divided by {@code prod_v r_v!}, which {@link MetricDiagramEnumerator}
 * checks.
 *
 * <p><b>Symmetry factor.</b> The vertex–blob graph is a {@link ColouredMultigraph}: vertices
 * coloured uniquely by their external-leg sets (so they are fixed), blobs by their type
 * {@code (r, t)}, one line per derivative leg from its vertex to its blob. Its {@code |Aut|},
 * skeleton automorphisms (permutations of blobs of equal type with equal attachment multisets, by
 * VF2) times {@code prod_attachments multiplicity!} (the legs a vertex sends into one blob can be
 * permuted freely), is the diagram's.
 *
 * <p>Instances are immutable and canonical: vertices are ordered by smallest external label,
 * blobs by {@code (r, t, attachments)}, so isomorphic inputs give equal diagrams. Diagrams are
 * totally ordered (number of vertices, their legs, derivative legs, blobs).
 */
public final class MetricDiagram implements Diagram, Comparable<MetricDiagram> {

    private final CanonicalForm form;
    private final int order;
    private final BigInteger symmetryFactor;
    private final BigFraction weight;
    private final ColouredMultigraph<String> multigraph;

    private MetricDiagram(CanonicalForm form) {
        this.form = form;
        this.order = form.vertices().stream().mapToInt(v -> v.cumulantOrder() - 1).sum()
                + form.blobs().stream().mapToInt(Blob::order).sum();
        this.multigraph = buildMultigraph(form);
        this.symmetryFactor = multigraph.symmetryFactor();
        this.weight = new BigFraction(BigInteger.ONE, symmetryFactor);
    }

    /**
     * Builds the canonical diagram of a configuration. Ids need only be unique among vertices and
     * among blobs; they are renumbered.
     *
     * @throws IllegalArgumentException if the configuration is not a valid diagram (see
     *     {@link Vertex}, {@link Blob}: external legs must be exactly 1..m, multiplicities must add
     *     up to each vertex's r and each blob's size, the graph must be connected)
     */
    public static MetricDiagram of(List<Vertex> vertices, List<Blob> blobs, List<Attachment> attachments) {
        return new MetricDiagram(CanonicalForm.of(vertices, blobs, attachments));
    }

    static MetricDiagram of(CanonicalForm form) {
        return new MetricDiagram(form);
    }

    CanonicalForm form() {
        return form;
    }

    /** {@code m}, the number of external legs (the order of the cumulant). */
    public int externalLegs() {
        return form.vertices().stream().mapToInt(Vertex::cumulantOrder).sum();
    }

    /** {@code q}: the diagram is of order {@code n^-q}. */
    public int order() {
        return order;
    }

    /** The vertices, ids 0..k-1, ordered by smallest external label. */
    public List<Vertex> vertices() {
        return form.vertices();
    }

    /** The blobs, ids 0..b-1, ordered by {@code (r, t, attachments)}. */
    public List<Blob> blobs() {
        return form.blobs();
    }

    /** The attachments, ordered by (vertex, blob). */
    public List<Attachment> attachments() {
        return form.attachments();
    }

    /** {@code |Aut|}. */
    public BigInteger symmetryFactor() {
        return symmetryFactor;
    }

    /** {@code 1/|Aut|}. */
    public BigFraction weight() {
        return weight;
    }

    /**
     * The vertex–blob multigraph: nodes {@code 0..k-1} are the vertices (coloured {@code V[legs]}),
     * nodes {@code k..k+b-1} the blobs (coloured {@code B<r>,<t>}), one line per derivative leg.
     */
    public ColouredMultigraph<String> multigraph() {
        return multigraph;
    }

    /**
     * A generated code: vertices as {@code V(legs)}, then after {@code |} the blobs as
     * {@code tensor[vertex numbers, repeated by multiplicity]}, vertices numbered from 1. Examples:
     * {@code V(1)}, {@code V(1) | V4[1,1]}, {@code V(1) V(2) | V4[1,2]}, {@code V(1,2)}.
     */
    public String code() {
        String vs = vertices().stream()
                .map(v -> "V(" + v.externalLegs().stream().map(String::valueOf).collect(Collectors.joining(","))
                        + ")")
                .collect(Collectors.joining(" "));
        if (blobs().isEmpty()) {
            return vs;
        }
        StringBuilder sb = new StringBuilder(vs).append(" |");
        for (Blob b : blobs()) {
            sb.append(' ').append(b.tensor()).append('[');
            boolean first = true;
            for (Attachment a : attachments()) {
                if (a.blob() != b.id()) {
                    continue;
                }
                for (int i = 0; i < a.multiplicity(); i++) {
                    sb.append(first ? "" : ",").append(a.vertex() + 1);
                    first = false;
                }
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /**
     * A short name: {@code "single-neuron"} (one vertex, no derivative legs), {@code "tadpole"}
     * (one vertex, two legs into one V4), {@code "one-loop"} (two vertices joined by one V4),
     * {@code "propagated-K<t>"} (one vertex, one leg into K_t); otherwise {@link #code()}.
     */
    public String name() {
        List<Vertex> vs = vertices();
        List<Blob> bs = blobs();
        if (vs.size() == 1 && bs.isEmpty()) {
            return "single-neuron";
        }
        if (bs.size() == 1 && bs.get(0).size() == 2 && bs.get(0).order() == 1 && vs.size() <= 2) {
            return vs.size() == 1 ? "tadpole" : "one-loop";
        }
        if (vs.size() == 1 && bs.size() == 1 && bs.get(0).size() == 1) {
            return "propagated-" + bs.get(0).tensor();
        }
        return code();
    }

    /** "weight w, |Aut| = s". */
    @Override
    public String caption() {
        return "weight " + Fractions.text(weight) + ", |Aut| = " + symmetryFactor;
    }

    @Override
    public String latexCaption() {
        return "weight $" + Fractions.text(weight) + "$, $|\\mathrm{Aut}| = " + symmetryFactor + "$";
    }

    @Override
    public String svg() {
        return new DiagramDrawing(this).svg();
    }

    @Override
    public String tikz() {
        return new DiagramDrawing(this).tikz();
    }

    @Override
    public int compareTo(MetricDiagram o) {
        return CanonicalForm.ORDER.compare(form, o.form);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricDiagram d && form.equals(d.form);
    }

    @Override
    public int hashCode() {
        return form.hashCode();
    }

    /** {@code code  (weight w, n^-q)}. */
    @Override
    public String toString() {
        return code() + "  (weight " + Fractions.text(weight) + ", n^-" + order + ")";
    }

    private static ColouredMultigraph<String> buildMultigraph(CanonicalForm form) {
        ColouredMultigraph.Builder<String> g = ColouredMultigraph.builder(1);
        form.vertices().forEach(v -> g.addVertex(colour(v)));
        form.blobs().forEach(b -> g.addVertex(colour(b)));
        int k = form.vertices().size();
        for (Attachment a : form.attachments()) {
            g.addLines(a.vertex(), k + a.blob(), 0, a.multiplicity());
        }
        return g.build();
    }

    /** A vertex's colour is its external-leg set (unique), a blob's its type {@code (r, t)}. */
    static String colour(DiagramNode node) {
        if (node instanceof Vertex v) {
            return "V" + v.externalLegs();
        }
        Blob b = (Blob) node;
        return "B" + b.size() + "," + b.order();
    }
}
