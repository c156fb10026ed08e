package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;

/** Symmetry factors of the textbook vacuum and two-point graphs (STACK-NOTES 3.4), components and bridges. */
class ColouredMultigraphTest {

    /** n vertices of colour "V", then the lines as triples (u, v, count) of field 0. */
    private static ColouredMultigraph<String> graph(int n, int... lines) {
        ColouredMultigraph.Builder<String> b = ColouredMultigraph.builder(1);
        for (int v = 0; v < n; v++) {
            b.addVertex("V");
        }
        for (int i = 0; i < lines.length; i += 3) {
            b.addLines(lines[i], lines[i + 1], 0, lines[i + 2]);
        }
        return b.build();
    }

    private static BigInteger s(ColouredMultigraph<?> g) {
        return g.symmetryFactor();
    }

    @Test
    void phi4FigureEightHasSymmetryFactor8() {
        assertEquals(BigInteger.valueOf(8), s(graph(1, 0, 0, 2)));
    }

    @Test
    void phi4SunsetHasSymmetryFactor48() {
        ColouredMultigraph<String> sunset = graph(2, 0, 1, 4);
        assertEquals(2, sunset.skeletonAutomorphisms());
        assertEquals(BigInteger.valueOf(24), sunset.multiplicityFactor());
        assertEquals(BigInteger.valueOf(48), s(sunset));
    }

    @Test
    void phi3ThetaHasSymmetryFactor12() {
        assertEquals(BigInteger.valueOf(12), s(graph(2, 0, 1, 3)));
    }

    @Test
    void phi3DumbbellHasSymmetryFactor8() {
        assertEquals(BigInteger.valueOf(8), s(graph(2, 0, 0, 1, 1, 1, 1, 0, 1, 1)));
    }

    @Test
    void phi4DoubleBubbleHasSymmetryFactor16() {
        assertEquals(BigInteger.valueOf(16), s(graph(2, 0, 0, 1, 1, 1, 1, 0, 1, 2)));
    }

    @Test
    void twoFigureEightsHaveSymmetryFactor128() {
        assertEquals(BigInteger.valueOf(128), s(graph(2, 0, 0, 2, 1, 1, 2)));
    }

    @Test
    void phi4TwoPointTadpoleWithLabelledLegsHasSymmetryFactor2() {
        ColouredMultigraph.Builder<String> b = ColouredMultigraph.builder(1);
        int x1 = b.addVertex("X1");
        int x2 = b.addVertex("X2");
        int v = b.addVertex("V");
        ColouredMultigraph<String> g = b.addLines(x1, v, 0, 1).addLines(x2, v, 0, 1).addLines(v, v, 0, 1).build();
        assertEquals(1, g.skeletonAutomorphisms());
        assertEquals(BigInteger.TWO, s(g));
    }

    @Test
    void ringOfSixTadpolesHasSymmetryFactor768() {
        List<Integer> lines = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            lines.addAll(List.of(v, v, 1, v, (v + 1) % 6, 1));
        }
        ColouredMultigraph<String> ring = graph(6, lines.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(12, ring.skeletonAutomorphisms());
        assertEquals(BigInteger.valueOf(768), s(ring));
    }

    @Test
    void loopsAndLineColoursBreakSymmetries() {
        assertEquals(2, graph(3, 0, 1, 1, 1, 2, 1).skeletonAutomorphisms());
        assertEquals(1, graph(3, 0, 1, 1, 1, 2, 1, 0, 0, 1).skeletonAutomorphisms());
        ColouredMultigraph.Builder<String> b = ColouredMultigraph.builder(2);
        b.addVertex("V");
        b.addVertex("V");
        ColouredMultigraph<String> mixed = b.addLines(0, 1, 0, 1).addLines(0, 1, 1, 1).build();
        assertEquals(BigInteger.TWO, s(mixed), "one line of each field: only the vertex swap");
        assertEquals(BigInteger.valueOf(4), s(graph(2, 0, 1, 2)), "two lines of one field: swap times 2!");
    }

    @Test
    void anExternallyCountedVertexGroupIsTakenAsGiven() {
        ColouredMultigraph<String> sunset = graph(2, 0, 1, 4);
        assertEquals(s(sunset), sunset.symmetryFactor(2));
        assertEquals(BigInteger.valueOf(24), sunset.symmetryFactor(1));
        assertThrows(IllegalArgumentException.class, () -> sunset.symmetryFactor(0));
    }

    @Test
    void componentsAreSortedListsOrderedByTheirSmallestVertex() {
        ColouredMultigraph<String> g = graph(6, 4, 2, 1, 0, 5, 3, 3, 3, 1);
        assertEquals(List.of(List.of(0, 5), List.of(1), List.of(2, 4), List.of(3)), g.components());
        assertFalse(g.connected());
        assertTrue(graph(2, 0, 1, 1).connected());
        assertEquals(9, graph(4, 0, 1, 4, 2, 3, 4, 3, 3, 1).lineCount());
    }

    @Test
    void bridgesAreSingleLinesWhoseRemovalDisconnects() {
        // 0 = 1 - 2 - 3 with a triangle 3 - 4 - 5 - 3 and a loop at 5
        ColouredMultigraph<String> g = graph(6, 0, 1, 2, 1, 2, 1, 2, 3, 1, 3, 4, 1, 4, 5, 1, 5, 3, 1, 5, 5, 1);
        List<int[]> bridges = g.bridges();
        assertEquals(2, bridges.size());
        assertArrayEquals(new int[] {1, 2}, bridges.get(0));
        assertArrayEquals(new int[] {2, 3}, bridges.get(1));
        assertTrue(g.isBridge(2, 3));
        assertFalse(g.isBridge(0, 1), "a double line is no bridge");
        assertFalse(g.isBridge(3, 4), "a triangle side is no bridge");
        assertArrayEquals(new boolean[] {true, true, true, false, false, false}, g.sideOf(2, 3));
        assertTrue(g.separates(2, 3, 0, 5));
        assertFalse(g.separates(2, 3, 4, 5));
        assertFalse(g.separates(3, 4, 0, 5));
        assertEquals(List.of(), graph(2, 0, 1, 2).bridges());
    }

    @Test
    void equalGraphsAreEqualObjects() {
        assertEquals(graph(2, 0, 1, 3), graph(2, 1, 0, 3));
        assertEquals(graph(2, 0, 1, 3).hashCode(), graph(2, 1, 0, 3).hashCode());
        assertNotEquals(graph(2, 0, 1, 3), graph(2, 0, 1, 2));
        int[][][] m = {{{1}, {2}}, {{2}, {0}}};
        assertEquals(graph(2, 0, 0, 1, 0, 1, 2), ColouredMultigraph.of(List.of("V", "V"), 1, m));
        assertThrows(IllegalArgumentException.class,
                () -> ColouredMultigraph.of(List.of("V", "V"), 1, new int[][][] {{{0}, {1}}, {{2}, {0}}}));
    }

    /** A random graph with loops on 4 vertices of two colours, relabelled: |Aut| does not change. */
    @Property(tries = 100)
    void symmetryFactorIsInvariantUnderRelabelling(@ForAll long seed) {
        Random random = new Random(seed);
        int n = 4;
        int[][][] m = new int[n][n][2];
        for (int e = 0; e < 1 + random.nextInt(7); e++) {
            int u = random.nextInt(n);
            int v = random.nextInt(n);
            int f = random.nextInt(2);
            m[u][v][f]++;
            if (u != v) {
                m[v][u][f]++;
            }
        }
        List<String> colours = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            colours.add(random.nextBoolean() ? "A" : "B");
        }
        List<Integer> p = new ArrayList<>(List.of(0, 1, 2, 3));
        Collections.shuffle(p, random);
        int[][][] pm = new int[n][n][];
        List<String> pc = new ArrayList<>(colours);
        for (int u = 0; u < n; u++) {
            pc.set(p.get(u), colours.get(u));
            for (int v = 0; v < n; v++) {
                pm[p.get(u)][p.get(v)] = m[u][v];
            }
        }
        ColouredMultigraph<String> g = ColouredMultigraph.of(colours, 2, m);
        ColouredMultigraph<String> h = ColouredMultigraph.of(pc, 2, pm);
        assertEquals(g.symmetryFactor(), h.symmetryFactor());
        assertEquals(g.components().size(), h.components().size());
        assertEquals(g.bridges().size(), h.bridges().size());
    }
}
