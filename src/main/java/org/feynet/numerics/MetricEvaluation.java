package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.feynet.model.MlpModel;

/**
 * Runs a generated {@link MetricEvaluator} through the layers of a network: layer 1 holds the deterministic
 * first-layer metric K^(1) (all corrections and cumulants zero), and each later layer follows from the one before
 * by the recursions. Components are computed in parallel over index tuples; only one representative of each
 * symmetry class is computed.
 */
public final class MetricEvaluation {

    private MetricEvaluation() {}

    /**
     * @param progress called with each finished layer index (may be a no-op)
     * @throws NumericalTrouble when a statistic stops being finite
     */
    public static MetricStatistics run(MetricEvaluator evaluator, MlpModel model, GaussianMoments engine,
                                       IntConsumer progress) {
        int p = model.inputs();
        LayerState state = new LayerState(p);
        double[][] k1 = model.firstLayerMetric();
        for (int[] t : LayerState.canonicalTuples(p, 1)) {
            state.putSymmetric(1, 0, t, k1[t[0]][t[1]]);
        }
        List<MetricStatistics.Layer> layers = new ArrayList<>();
        layers.add(snapshot(1, state, evaluator.order()));
        progress.accept(1);
        for (int l = 2; l <= model.depth(); l++) {
            state = step(evaluator, state, engine, model.cb(), model.cw());
            String bad = state.firstNonFinite();
            if (bad != null) {
                throw new NumericalTrouble("layer " + l + ": the statistic of " + bad
                        + " is not finite (the kernel may be singular or the network may diverge)");
            }
            layers.add(snapshot(l, state, evaluator.order()));
            progress.accept(l);
        }
        return new MetricStatistics(model.name(), p, evaluator.order(), layers);
    }

    /** The next layer's state from the previous one. */
    public static LayerState step(MetricEvaluator evaluator, LayerState previous, GaussianMoments engine,
                                  double cb, double cw) {
        int p = previous.inputs();
        double[][] k0 = (double[][]) previous.nested(1, 0);
        MomentTable moments = new MomentTable(engine, k0);
        LayerState next = new LayerState(p);
        int[][] targets = evaluator.targets();
        for (int target = 0; target < targets.length; target++) {
            int size = targets[target][0];
            int order = targets[target][1];
            int index = target;
            LayerState.canonicalTuples(p, size).parallelStream().forEach(ext -> next.putSymmetric(size, order, ext,
                    evaluator.component(index, ext, previous, moments, cb, cw)));
        }
        return next;
    }

    private static MetricStatistics.Layer snapshot(int layer, LayerState s, int order) {
        return new MetricStatistics.Layer(layer,
                (double[][]) s.nested(1, 0),
                order >= 1 ? (double[][]) s.nested(1, 1) : null,
                order >= 2 ? (double[][]) s.nested(1, 2) : null,
                order >= 1 ? (double[][][][]) s.nested(2, 1) : null,
                order >= 2 ? (double[][][][]) s.nested(2, 2) : null,
                order >= 2 ? (double[][][][][][]) s.nested(3, 2) : null);
    }
}
