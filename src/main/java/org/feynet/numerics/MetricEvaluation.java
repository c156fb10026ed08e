package org.feynet.numerics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;

/**
 * Runs generated {@link LayerRecursions} through the layers of a network: layer 1 holds the deterministic first-layer
 * metric K^(1) and, for the NTK, the first-layer NTK H^(1) (all corrections and cumulants zero), and each later layer
 * follows from the one before by the recursions. Only one representative of each symmetry class of index tuples is
 * computed, in parallel.
 */
public final class MetricEvaluation {

    private MetricEvaluation() {}

    /**
     * @param engine   the Gaussian expectations of the model's activation
     * @param progress called with each finished layer index (may be a no-op)
     * @throws NumericalTrouble when a statistic stops being finite
     */
    public static MetricStatistics run(LayerRecursions recursions, MlpModel model, GaussianMoments engine,
                                       IntConsumer progress) {
        int p = model.inputs();
        LayerState state = LayerState.empty(p).with(Statistic.K0, canonical(model.firstLayerMetric()));
        if (recursions.targets().contains(Statistic.H0)) {
            state = state.with(Statistic.H0, canonical(model.firstLayerNtk()));
        }
        Hyperparameters h = Hyperparameters.of(model);
        List<MetricStatistics.Layer> layers = new ArrayList<>();
        layers.add(snapshot(1, state, recursions.targets()));
        progress.accept(1);
        for (int l = 2; l <= model.depth(); l++) {
            state = step(recursions, state, engine, h);
            Statistic bad = state.firstNonFinite();
            if (bad != null) {
                throw new NumericalTrouble("layer " + l + ": " + bad
                        + " is not finite (the kernel may be singular or the network may diverge)");
            }
            layers.add(snapshot(l, state, recursions.targets()));
            progress.accept(l);
        }
        return new MetricStatistics(model.name(), p, recursions.order(), recursions.targets(), layers);
    }

    /** The independent components of a symmetric P x P matrix, in {@link LayerState#canonicalTuples} order. */
    private static double[] canonical(double[][] matrix) {
        List<int[]> tuples = LayerState.canonicalTuples(matrix.length, Statistic.K0);
        double[] values = new double[tuples.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = matrix[tuples.get(k)[0]][tuples.get(k)[1]];
        }
        return values;
    }

    /** The next layer's state from the previous one. */
    public static LayerState step(LayerRecursions recursions, LayerState previous, GaussianMoments engine,
                                  Hyperparameters h) {
        int p = previous.inputs();
        MomentTable moments = new MomentTable(engine, previous.tensor(Statistic.K0).asMatrix());
        LayerState next = LayerState.empty(p);
        List<Statistic> targets = recursions.targets();
        for (int target = 0; target < targets.size(); target++) {
            int index = target;
            List<int[]> tuples = LayerState.canonicalTuples(p, targets.get(target));
            double[] values = IntStream.range(0, tuples.size()).parallel()
                    .mapToDouble(k -> recursions.component(index, tuples.get(k), previous, moments, h))
                    .toArray();
            next = next.with(targets.get(target), values);
        }
        return next;
    }

    /** Every target of the derivation, zero where the state has none. */
    private static MetricStatistics.Layer snapshot(int layer, LayerState s, List<Statistic> targets) {
        Map<Statistic, Tensor> tensors = new LinkedHashMap<>();
        for (Statistic t : targets) {
            Tensor x = s.tensor(t);
            tensors.put(t, x != null ? x : Tensor.zeros(s.inputs(), t.rank()));
        }
        return new MetricStatistics.Layer(layer, tensors);
    }
}
