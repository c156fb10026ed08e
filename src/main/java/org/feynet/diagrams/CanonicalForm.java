package org.feynet.diagrams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.util.UnionFind;

/**
 * Canonical form of a vertex–blob configuration, and its validation.
 *
 * <p><b>Method.</b> Vertices are distinguishable (each owns a fixed set of external labels),
 * blobs are not, and derivative legs at one vertex are interchangeable. Two configurations are
 * therefore isomorphic exactly when they have the same vertices (same external-leg sets, same
 * {@code r}) and the same <em>multiset</em> of blob descriptors {@code (r, t, mu)}, where
 * {@code mu[v]} is the number of legs of vertex {@code v} in the blob. The canonical form sorts
 * vertices by their smallest external label, sorts blobs by {@code (r, t, mu)} (with {@code mu}
 * in decreasing lexicographic order), renumbers both from 0 and lists the attachments by
 * (vertex, blob). Equal forms are equal records: the form is a complete invariant.
 *
 * <p><b>Complexity.</b> {@code O(k b + b log b * k)} for {@code k} vertices and {@code b} blobs.
 *
 * @param vertices    canonical vertices, ids 0..k-1
 * @param blobs       canonical blobs, ids 0..b-1
 * @param attachments attachments sorted by (vertex, blob)
 */
record CanonicalForm(List<Vertex> vertices, List<Blob> blobs, List<Attachment> attachments) {

    CanonicalForm {
        vertices = List.copyOf(vertices);
        blobs = List.copyOf(blobs);
        attachments = List.copyOf(attachments);
    }

    /**
     * Validates a configuration and returns its canonical form. Ids in the input need only be
     * unique within vertices and within blobs.
     *
     * @throws IllegalArgumentException if the external legs are not exactly {1..m} split among
     *     the vertices, an attachment names an unknown node or repeats a pair, multiplicities do
     *     not add up to each vertex's {@code r} and each blob's size, or (with two or more
     *     vertices) the vertex–blob graph is disconnected
     */
    static CanonicalForm of(List<Vertex> vertices, List<Blob> blobs, List<Attachment> attachments) {
        if (vertices.isEmpty()) {
            throw new IllegalArgumentException("diagram: expected at least one vertex");
        }
        int[][] mu = multiplicities(vertices, blobs, attachments);
        checkSums(vertices, blobs, mu);
        checkConnected(vertices.size(), mu);
        return canonical(vertices, blobs, mu);
    }

    /** {@code mu[b][v]}: the legs of vertex v (input position) in blob b; checks the ids and the pairs. */
    private static int[][] multiplicities(List<Vertex> vertices, List<Blob> blobs, List<Attachment> attachments) {
        Map<Integer, Integer> vertexIndex = indexVertices(vertices);
        Map<Integer, Integer> blobIndex = indexBlobs(blobs);
        int[][] mu = new int[blobs.size()][vertices.size()];
        Set<Long> pairs = new HashSet<>();
        for (Attachment a : attachments) {
            Integer v = vertexIndex.get(a.vertex());
            Integer b = blobIndex.get(a.blob());
            if (v == null || b == null) {
                throw new IllegalArgumentException("diagram: attachment " + a + " names an unknown "
                        + (v == null ? "vertex" : "blob"));
            }
            if (!pairs.add(((long) v << 32) | b)) {
                throw new IllegalArgumentException("diagram: two attachments join vertex " + a.vertex()
                        + " and blob " + a.blob() + "; merge them into one with a multiplicity");
            }
            mu[b][v] = a.multiplicity();
        }
        return mu;
    }

    /** Renumbers a valid configuration: vertices by smallest leg, blobs by (r, t, mu decreasing). */
    private static CanonicalForm canonical(List<Vertex> vertices, List<Blob> blobs, int[][] mu) {
        Integer[] vOrder = order(vertices.size(), Comparator.comparing(i -> vertices.get(i).externalLegs().get(0)));
        List<Vertex> cv = new ArrayList<>(vertices.size());
        for (int nv = 0; nv < vOrder.length; nv++) {
            Vertex old = vertices.get(vOrder[nv]);
            cv.add(new Vertex(nv, old.externalLegs(), old.derivativeLegs()));
        }
        int[][] cmu = new int[blobs.size()][];
        for (int b = 0; b < blobs.size(); b++) {
            cmu[b] = new int[vOrder.length];
            for (int nv = 0; nv < vOrder.length; nv++) {
                cmu[b][nv] = mu[b][vOrder[nv]];
            }
        }
        Integer[] bOrder = order(blobs.size(), Comparator.<Integer>comparingInt(i -> blobs.get(i).size())
                .thenComparingInt(i -> blobs.get(i).order()).thenComparing((x, y) -> Arrays.compare(cmu[y], cmu[x])));
        List<Blob> cb = new ArrayList<>(blobs.size());
        for (int nb = 0; nb < bOrder.length; nb++) {
            Blob old = blobs.get(bOrder[nb]);
            cb.add(new Blob(nb, old.size(), old.order()));
        }
        return new CanonicalForm(cv, cb, attachments(cmu, bOrder));
    }

    /** The positions 0..n-1 sorted by {@code by}. */
    private static Integer[] order(int n, Comparator<Integer> by) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, by);
        return order;
    }

    /** The attachments of the renumbered blobs, by (vertex, blob). */
    private static List<Attachment> attachments(int[][] cmu, Integer[] bOrder) {
        int k = cmu.length == 0 ? 0 : cmu[0].length;
        List<Attachment> ca = new ArrayList<>();
        for (int v = 0; v < k; v++) {
            for (int nb = 0; nb < bOrder.length; nb++) {
                int m = cmu[bOrder[nb]][v];
                if (m > 0) {
                    ca.add(new Attachment(v, nb, m));
                }
            }
        }
        return ca;
    }

    private static Map<Integer, Integer> indexBlobs(List<Blob> blobs) {
        Map<Integer, Integer> blobIndex = new HashMap<>();
        for (int i = 0; i < blobs.size(); i++) {
            if (blobIndex.put(blobs.get(i).id(), i) != null) {
                throw new IllegalArgumentException("diagram: duplicate blob id " + blobs.get(i).id());
            }
        }
        return blobIndex;
    }

    private static Map<Integer, Integer> indexVertices(List<Vertex> vertices) {
        Map<Integer, Integer> index = new HashMap<>();
        Set<Integer> legs = new HashSet<>();
        int total = 0;
        for (int i = 0; i < vertices.size(); i++) {
            Vertex v = vertices.get(i);
            if (index.put(v.id(), i) != null) {
                throw new IllegalArgumentException("diagram: duplicate vertex id " + v.id());
            }
            for (int leg : v.externalLegs()) {
                if (!legs.add(leg)) {
                    throw new IllegalArgumentException("diagram: external leg " + leg
                            + " belongs to two vertices");
                }
            }
            total += v.externalLegs().size();
        }
        for (int leg = 1; leg <= total; leg++) {
            if (!legs.contains(leg)) {
                throw new IllegalArgumentException("diagram: expected external legs 1.." + total
                        + ", leg " + leg + " is missing");
            }
        }
        return index;
    }

    private static void checkSums(List<Vertex> vertices, List<Blob> blobs, int[][] mu) {
        for (int v = 0; v < vertices.size(); v++) {
            int sum = 0;
            for (int[] row : mu) {
                sum += row[v];
            }
            if (sum != vertices.get(v).derivativeLegs()) {
                throw new IllegalArgumentException("diagram: vertex " + vertices.get(v).id() + " has r = "
                        + vertices.get(v).derivativeLegs() + " but its attachments hold " + sum + " legs");
            }
        }
        for (int b = 0; b < blobs.size(); b++) {
            int sum = Arrays.stream(mu[b]).sum();
            if (sum != blobs.get(b).size()) {
                throw new IllegalArgumentException("diagram: blob " + blobs.get(b).id() + " has size "
                        + blobs.get(b).size() + " but its attachments hold " + sum + " legs");
            }
        }
    }

    private static void checkConnected(int k, int[][] mu) {
        UnionFind<Integer> joined = new UnionFind<>(new HashSet<>());
        for (int v = 0; v < k; v++) {
            joined.addElement(v);
        }
        for (int[] row : mu) {
            int first = -1;
            for (int v = 0; v < k; v++) {
                if (row[v] > 0) {
                    first = first < 0 ? v : first;
                    joined.union(first, v);
                }
            }
        }
        for (int v = 1; v < k; v++) {
            if (!joined.inSameSet(v, 0)) {
                throw new IllegalArgumentException("diagram: the vertex-blob graph must be connected "
                        + "(Leonov-Shiryaev), vertex " + v + " is cut off");
            }
        }
    }

    /** The total order of diagrams: vertices, then leg counts, then blobs, then attachments. */
    static final Comparator<CanonicalForm> ORDER = (x, y) -> {
        int c = Integer.compare(x.vertices.size(), y.vertices.size());
        for (int i = 0; c == 0 && i < x.vertices.size(); i++) {
            c = compareLists(x.vertices.get(i).externalLegs(), y.vertices.get(i).externalLegs());
        }
        if (c == 0) {
            c = Integer.compare(x.derivativeLegTotal(), y.derivativeLegTotal());
        }
        for (int i = 0; c == 0 && i < x.vertices.size(); i++) {
            c = Integer.compare(x.vertices.get(i).derivativeLegs(), y.vertices.get(i).derivativeLegs());
        }
        if (c == 0) {
            c = Integer.compare(x.blobs.size(), y.blobs.size());
        }
        for (int i = 0; c == 0 && i < x.blobs.size(); i++) {
            c = Integer.compare(x.blobs.get(i).size(), y.blobs.get(i).size());
            if (c == 0) {
                c = Integer.compare(x.blobs.get(i).order(), y.blobs.get(i).order());
            }
        }
        if (c == 0) {
            c = Integer.compare(x.attachments.size(), y.attachments.size());
        }
        for (int i = 0; c == 0 && i < x.attachments.size(); i++) {
            Attachment a = x.attachments.get(i);
            Attachment b = y.attachments.get(i);
            c = Integer.compare(a.vertex(), b.vertex());
            if (c == 0) {
                c = Integer.compare(a.blob(), b.blob());
            }
            if (c == 0) {
                c = Integer.compare(b.multiplicity(), a.multiplicity());
            }
        }
        return c;
    };

    int derivativeLegTotal() {
        return vertices.stream().mapToInt(Vertex::derivativeLegs).sum();
    }

    private static int compareLists(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
