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
        List<int[]> tuples = canonicalTuples(inputs, statistic);
        if (tuples.size() != canonicalValues.length) {
            throw new IllegalArgumentException(statistic + " has " + tuples.size() + " independent components over "
                    + inputs + " samples, got " + canonicalValues.length);
        }
        double[] values = new double[Tensor.size(inputs, statistic.rank())];
        for (int k = 0; k < tuples.size(); k++) {
            for (int[] image : images(tuples.get(k), statistic)) {
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
     * One representative per symmetry class of index tuples of a statistic ({@link Statistic#symmetries}): the
     * lexicographically smallest tuple of each class, in lexicographic order. For the metric that is: each pair
     * sorted, pairs in non-decreasing order.
     */
    public static List<int[]> canonicalTuples(int inputs, Statistic statistic) {
        List<int[]> symmetries = statistic.symmetries();
        List<int[]> out = new ArrayList<>();
        int rank = statistic.rank();
        int[] tuple = new int[rank];
        int count = Tensor.size(inputs, rank);
        for (int code = 0; code < count; code++) {
            for (int k = rank - 1, r = code; k >= 0; k--, r /= inputs) {
                tuple[k] = r % inputs;
            }
            if (isSmallestImage(tuple, symmetries)) {
                out.add(tuple.clone());
            }
        }
        return out;
    }

    private static boolean isSmallestImage(int[] tuple, List<int[]> symmetries) {
        for (int[] permutation : symmetries) {
            for (int k = 0; k < tuple.length; k++) {
                int c = Integer.compare(tuple[permutation[k]], tuple[k]);
                if (c < 0) {
                    return false;
                }
                if (c > 0) {
                    break;
                }
            }
        }
        return true;
    }

    /** All index tuples equal to {@code indices} under the statistic's symmetries (with repetitions). */
    static List<int[]> images(int[] indices, Statistic statistic) {
        List<int[]> out = new ArrayList<>();
        for (int[] permutation : statistic.symmetries()) {
            int[] image = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                image[k] = indices[permutation[k]];
            }
            out.add(image);
        }
        return out;
    }
}
