package org.feynet.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact moments of products of entries of n x n Gaussian matrices G with iid N(0, 1) entries, by Wick's theorem
 * enumerated: E[prod_f G^(label_f)_{r_f c_f}] summed over all index values = sum over the perfect matchings of the
 * factors that pair only equal labels (independent matrices) of n^(number of classes of index variables once every
 * pair (f, g) identifies r_f with r_g and c_f with c_g). The result is a polynomial in n, returned as its
 * coefficients. Independent of the samplers: it knows nothing of networks.
 *
 * <p>Traces of products of matrix powers are built from paths: a path of length m from index i to index j stands for
 * (G_m ... G_1)_{ij} = sum G_m(i, k1) G_(m-1)(k1, k2) ... G_1(k_(m-1), j), the factor next to j labelled 1. For a
 * weight-tied product every label is the same matrix.
 */
final class GaussianMatrixWick {

    /** One factor G^(label)_{row col}, its indices by variable number. */
    record Factor(int row, int col, int label) {}

    private final List<Factor> factors = new ArrayList<>();
    private final boolean tied;
    private int variables;

    GaussianMatrixWick(boolean tied) {
        this.tied = tied;
    }

    /** A new index variable, summed over 1..n. */
    int index() {
        return variables++;
    }

    /** Adds the factors of (G_m ... G_1)_{from, to}; length 0 identifies nothing and is not allowed here. */
    GaussianMatrixWick path(int from, int to, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("paths of length 0 are Kronecker deltas; write them out");
        }
        int current = from;
        for (int s = 0; s < length; s++) {
            int next = s == length - 1 ? to : index();
            factors.add(new Factor(current, next, tied ? 0 : length - s));
            current = next;
        }
        return this;
    }

    /** Coefficients c_k of the expectation sum_k c_k n^k. */
    long[] polynomial() {
        long[] counts = new long[variables + 1];
        int[] parent = new int[variables];
        for (int v = 0; v < variables; v++) {
            parent[v] = v;
        }
        match(new boolean[factors.size()], parent, counts);
        return counts;
    }

    /** The expectation at width n. */
    double at(double n) {
        long[] c = polynomial();
        double sum = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            sum = sum * n + c[k];
        }
        return sum;
    }

    private void match(boolean[] used, int[] parent, long[] counts) {
        int first = -1;
        for (int f = 0; f < used.length; f++) {
            if (!used[f]) {
                first = f;
                break;
            }
        }
        if (first < 0) {
            int classes = 0;
            for (int v = 0; v < parent.length; v++) {
                if (find(parent, v) == v) {
                    classes++;
                }
            }
            counts[classes]++;
            return;
        }
        used[first] = true;
        Factor f = factors.get(first);
        for (int g = first + 1; g < used.length; g++) {
            Factor h = factors.get(g);
            if (used[g] || h.label() != f.label()) {
                continue;
            }
            used[g] = true;
            int[] joined = parent.clone();
            union(joined, f.row(), h.row());
            union(joined, f.col(), h.col());
            match(used, joined, counts);
            used[g] = false;
        }
        used[first] = false;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    /** E tr((G^p)^T G^q) = sum_{ij} E (G^p)_{ij} (G^q)_{ij}. */
    static double traceOfPowers(boolean tied, int p, int q, double n) {
        GaussianMatrixWick w = new GaussianMatrixWick(tied);
        int i = w.index();
        int j = w.index();
        return w.path(i, j, p).path(i, j, q).at(n);
    }

    /** E tr(M^2), M = (G^m)^T G^m: sum_{ijkl} P_{ki} P_{kj} P_{lj} P_{li}, P = G^m. */
    static double traceOfSquare(boolean tied, int m, double n) {
        GaussianMatrixWick w = new GaussianMatrixWick(tied);
        int i = w.index();
        int j = w.index();
        int k = w.index();
        int l = w.index();
        return w.path(k, i, m).path(k, j, m).path(l, j, m).path(l, i, m).at(n);
    }

    /** E (tr M)^2, M = (G^m)^T G^m. */
    static double squareOfTrace(boolean tied, int m, double n) {
        GaussianMatrixWick w = new GaussianMatrixWick(tied);
        int i = w.index();
        int j = w.index();
        int i2 = w.index();
        int j2 = w.index();
        return w.path(i, j, m).path(i, j, m).path(i2, j2, m).path(i2, j2, m).at(n);
    }

    /**
     * lim_{n -> oo} f(n) for f(n) = f_oo + c/n + O(1/n^2): Richardson's 2 f(2N) - f(N) at N = 10^4 (error O(1/n^2),
     * about 1e-8 for the exact finite-n polynomials here).
     */
    static double richardson(java.util.function.DoubleUnaryOperator f) {
        double n = 1e4;
        return 2 * f.applyAsDouble(2 * n) - f.applyAsDouble(n);
    }
}
