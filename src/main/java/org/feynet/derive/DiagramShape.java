package org.feynet.derive;

import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * What the derivation needs to know of a metric diagram (SPEC section 5): its vertices (each a block of the
 * external legs, with a number of derivative legs), its blobs (cumulants of the previous layer of a given size
 * and order in 1/n), how many legs of each vertex attach to each blob, and its weight 1/|Aut|.
 *
 * @param vertexLegs     for each vertex, the external legs (numbered from 1) it carries
 * @param derivativeLegs for each vertex, its number r of derivative legs
 * @param blobSizes      for each blob, the number r of metric entries of its cumulant
 * @param blobOrders     for each blob, its order t in 1/n
 * @param attachments    triples {vertex, blob, multiplicity}
 * @param weight         the diagram's weight, 1/|Aut|
 * @param name           a short description
 */
public record DiagramShape(List<List<Integer>> vertexLegs, List<Integer> derivativeLegs, List<Integer> blobSizes,
                           List<Integer> blobOrders, List<int[]> attachments, BigFraction weight, String name) {

    public DiagramShape {
        vertexLegs = vertexLegs.stream().map(List::copyOf).toList();
        derivativeLegs = List.copyOf(derivativeLegs);
        blobSizes = List.copyOf(blobSizes);
        blobOrders = List.copyOf(blobOrders);
        attachments = attachments.stream().map(int[]::clone).toList();
    }
}
