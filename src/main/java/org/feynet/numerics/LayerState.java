package org.feynet.numerics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feynet.model.Statistic;

/**
 * The statistics of one layer: a map from {@link Statistic} to its {@link Tensor}. Statistics absent from the state
 * read as zero (the first layer's metric is deterministic, so all its corrections and cumulants vanish).
 * Immutable: a state is assembled by {@link #with} from computed components.
 */
public final class LayerState {

    private final int inputs;
    private final Map<Statistic, Tensor> tensors;

    private LayerState(int inputs, Map<Statistic, Tensor> tensors) {
        this.inputs = inputs;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** The state with no statistics, over P samples. */
    public static LayerState empty(int inputs) {
        return new LayerState(inputs, new TreeMap<>());
    }

    public int inputs() {
        return inputs;
    }

    /** The statistics present, in their natural order. */
    public Map<Statistic, Tensor> tensors() {
        return tensors;
    }

    /** The tensor of a statistic, or null when absent (zero). */
    public Tensor tensor(Statistic statistic) {
        return tensors.get(statistic);
    }

    /** Component (i_1 j_1)...(i_r j_r) of a statistic; zero when the statistic is absent. */
    public double get(Statistic statistic, int... indices) {
        Tensor t = tensors.get(statistic);
        return t == null ? 0 : t.get(indices);
    }

    /**
     * This state with one more statistic, given by its values on the canonical index tuples of
     * {@link #canonicalTuples} (in that order) and extended to every tuple by the cumulant symmetries.
     */
    public LayerState with(Statistic statistic, double[] canonicalValues) {
        List<int[]> tuples = canonicalTuples(inputs, statistic.size());
        if (tuples.size() != canonicalValues.length) {
            throw new IllegalArgumentException(statistic + " has " + tuples.size() + " independent components over "
                    + inputs + " samples, got " + canonicalValues.length);
        }
        double[] values = new double[Tensor.size(inputs, statistic.rank())];
        for (int k = 0; k < tuples.size(); k++) {
            for (int[] image : images(tuples.get(k))) {
                values[Tensor.offset(inputs, image)] = canonicalValues[k];
            }
        }
        Map<Statistic, Tensor> next = new TreeMap<>(tensors);
        next.put(statistic, Tensor.of(inputs, statistic.rank(), values));
        return new LayerState(inputs, next);
    }

    /** The first statistic with a non-finite component, or null when all are finite. */
    public Statistic firstNonFinite() {
        for (Map.Entry<Statistic, Tensor> e : tensors.entrySet()) {
            if (!e.getValue().isFinite()) {
                return e.getKey();
            }
        }
        return null;
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
}
