package org.feynet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.feynet.core.Combinatorics;
import org.feynet.model.TheoryRequest.FieldComponent;
import org.jgrapht.Graph;
import org.jgrapht.GraphMapping;
import org.jgrapht.alg.isomorphism.VF2GraphIsomorphismInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;

/**
 * Diagram counts against brute-force Wick contraction and published enumerations.
 *
 * <p>Brute force: every perfect matching of the half-edges of n phi^k vertices (plus labelled external points)
 * is turned into a subdivided coloured simple graph (STACK-NOTES 3.2: a node per line, two per loop) and
 * grouped into isomorphism classes with JGraphT's VF2, independently of {@link OrderlyGenerator}. Wick's
 * theorem requires (contractions in a class) x |Aut| = n! (k!)^n, |Aut| counted by VF2 on the subdivided graph.
 *
 * <p>Published counts of connected vacuum diagrams: phi^4, connected 4-regular multigraphs with loops on n nodes,
 * OEIS A085549: 1, 2, 4, 10, 28, 97, 359, 1635 (n = 1..8); phi^3, connected cubic multigraphs with loops on 2n
 * nodes, OEIS A005967: 2, 5, 17, 71, 388, 2592, 21096 (2n = 2..14). Connected phi^4 two-point diagrams with
 * labelled legs, OEIS A352174 (rooted at an oriented edge; a(n+1) for n vertices): 1, 1, 3, 10, 39.
 */
class WickCountTest {

    private static final FieldComponent PHI = new FieldComponent(0, 0);

    @Test
    void phi4ConnectedVacuumCountsAreA085549() {
        TheoryExpansion e = new TheoryExpansion(theory("g/24*phi^4"));
        assertEquals(List.of(0, 1, 2, 4, 10, 28, 97, 359, 1635), counts(e.connected(List.of(), 8), 8));
    }

    @Test
    void phi3ConnectedVacuumCountsAreA005967() {
        TheoryExpansion e = new TheoryExpansion(theory("g/6*phi^3"));
        assertEquals(List.of(0, 0, 2, 0, 5, 0, 17, 0, 71, 0, 388), counts(e.connected(List.of(), 10), 10));
    }

    @Test
    void phi4TwoPointCountsAreA352174() {
        TheoryExpansion e = new TheoryExpansion(theory("g/24*phi^4"));
        assertEquals(List.of(1, 1, 3, 10, 39), counts(e.connected(List.of(PHI, PHI), 4), 4));
    }

    @Test
    void generatedClassesAndSymmetryFactorsAgreeWithBruteForceWick() {
        check("g/24*phi^4", 4, 1, 0);
        check("g/24*phi^4", 4, 2, 0);
        check("g/24*phi^4", 4, 3, 0);
        check("g/24*phi^4", 4, 1, 2);
        check("g/24*phi^4", 4, 2, 2);
        check("g/6*phi^3", 3, 2, 0);
        check("g/6*phi^3", 3, 4, 0);
        check("g/6*phi^3", 3, 2, 2);
        check("g/6*phi^3", 3, 1, 1);
    }

    @Test
    void orderlyGeneratorVertexGroupsAgreeWithVf2OnTheSkeleton() {
        TheoryExpansion phi4 = new TheoryExpansion(theory("g/24*phi^4"));
        TheoryExpansion phi3 = new TheoryExpansion(theory("g/6*phi^3"));
        List<TheoryDiagram> all = new ArrayList<>(phi4.connected(List.of(), 5));
        all.addAll(phi4.connected(List.of(PHI, PHI), 4));
        all.addAll(phi3.connected(List.of(), 6));
        all.addAll(phi3.connected(List.of(PHI, PHI, PHI), 5));
        for (TheoryDiagram d : all) {
            assertEquals(d.symmetryFactor(), d.graph().multigraph().symmetryFactor(), d.graph().code());
        }
    }

    /** n vertices of valence k and m labelled external points: classes, counts and |Aut| against the generator. */
    private static void check(String interaction, int k, int n, int m) {
        int halves = n * k + m;
        List<int[]> matchings = Combinatorics.perfectMatchings(halves);
        List<Graph<String, DefaultEdge>> classes = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int[] partner : matchings) {
            Graph<String, DefaultEdge> g = subdivided(partner, n, k, m);
            if (!new org.jgrapht.alg.connectivity.ConnectivityInspector<>(g).isConnected()) {
                continue;
            }
            int found = -1;
            for (int c = 0; c < classes.size() && found < 0; c++) {
                if (inspector(classes.get(c), g).isomorphismExists()) {
                    found = c;
                }
            }
            if (found < 0) {
                classes.add(g);
                sizes.add(1L);
            } else {
                sizes.set(found, sizes.get(found) + 1);
            }
        }
        BigInteger labelled = Combinatorics.factorial(n).multiply(Combinatorics.factorial(k).pow(n));
        List<Long> automorphisms = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            long aut = count(inspector(classes.get(c), classes.get(c)).getMappings());
            automorphisms.add(aut);
            assertEquals(labelled, BigInteger.valueOf(sizes.get(c) * aut), "Wick: count x |Aut| = n! (k!)^n");
        }
        List<FieldComponent> legs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            legs.add(PHI);
        }
        List<TheoryDiagram> generated = new TheoryExpansion(theory(interaction)).connected(legs, n).stream()
                .filter(d -> d.graph().size() == n + m).toList();
        assertEquals(classes.size(), generated.size(), interaction + " n=" + n + " m=" + m + ": classes");
        for (TheoryDiagram d : generated) {
            Graph<String, DefaultEdge> g = subdivided(d.graph());
            int hits = 0;
            for (int c = 0; c < classes.size(); c++) {
                if (inspector(classes.get(c), g).isomorphismExists()) {
                    hits++;
                    assertEquals(BigInteger.valueOf(automorphisms.get(c)), d.symmetryFactor(), d.graph().code());
                }
            }
            assertEquals(1, hits, d.graph().code());
        }
    }

    /** Half-edges 0..nk-1 belong to vertex h/k; nk.. are the external points 1..m. */
    private static Graph<String, DefaultEdge> subdivided(int[] partner, int n, int k, int m) {
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < n; v++) {
            g.addVertex("V#" + v);
        }
        for (int x = 0; x < m; x++) {
            g.addVertex("X" + (x + 1) + "#");
        }
        int line = 0;
        for (int h = 0; h < partner.length; h++) {
            int o = partner[h];
            if (o < h) {
                continue;
            }
            String a = h < n * k ? "V#" + h / k : "X" + (h - n * k + 1) + "#";
            String b = o < n * k ? "V#" + o / k : "X" + (o - n * k + 1) + "#";
            line(g, a, b, line++);
        }
        return g;
    }

    private static Graph<String, DefaultEdge> subdivided(TheoryGraph t) {
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        String[] names = new String[t.size()];
        for (int v = 0; v < t.size(); v++) {
            names[v] = t.kind(v).external() ? "X" + t.kind(v).label() + "#" : "V#" + v;
            g.addVertex(names[v]);
        }
        int line = 0;
        for (int u = 0; u < t.size(); u++) {
            for (int v = u; v < t.size(); v++) {
                for (int i = 0; i < t.lines(u, v); i++) {
                    line(g, names[u], names[v], line++);
                }
            }
        }
        return g;
    }

    private static void line(Graph<String, DefaultEdge> g, String a, String b, int id) {
        if (a.equals(b)) {
            String l1 = "L#" + id + "a";
            String l2 = "L#" + id + "b";
            g.addVertex(l1);
            g.addVertex(l2);
            g.addEdge(a, l1);
            g.addEdge(l1, l2);
            g.addEdge(l2, a);
        } else {
            String e = "E#" + id;
            g.addVertex(e);
            g.addEdge(a, e);
            g.addEdge(e, b);
        }
    }

    private static VF2GraphIsomorphismInspector<String, DefaultEdge> inspector(Graph<String, DefaultEdge> a,
            Graph<String, DefaultEdge> b) {
        Comparator<String> colour = Comparator.comparing(s -> s.substring(0, s.indexOf('#')));
        return new VF2GraphIsomorphismInspector<>(a, b, colour, null);
    }

    private static long count(Iterator<GraphMapping<String, DefaultEdge>> it) {
        long c = 0;
        while (it.hasNext()) {
            it.next();
            c++;
        }
        return c;
    }

    static org.feynet.model.FieldTheory theory(String interaction) {
        return org.feynet.lang.ModelReader.parse("t.fnet", "theory t {\n field phi\n coupling g\n action S = phi^2/2 + "
                + interaction + "\n}\nderive Z to order g^1\n").theories().get(0);
    }

    private static List<Integer> counts(List<TheoryDiagram> diagrams, int max) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            c.add(0);
        }
        for (TheoryDiagram d : diagrams) {
            c.set(d.order(), c.get(d.order()) + 1);
        }
        assertTrue(diagrams.stream().allMatch(d -> d.value() != null));
        return c;
    }
}
