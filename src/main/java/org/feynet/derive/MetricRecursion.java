package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;

/**
 * The recursion for one statistic of the metric: the coefficient of n^{-order} in the joint cumulant of
 * {@code legs} entries Ghat^(l+1)_{a_1 b_1}, ..., Ghat^(l+1)_{a_m b_m}, in terms of layer l (SPEC section 5).
 * (legs, order) = (1, 0) is K0, (1, 1) is K1, (2, 1) is V4, (1, 2) is K2, (2, 2) is V4_1, (3, 2) is T6.
 *
 * @param diagrams the diagrams it came from, with their weights
 * @param terms    the simplified terms
 */
public record MetricRecursion(int legs, int order, List<DiagramShape> diagrams, List<Term> terms) {

    public MetricRecursion {
        diagrams = List.copyOf(diagrams);
        terms = List.copyOf(terms);
    }

    /** The tensor this recursion computes: K0, K1, V4, ... */
    public String name() {
        return Names.tensorName(legs, order);
    }

    /** The external index names a_1, b_1, ..., a_m, b_m. */
    public List<String> externalIndices() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= legs; i++) {
            out.add(Names.externalFirst(i));
            out.add(Names.externalSecond(i));
        }
        return out;
    }

    /**
     * The statistics needed to reach order 1/n^p: the mean to every order 0..p and, for each cumulant size
     * m = 2..p+1, the orders m-1..p.
     */
    public static List<int[]> targets(int p) {
        List<int[]> out = new ArrayList<>();
        for (int q = 0; q <= p; q++) {
            out.add(new int[] {1, q});
        }
        for (int m = 2; m <= p + 1; m++) {
            for (int q = m - 1; q <= p; q++) {
                out.add(new int[] {m, q});
            }
        }
        return out;
    }
}
