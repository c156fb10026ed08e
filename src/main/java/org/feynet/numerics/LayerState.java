package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one layer's metric Ghat^(l) for P inputs: for each (size r, order t) the tensor of
 * coefficients of n^{-t} in the joint cumulant of r metric entries (size 1: the mean, K0, K1, ...; size 2:
 * V4, V4_1; size 3: T6), stored densely with 2r sample indices. Tensors absent from the state read as zero
 * (the first layer's metric is deterministic, so all its corrections and cumulants vanish).
 */
public final class LayerState {

    private final int inputs;
    private final Map<Integer, double[]> tensors = new TreeMap<>();

    public LayerState(int inputs) {
        this.inputs = inputs;
    }

    public int inputs() {
        return inputs;
    }

    private static int key(int size, int order) {
        return size * 1000 + order;
    }

    /** Component (i_1 j_1)...(i_r j_r) of tensor (size, order); zero when absent. */
    public double get(int size, int order, int... indices) {
        double[] t = tensors.get(key(size, order));
        return t == null ? 0 : t[offset(indices)];
    }

    /** Sets a component and all its images under the cumulant symmetries (within pairs, between pairs). */
    public synchronized void putSymmetric(int size, int order, int[] indices, double value) {
        double[] t = tensors.computeIfAbsent(key(size, order), k -> new double[pow(inputs, 2 * size)]);
        for (int[] image : images(indices)) {
            t[offset(image)] = value;
        }
    }

    /** The whole tensor as nested arrays (P x P for size 1, P^4 for size 2, P^6 for size 3). */
    public Object nested(int size, int order) {
        double[] t = tensors.getOrDefault(key(size, order), new double[pow(inputs, 2 * size)]);
        return nest(t, 2 * size, 0);
    }

    private Object nest(double[] flat, int rank, int start) {
        if (rank == 1) {
            return Arrays.copyOfRange(flat, start, start + inputs);
        }
        int[] dims = new int[rank];
        Arrays.fill(dims, inputs);
        Object out = java.lang.reflect.Array.newInstance(double.class, dims);
        int block = pow(inputs, rank - 1);
        for (int i = 0; i < inputs; i++) {
            java.lang.reflect.Array.set(out, i, nest(flat, rank - 1, start + i * block));
        }
        return out;
    }

    /** True when every stored component is finite; otherwise names the first bad tensor. */
    public String firstNonFinite() {
        for (Map.Entry<Integer, double[]> e : tensors.entrySet()) {
            for (double v : e.getValue()) {
                if (!Double.isFinite(v)) {
                    return "size " + e.getKey() / 1000 + ", order " + e.getKey() % 1000;
                }
            }
        }
        return null;
    }

    private int offset(int[] indices) {
        int o = 0;
        for (int i : indices) {
            o = o * inputs + i;
        }
        return o;
    }

    /**
     * One representative per symmetry class of index tuples for a cumulant of {@code size} metric entries:
     * each pair sorted, pairs in non-decreasing lexicographic order.
     */
    public static List<int[]> canonicalTuples(int inputs, int size) {
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < inputs; a++) {
            for (int b = a; b < inputs; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        List<int[]> out = new ArrayList<>();
        choose(pairs, size, 0, new int[2 * size], 0, out);
        return out;
    }

    private static void choose(List<int[]> pairs, int size, int from, int[] acc, int depth, List<int[]> out) {
        if (depth == size) {
            out.add(acc.clone());
            return;
        }
        for (int p = from; p < pairs.size(); p++) {
            acc[2 * depth] = pairs.get(p)[0];
            acc[2 * depth + 1] = pairs.get(p)[1];
            choose(pairs, size, p, acc, depth + 1, out);
        }
    }

    /** All index tuples equal to {@code indices} under swaps within pairs and permutations of pairs. */
    static List<int[]> images(int[] indices) {
        int size = indices.length / 2;
        List<int[]> out = new ArrayList<>();
        permute(indices, size, new int[size], new boolean[size], 0, out);
        return out;
    }

    private static void permute(int[] idx, int size, int[] order, boolean[] used, int depth, List<int[]> out) {
        if (depth == size) {
            for (int flips = 0; flips < (1 << size); flips++) {
                int[] image = new int[2 * size];
                for (int k = 0; k < size; k++) {
                    boolean flip = ((flips >> k) & 1) == 1;
                    image[2 * k] = idx[2 * order[k] + (flip ? 1 : 0)];
                    image[2 * k + 1] = idx[2 * order[k] + (flip ? 0 : 1)];
                }
                out.add(image);
            }
            return;
        }
        for (int p = 0; p < size; p++) {
            if (!used[p]) {
                used[p] = true;
                order[depth] = p;
                permute(idx, size, order, used, depth + 1, out);
                used[p] = false;
            }
        }
    }

    private static int pow(int base, int exponent) {
        int r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }
}
