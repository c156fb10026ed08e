package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.feynet.diagrams.Attachment;
import org.feynet.diagrams.Blob;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagramEnumerator;
import org.feynet.diagrams.Vertex;

/** The diagrams of org.feynet.diagrams, as the shapes the derivation expands; enumerated once per (m, q). */
public final class EnumeratedDiagrams {

    private static final Map<String, List<DiagramShape>> CACHE = new ConcurrentHashMap<>();

    private EnumeratedDiagrams() {}

    /** The diagrams of the coefficient of n^{-q} in the m-th cumulant of the next layer's metric. */
    public static List<DiagramShape> of(int m, int q) {
        return CACHE.computeIfAbsent(m + "," + q, key -> new MetricDiagramEnumerator(m, q).diagrams().stream()
                .map(EnumeratedDiagrams::shape).toList());
    }

    static DiagramShape shape(MetricDiagram d) {
        List<List<Integer>> legs = new ArrayList<>();
        List<Integer> derivativeLegs = new ArrayList<>();
        for (Vertex v : d.vertices()) {
            legs.add(v.externalLegs());
            derivativeLegs.add(v.derivativeLegs());
        }
        List<Integer> sizes = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        for (Blob b : d.blobs()) {
            sizes.add(b.size());
            orders.add(b.order());
        }
        List<int[]> attachments = new ArrayList<>();
        for (Attachment a : d.attachments()) {
            attachments.add(new int[] {indexOfVertex(d, a.vertex()), indexOfBlob(d, a.blob()), a.multiplicity()});
        }
        return new DiagramShape(legs, derivativeLegs, sizes, orders, attachments, d.weight(), d.name());
    }

    private static int indexOfVertex(MetricDiagram d, int id) {
        for (int i = 0; i < d.vertices().size(); i++) {
            if (d.vertices().get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalStateException("attachment to unknown vertex " + id);
    }

    private static int indexOfBlob(MetricDiagram d, int id) {
        for (int i = 0; i < d.blobs().size(); i++) {
            if (d.blobs().get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalStateException("attachment to unknown blob " + id);
    }
}
