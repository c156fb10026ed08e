package org.feynet.diagrams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.core.Combinatorics;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricDiagramEnumeratorTest {

    private static final int[][] ORDERS = {
        {1, 0}, {1, 1}, {1, 2}, {1, 3}, {2, 0}, {2, 1}, {2, 2}, {3, 1}, {3, 2}, {2, 3}, {4, 3}, {1, 4}};

    private static Map<String, BigFraction> weightsByCode(int m, int q) {
        Map<String, BigFraction> out = new LinkedHashMap<>();
        for (MetricDiagram d : new MetricDiagramEnumerator(m, q).diagrams()) {
            out.put(d.code(), d.weight());
        }
        return out;
    }

    @Test
    void leadingMeanIsTheBareSingleNeuronVertex() {
        List<MetricDiagram> ds = new MetricDiagramEnumerator(1, 0).diagrams();
        assertEquals(1, ds.size());
        MetricDiagram d = ds.get(0);
        assertEquals(List.of(new Vertex(0, List.of(1), 0)), d.vertices());
        assertTrue(d.blobs().isEmpty());
        assertEquals(BigFraction.ONE, d.weight());
        assertEquals("single-neuron", d.name());
    }

    @Test
    void meanAtFirstOrderIsPropagatedK1PlusHalfTadpole() {
        assertEquals(Map.of("V(1) | K1[1]", BigFraction.ONE, "V(1) | V4[1,1]", new BigFraction(1, 2)),
                weightsByCode(1, 1));
        List<MetricDiagram> ds = new MetricDiagramEnumerator(1, 1).diagrams();
        assertEquals(List.of("propagated-K1", "tadpole"), ds.stream().map(MetricDiagram::name).toList());
        assertEquals(new Blob(0, 2, 1), ds.get(1).blobs().get(0));
        assertEquals(List.of(new Attachment(0, 0, 2)), ds.get(1).attachments());
    }

    @Test
    void covarianceAtFirstOrderIsSingleNeuronCovariancePlusOneLoop() {
        assertEquals(Map.of("V(1,2)", BigFraction.ONE, "V(1) V(2) | V4[1,2]", BigFraction.ONE), weightsByCode(2, 1));
        assertEquals(List.of("single-neuron", "one-loop"),
                new MetricDiagramEnumerator(2, 1).diagrams().stream().map(MetricDiagram::name).toList());
    }

    @Test
    void meanAtSecondOrderHasSixDiagramsWithHandCountedWeights() {
        Map<String, BigFraction> expected = new LinkedHashMap<>();
        expected.put("V(1) | K2[1]", BigFraction.ONE);                        // one (1,2) blob
        expected.put("V(1) | V4_1[1,1]", new BigFraction(1, 2));               // one (2,2) blob: 1/2!
        expected.put("V(1) | K1[1] K1[1]", new BigFraction(1, 2));             // two (1,1) blobs: 1/2!
        expected.put("V(1) | T6[1,1,1]", new BigFraction(1, 6));               // one (3,2) blob: 1/3!
        expected.put("V(1) | K1[1] V4[1,1]", new BigFraction(1, 2));           // 3 labellings / 3!
        expected.put("V(1) | V4[1,1] V4[1,1]", new BigFraction(1, 8));         // 3 pairings / 4!
        assertEquals(expected, weightsByCode(1, 2));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(weightsByCode(1, 2).keySet()));
    }

    @ParameterizedTest(name = "(m={0}, q={1}): {2} diagrams, {3} labelled configurations")
    @CsvSource({"1,0,1,1", "1,1,2,2", "1,2,6,10", "1,3,14,69", "1,4,33,636", "2,0,0,0", "2,1,2,2",
        "2,2,10,17", "2,3,48,215", "3,1,0,0", "3,2,8,11", "4,3,61,147"})
    void diagramCountsAreStable(int m, int q, int diagrams, long labelled) {
        MetricDiagramEnumerator e = new MetricDiagramEnumerator(m, q);
        assertEquals(diagrams, e.diagrams().size());
        assertEquals(labelled, e.labelledConfigurationCount());
    }

    @Test
    void bruteForceCountTimesAutomorphismsIsTheNumberOfLegPermutations() {
        for (int[] mq : ORDERS) {
            MetricDiagramEnumerator e = new MetricDiagramEnumerator(mq[0], mq[1]);
            for (MetricDiagram d : e.diagrams()) {
                BigInteger legPermutations = BigInteger.ONE;
                for (Vertex v : d.vertices()) {
                    legPermutations = legPermutations.multiply(Combinatorics.factorial(v.derivativeLegs()));
                }
                assertEquals(legPermutations, BigInteger.valueOf(e.labelledCount(d)).multiply(d.symmetryFactor()),
                        d.toString());
                assertEquals(new BigFraction(BigInteger.valueOf(e.labelledCount(d)), legPermutations), d.weight());
                assertEquals(mq[0], d.externalLegs());
                assertEquals(mq[1], d.order());
            }
        }
    }

    @Test
    void skeletonSymmetryFactorAgreesWithSubdividedGraphAutomorphisms() {
        for (int[] mq : ORDERS) {
            for (MetricDiagram d : new MetricDiagramEnumerator(mq[0], mq[1]).diagrams()) {
                assertEquals(d.symmetryFactor().longValue(), new SubdividedGraph(d).automorphismCount(), d.toString());
            }
        }
    }

    @Test
    void mergingByVf2IsomorphismGivesTheSameClassesAsTheCanonicalForm() {
        for (int[] mq : new int[][] {{1, 3}, {2, 2}, {3, 2}, {2, 3}}) {
            MetricDiagramEnumerator e = new MetricDiagramEnumerator(mq[0], mq[1]);
            List<SubdividedGraph> representatives = new ArrayList<>();
            List<CanonicalForm> forms = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            e.forEachLabelled(c -> {
                SubdividedGraph g = new SubdividedGraph(c);
                for (int i = 0; i < representatives.size(); i++) {
                    if (representatives.get(i).isomorphicTo(g)) {
                        assertEquals(forms.get(i), c.canonicalForm());
                        counts.set(i, counts.get(i) + 1);
                        return;
                    }
                }
                representatives.add(g);
                forms.add(c.canonicalForm());
                counts.add(1L);
            });
            assertEquals(e.diagrams().size(), representatives.size());
            for (int i = 0; i < forms.size(); i++) {
                assertEquals(e.labelledCount(MetricDiagram.of(forms.get(i))), counts.get(i));
            }
        }
    }

    @Test
    void distinctDiagramsAreNotIsomorphic() {
        for (int[] mq : new int[][] {{1, 2}, {1, 3}, {2, 1}, {2, 2}, {3, 2}, {2, 3}}) {
            List<MetricDiagram> ds = new MetricDiagramEnumerator(mq[0], mq[1]).diagrams();
            List<SubdividedGraph> gs = ds.stream().map(SubdividedGraph::new).toList();
            for (int i = 0; i < ds.size(); i++) {
                for (int j = 0; j < ds.size(); j++) {
                    if (ds.get(i).blobs().size() == ds.get(j).blobs().size()) {
                        assertEquals(i == j, gs.get(i).isomorphicTo(gs.get(j)), ds.get(i) + " vs " + ds.get(j));
                    }
                }
            }
        }
    }

    @Test
    void enumerationIsDeterministicAndSorted() {
        for (int[] mq : ORDERS) {
            List<MetricDiagram> a = new MetricDiagramEnumerator(mq[0], mq[1]).diagrams();
            List<MetricDiagram> b = new MetricDiagramEnumerator(mq[0], mq[1]).diagrams();
            assertEquals(a, b);
            assertEquals(a.stream().map(MetricDiagram::toString).toList(), b.stream().map(MetricDiagram::toString).toList());
            for (int i = 1; i < a.size(); i++) {
                assertTrue(a.get(i - 1).compareTo(a.get(i)) < 0, a.get(i - 1) + " !< " + a.get(i));
            }
        }
    }

    @Test
    void everyLabelledConfigurationIsEmittedOnce() {
        MetricDiagramEnumerator e = new MetricDiagramEnumerator(2, 3);
        List<LabelledConfiguration> all = new ArrayList<>();
        e.forEachLabelled(all::add);
        assertEquals(all.size(), new java.util.HashSet<>(all).size());
        assertEquals(e.labelledConfigurationCount(), all.size());
    }

    @Test
    void higherOrderStatisticsHaveTheHandCountedNumberOfDiagrams() {
        assertEquals(14, new MetricDiagramEnumerator(1, 3).diagrams().size());
        assertEquals(10, new MetricDiagramEnumerator(2, 2).diagrams().size());
        assertEquals(8, new MetricDiagramEnumerator(3, 2).diagrams().size());
    }

    @Test
    void rejectsNonsenseOrders() {
        assertThrows(IllegalArgumentException.class, () -> new MetricDiagramEnumerator(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MetricDiagramEnumerator(1, -1));
        MetricDiagram tadpole = new MetricDiagramEnumerator(1, 1).diagrams().get(1);
        assertThrows(IllegalArgumentException.class, () -> new MetricDiagramEnumerator(2, 1).labelledCount(tadpole));
        assertFalse(new MetricDiagramEnumerator(2, 1).diagrams().contains(tadpole));
    }
}
