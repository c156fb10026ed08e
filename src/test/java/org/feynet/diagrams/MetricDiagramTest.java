package org.feynet.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.feynet.core.ColouredMultigraph;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class MetricDiagramTest {

    /** All labelled configurations of a few orders, as a pool to relabel. */
    private static List<LabelledConfiguration> pool() {
        List<LabelledConfiguration> all = new ArrayList<>();
        for (int[] mq : new int[][] {{1, 3}, {2, 2}, {3, 2}, {2, 3}}) {
            new MetricDiagramEnumerator(mq[0], mq[1]).forEachLabelled(all::add);
        }
        return all;
    }

    private static final List<LabelledConfiguration> POOL = pool();

    /** Renames vertex ids, shuffles vertices, permutes the derivative legs and renames the blobs. */
    static LabelledConfiguration relabel(LabelledConfiguration c, Random random) {
        int k = c.vertices().size();
        List<Integer> newId = new ArrayList<>();
        for (int v = 0; v < k; v++) {
            newId.add(7 + 3 * v);
        }
        Collections.shuffle(newId, random);
        List<Vertex> vertices = new ArrayList<>();
        for (Vertex v : c.vertices()) {
            vertices.add(new Vertex(newId.get(v.id()), v.externalLegs(), v.derivativeLegs()));
        }
        Collections.shuffle(vertices, random);
        int b = c.blobOrders().size();
        List<Integer> blobPerm = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            blobPerm.add(i);
        }
        Collections.shuffle(blobPerm, random);
        Integer[] orders = new Integer[b];
        for (int i = 0; i < b; i++) {
            orders[blobPerm.get(i)] = c.blobOrders().get(i);
        }
        List<Integer> legs = new ArrayList<>();
        for (int i = 0; i < c.legVertex().size(); i++) {
            legs.add(i);
        }
        Collections.shuffle(legs, random);
        List<Integer> legVertex = new ArrayList<>();
        List<Integer> legBlob = new ArrayList<>();
        for (int i : legs) {
            legVertex.add(newId.get(c.legVertex().get(i)));
            legBlob.add(blobPerm.get(c.legBlob().get(i)));
        }
        return new LabelledConfiguration(vertices, legVertex, legBlob, List.of(orders));
    }

    @Property(tries = 200)
    void relabelledConfigurationsMergeIntoOneDiagram(@ForAll long seed) {
        Random random = new Random(seed);
        LabelledConfiguration c = POOL.get(random.nextInt(POOL.size()));
        LabelledConfiguration r = relabel(c, random);
        assertEquals(c.canonicalForm(), r.canonicalForm());
        assertEquals(MetricDiagram.of(c.vertices(), c.blobs(), c.attachments()),
                MetricDiagram.of(r.vertices(), r.blobs(), r.attachments()));
        assertTrue(new SubdividedGraph(c).isomorphicTo(new SubdividedGraph(r)));
    }

    @Test
    void swappingTheBlobTypesOfTwoVerticesGivesADifferentDiagram() {
        Vertex v1 = new Vertex(0, List.of(1), 2);
        Vertex v2 = new Vertex(1, List.of(2), 1);
        MetricDiagram a = MetricDiagram.of(List.of(v1, v2), List.of(new Blob(0, 1, 1), new Blob(1, 2, 1)),
                List.of(new Attachment(0, 0, 1), new Attachment(0, 1, 1), new Attachment(1, 1, 1)));
        MetricDiagram b = MetricDiagram.of(List.of(new Vertex(0, List.of(1), 1), new Vertex(1, List.of(2), 2)),
                List.of(new Blob(0, 1, 1), new Blob(1, 2, 1)),
                List.of(new Attachment(1, 0, 1), new Attachment(1, 1, 1), new Attachment(0, 1, 1)));
        assertNotEquals(a, b);
        assertEquals("V(1) V(2) | K1[1] V4[1,2]", a.code());
        assertEquals("V(1) V(2) | K1[2] V4[1,2]", b.code());
    }

    @Test
    void doubleTadpoleHasSymmetryFactorEightAndAMultigraphView() {
        MetricDiagram d = MetricDiagram.of(List.of(new Vertex(5, List.of(1), 4)),
                List.of(new Blob(3, 2, 1), new Blob(9, 2, 1)),
                List.of(new Attachment(5, 9, 2), new Attachment(5, 3, 2)));
        assertEquals(BigInteger.valueOf(8), d.symmetryFactor());
        assertEquals(2, d.multigraph().skeletonAutomorphisms());
        assertEquals(new BigFraction(1, 8), d.weight());
        assertEquals(2, d.order());
        ColouredMultigraph<String> g = d.multigraph();
        assertEquals(3, g.size());
        assertEquals(List.of("V[1]", "B2,1", "B2,1"), g.colours());
        assertEquals(2, g.multiplicity(0, 1));
        assertEquals(2, g.multiplicity(2, 0));
        assertEquals(0, g.multiplicity(1, 2));
    }

    @Test
    void invalidConfigurationsAreRejectedWithAReason() {
        Vertex v1 = new Vertex(0, List.of(1), 1);
        Vertex v2 = new Vertex(1, List.of(2), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricDiagram.of(
                List.of(v1, v2), List.of(new Blob(0, 1, 1), new Blob(1, 1, 1)),
                List.of(new Attachment(0, 0, 1), new Attachment(1, 1, 1))));
        assertTrue(e.getMessage().contains("connected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetricDiagram.of(List.of(new Vertex(0, List.of(2), 0)),
                List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> MetricDiagram.of(List.of(new Vertex(0, List.of(1), 2)),
                List.of(new Blob(0, 2, 1)), List.of(new Attachment(0, 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> new Blob(0, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Vertex(0, List.of(), 0));
    }

    @Test
    void blobsNameTheirTensors() {
        assertEquals("K1", new Blob(0, 1, 1).tensor());
        assertEquals("K3", new Blob(0, 1, 3).tensor());
        assertEquals("V4", new Blob(0, 2, 1).tensor());
        assertEquals("V4_1", new Blob(0, 2, 2).tensor());
        assertEquals("T6", new Blob(0, 3, 2).tensor());
        assertEquals("V4_2", new Blob(0, 2, 3).tensor());
        assertEquals("T6_1", new Blob(0, 3, 3).tensor());
        assertEquals("C8", new Blob(0, 4, 3).tensor());
    }
}
