package org.feynet.diagrams;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.feynet.core.Combinatorics;
import org.jgrapht.alg.util.UnionFind;

/**
 * All metric diagrams contributing to the coefficient of {@code n^-q} in the m-th joint cumulant
 * {@code kappa_m(Ghat'_{alpha_1}, ..., Ghat'_{alpha_m})} of the next layer's metric (docs/METHOD.md).
 *
 * <p><b>Method</b> (brute force over labelled terms, then merging).
 * <ol>
 * <li>Law of total cumulance: every set partition {@code pi} of the external legs {1..m} (as
 *     restricted growth strings); each block of size {@code s} is a vertex costing
 *     {@code n^-(s-1)}. The remaining budget is {@code Q = q - (m - |pi|)}.</li>
 * <li>Taylor expansion: every vector {@code (r_v)} of derivative-leg counts, {@code r_v >= 1}
 *     when {@code |pi| >= 2}. Since a blob of {@code r} legs costs at least
 *     {@code max(1, r-1) >= r/2}, {@code sum r_v <= 2Q}.</li>
 * <li>Leonov–Shiryaev: every set partition of the labelled derivative legs into blobs, pruned as
 *     soon as the minimal cost {@code sum max(1, r_b - 1)} of the partial blobs exceeds
 *     {@code Q} (the minimal cost never decreases when a leg is added), kept if the vertex–blob
 *     graph is connected.</li>
 * <li>Every choice of orders {@code t_b >= max(1, r_b - 1)} with {@code sum t_b = Q}.</li>
 * </ol>
 * Each resulting labelled configuration is reduced to its {@link CanonicalForm} (a complete
 * invariant: vertices are distinguishable, blobs are a multiset of descriptors), counted per class,
 * and every class becomes one {@link MetricDiagram}. The brute-force weight
 * {@code count / prod_v r_v!} is checked against {@code 1/|Aut|} from {@link MetricDiagram#symmetryFactor()}; a
 * mismatch throws {@link IllegalStateException}.
 *
 * <p><b>Counts</b> (diagrams / labelled configurations): (m=1,q=0) 1/1; (1,1) 2/2; (1,2) 6/10;
 * (1,3) 14/69; (1,4) 33/636; (2,0) 0/0; (2,1) 2/2; (2,2) 10/17; (2,3) 48/215; (3,1) 0/0;
 * (3,2) 8/11; (4,3) 61/147.
 * See {@code MetricDiagramEnumeratorTest}.
 *
 * <p><b>Complexity.</b> Dominated by step 3: at most {@code Bell(2Q)} leg partitions per
 * {@code (pi, r)} (far fewer after pruning), each processed in {@code O(R + k b log b)}; then one
 * VF2 automorphism count per class. (1,3) takes milliseconds.
 */
public final class MetricDiagramEnumerator {

    private final int externalLegs;
    private final int order;
    private Map<MetricDiagram, Long> counts;

    /**
     * @param externalLegs {@code m >= 1}, the order of the joint cumulant
     * @param order        {@code q >= 0}, the power of {@code 1/n}
     */
    public MetricDiagramEnumerator(int externalLegs, int order) {
        if (externalLegs < 1) {
            throw new IllegalArgumentException("MetricDiagramEnumerator: expected m >= 1 external legs, got "
                    + externalLegs);
        }
        if (order < 0) {
            throw new IllegalArgumentException("MetricDiagramEnumerator: expected order q >= 0, got " + order);
        }
        this.externalLegs = externalLegs;
        this.order = order;
    }

    /** The diagrams, in the canonical total order of {@link MetricDiagram}; an unmodifiable list. */
    public List<MetricDiagram> diagrams() {
        return List.copyOf(counts().keySet());
    }

    /**
     * The number of labelled configurations in the class of {@code diagram}: with {@code |Aut|}
     * it satisfies {@code count * |Aut| = prod_v r_v!}.
     *
     * @throws IllegalArgumentException if the diagram is not one of {@link #diagrams()}
     */
    public long labelledCount(MetricDiagram diagram) {
        Long c = counts().get(diagram);
        if (c == null) {
            throw new IllegalArgumentException("labelledCount: " + diagram + " is not a diagram of (m="
                    + externalLegs + ", q=" + order + ")");
        }
        return c;
    }

    /** The total number of labelled configurations. */
    public long labelledConfigurationCount() {
        return counts().values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<MetricDiagram, Long> counts() {
        if (counts == null) {
            Map<CanonicalForm, Long> byForm = new HashMap<>();
            forEachLabelled(c -> byForm.merge(c.canonicalForm(), 1L, Long::sum));
            List<MetricDiagram> ds = new ArrayList<>();
            for (CanonicalForm f : byForm.keySet()) {
                ds.add(MetricDiagram.of(f));
            }
            Collections.sort(ds);
            Map<MetricDiagram, Long> out = new LinkedHashMap<>();
            for (MetricDiagram d : ds) {
                long count = byForm.get(d.form());
                BigInteger legPermutations = BigInteger.ONE;
                for (Vertex v : d.vertices()) {
                    legPermutations = legPermutations.multiply(Combinatorics.factorial(v.derivativeLegs()));
                }
                if (!BigInteger.valueOf(count).multiply(d.symmetryFactor()).equals(legPermutations)) {
                    throw new IllegalStateException("diagram " + d + ": " + count
                            + " labelled configurations times |Aut| = " + d.symmetryFactor()
                            + " differs from prod r_v! = " + legPermutations);
                }
                out.put(d, count);
            }
            counts = Collections.unmodifiableMap(out);
        }
        return counts;
    }

    /** Streams every labelled configuration of (m, q), each exactly once. */
    void forEachLabelled(Consumer<LabelledConfiguration> action) {
        for (int[] block : Combinatorics.restrictedGrowthStrings(externalLegs)) {
            vertexLegCounts(block, Combinatorics.blocks(block), action);
        }
    }

    private void vertexLegCounts(int[] block, int k, Consumer<LabelledConfiguration> action) {
        int budget = order - (externalLegs - k);
        if (budget < 0) {
            return;
        }
        List<List<Integer>> legs = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            legs.add(new ArrayList<>());
        }
        for (int leg = 0; leg < externalLegs; leg++) {
            legs.get(block[leg]).add(leg + 1);
        }
        int[] r = new int[k];
        int min = k >= 2 ? 1 : 0;
        Arrays.fill(r, min);
        chooseLegCounts(legs, r, 0, 2 * budget - k * min, budget, action);
    }

    private void chooseLegCounts(List<List<Integer>> legs, int[] r, int v, int spare, int budget,
                                 Consumer<LabelledConfiguration> action) {
        if (spare < 0) {
            return;
        }
        if (v == r.length) {
            new LegPartitioner(legs, r, budget, action).run();
            return;
        }
        int base = r[v];
        for (int extra = 0; extra <= spare; extra++) {
            r[v] = base + extra;
            chooseLegCounts(legs, r, v + 1, spare - extra, budget, action);
        }
        r[v] = base;
    }

    /** Step 3 and 4 for one (pi, r): blob partitions of the labelled legs and blob orders. */
    private static final class LegPartitioner {
        private final List<Vertex> vertices = new ArrayList<>();
        private final int[] legVertex;
        private final int[] legBlob;
        private final int[] blobSize;
        private final int budget;
        private final Consumer<LabelledConfiguration> action;

        LegPartitioner(List<List<Integer>> legs, int[] r, int budget, Consumer<LabelledConfiguration> action) {
            int total = Arrays.stream(r).sum();
            legVertex = new int[total];
            int leg = 0;
            for (int v = 0; v < r.length; v++) {
                vertices.add(new Vertex(v, legs.get(v), r[v]));
                for (int j = 0; j < r[v]; j++) {
                    legVertex[leg++] = v;
                }
            }
            legBlob = new int[total];
            blobSize = new int[total];
            this.budget = budget;
            this.action = action;
        }

        void run() {
            if (legVertex.length == 0) {
                if (budget == 0) {
                    emit(0, new int[0]);
                }
                return;
            }
            assign(0, 0, 0);
        }

        private void assign(int leg, int blobs, int cost) {
            if (leg == legVertex.length) {
                if (connected(blobs)) {
                    int[] t = new int[blobs];
                    int minimal = 0;
                    for (int b = 0; b < blobs; b++) {
                        t[b] = Math.max(1, blobSize[b] - 1);
                        minimal += t[b];
                    }
                    distribute(t, 0, budget - minimal, blobs);
                }
                return;
            }
            for (int b = 0; b < blobs; b++) {
                int added = blobSize[b] >= 2 ? 1 : 0;
                if (cost + added <= budget) {
                    legBlob[leg] = b;
                    blobSize[b]++;
                    assign(leg + 1, blobs, cost + added);
                    blobSize[b]--;
                }
            }
            if (cost + 1 <= budget) {
                legBlob[leg] = blobs;
                blobSize[blobs] = 1;
                assign(leg + 1, blobs + 1, cost + 1);
                blobSize[blobs] = 0;
            }
        }

        private void distribute(int[] t, int b, int extra, int blobs) {
            if (b == blobs - 1) {
                t[b] += extra;
                emit(blobs, t);
                t[b] -= extra;
                return;
            }
            for (int e = 0; e <= extra; e++) {
                t[b] += e;
                distribute(t, b + 1, extra - e, blobs);
                t[b] -= e;
            }
        }

        /** Whether the vertices and the blobs {@code 0..blobs-1} form one connected graph (union–find). */
        private boolean connected(int blobs) {
            int k = vertices.size();
            if (k == 1) {
                return true;
            }
            UnionFind<Integer> joined = new UnionFind<>(new HashSet<>());
            for (int i = 0; i < k + blobs; i++) {
                joined.addElement(i);
            }
            for (int leg = 0; leg < legVertex.length; leg++) {
                joined.union(legVertex[leg], k + legBlob[leg]);
            }
            return joined.numberOfSets() == 1;
        }

        private void emit(int blobs, int[] t) {
            List<Integer> lv = new ArrayList<>(legVertex.length);
            List<Integer> lb = new ArrayList<>(legVertex.length);
            for (int i = 0; i < legVertex.length; i++) {
                lv.add(legVertex[i]);
                lb.add(legBlob[i]);
            }
            List<Integer> orders = new ArrayList<>(blobs);
            for (int b = 0; b < blobs; b++) {
                orders.add(t[b]);
            }
            action.accept(new LabelledConfiguration(vertices, lv, lb, orders));
        }
    }
}
