package org.feynet.diagrams;

import java.util.ArrayList;
import java.util.List;

/**
 * One labelled term of the expansion, before isomorphic terms are merged: the vertices (blocks of
 * external legs with their {@code r}), an assignment of every labelled derivative leg to a blob,
 * and each blob's order {@code t}. Derivative leg {@code i} sits at vertex {@code legVertex[i]}
 * and belongs to blob {@code legBlob[i]}; blobs are numbered {@code 0..blobOrders.size()-1}.
 */
record LabelledConfiguration(List<Vertex> vertices, List<Integer> legVertex, List<Integer> legBlob,
                             List<Integer> blobOrders) {

    LabelledConfiguration {
        vertices = List.copyOf(vertices);
        legVertex = List.copyOf(legVertex);
        legBlob = List.copyOf(legBlob);
        blobOrders = List.copyOf(blobOrders);
        if (legVertex.size() != legBlob.size()) {
            throw new IllegalArgumentException("labelled configuration: " + legVertex.size()
                    + " legs placed at vertices but " + legBlob.size() + " assigned to blobs");
        }
    }

    /** The blobs with their sizes, ids 0..b-1 as labelled here. */
    List<Blob> blobs() {
        int[] size = new int[blobOrders.size()];
        for (int b : legBlob) {
            size[b]++;
        }
        List<Blob> blobs = new ArrayList<>();
        for (int b = 0; b < size.length; b++) {
            blobs.add(new Blob(b, size[b], blobOrders.get(b)));
        }
        return blobs;
    }

    /** Multiplicities aggregated per (vertex id, blob). */
    List<Attachment> attachments() {
        int[][] mu = new int[vertices.size()][blobOrders.size()];
        List<Integer> ids = vertices.stream().map(Vertex::id).toList();
        for (int i = 0; i < legVertex.size(); i++) {
            mu[ids.indexOf(legVertex.get(i))][legBlob.get(i)]++;
        }
        List<Attachment> out = new ArrayList<>();
        for (int v = 0; v < mu.length; v++) {
            for (int b = 0; b < mu[v].length; b++) {
                if (mu[v][b] > 0) {
                    out.add(new Attachment(ids.get(v), b, mu[v][b]));
                }
            }
        }
        return out;
    }

    /** The canonical form of this configuration's isomorphism class. */
    CanonicalForm canonicalForm() {
        return CanonicalForm.of(vertices, blobs(), attachments());
    }
}
