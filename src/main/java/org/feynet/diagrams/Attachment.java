package org.feynet.diagrams;

/**
 * An edge of the vertex–blob graph: {@code multiplicity} derivative legs of vertex
 * {@code vertex} belong to blob {@code blob}. At most one attachment exists per (vertex, blob)
 * pair, so the graph is simple and the multiplicity is the edge's weight.
 *
 * @param vertex       the vertex id
 * @param blob         the blob id
 * @param multiplicity the number of derivative legs shared, {@code >= 1}
 */
public record Attachment(int vertex, int blob, int multiplicity) {

    /** Validates the multiplicity. */
    public Attachment {
        if (multiplicity < 1) {
            throw new IllegalArgumentException("Attachment v" + vertex + "-b" + blob
                    + ": expected multiplicity >= 1, got " + multiplicity);
        }
    }
}
