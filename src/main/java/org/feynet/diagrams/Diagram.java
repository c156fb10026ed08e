package org.feynet.diagrams;

import org.hipparchus.fraction.BigFraction;

/**
 * A diagram of a recursion, as the stages after enumeration use it: to name it in listings, weigh it, and draw it.
 * Metric diagrams ({@link MetricDiagram}) come from their enumerator; other statistics bring their own kinds.
 */
public interface Diagram {

    /** A short name: "tadpole", "one-loop", or a code. */
    String name();

    /** A code that identifies the diagram's structure. */
    String code();

    /** Its weight in the recursion (1/|Aut| for a metric diagram). */
    BigFraction weight();

    /** A one-line caption for drawings and documents. */
    String caption();

    /** The same caption in LaTeX (text mode, mathematics in $...$). */
    String latexCaption();

    /** The drawing as a standalone SVG document. */
    String svg();

    /** The drawing as a tikzpicture. */
    String tikz();
}
