package org.feynet.diagrams;

/**
 * A node of the vertex–blob graph of a {@link MetricDiagram}: either a {@link Vertex} (a block of
 * the law of total cumulance) or a {@link Blob} (a cumulant of the previous layer's metric).
 * The graph is bipartite: edges ({@link Attachment}s) only join a vertex to a blob.
 */
public sealed interface DiagramNode permits Vertex, Blob {

    /** The node's index among the vertices, respectively among the blobs, of its diagram. */
    int id();
}
