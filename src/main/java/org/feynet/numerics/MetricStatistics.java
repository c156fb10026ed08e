package org.feynet.numerics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Statistic;

/**
 * The predicted statistics of the stochastic metric Ghat^(l), one entry per layer l = 1..L (docs/OUTPUTS.md):
 * E[Ghat] = K0 + K1/n + K2/n^2 + ..., n Cov(Ghat_{a1a2}, Ghat_{a3a4}) = V4 + V4_1/n + ...,
 * n^2 kappa_3 = T6 + ..., each a {@link Tensor} indexed by samples.
 *
 * @param model      the network's name
 * @param inputs     P
 * @param order      the order p in 1/n of the recursions
 * @param statistics the statistics every layer holds, in evaluation order
 * @param layers     per layer, from layer 1
 */
public record MetricStatistics(String model, int inputs, int order, List<Statistic> statistics, List<Layer> layers) {

    public MetricStatistics {
        statistics = List.copyOf(statistics);
        layers = List.copyOf(layers);
    }

    /** The statistics of layer l, from 1. */
    public Layer layer(int l) {
        return layers.get(l - 1);
    }

    /**
     * The statistics of one layer.
     *
     * @param layer   the layer index l, from 1
     * @param tensors every statistic of the derivation, in evaluation order (zero where the layer has none, as at
     *                layer 1)
     */
    public record Layer(int layer, Map<Statistic, Tensor> tensors) {

        public Layer {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }

        /** Whether the layer holds this statistic. */
        public boolean has(Statistic statistic) {
            return tensors.containsKey(statistic);
        }

        /** The tensor of a statistic the derivation computed. */
        public Tensor tensor(Statistic statistic) {
            Tensor t = tensors.get(statistic);
            if (t == null) {
                throw new IllegalArgumentException("layer " + layer + " has no " + statistic
                        + " (it is not derived at this order)");
            }
            return t;
        }

        /** One component of a statistic. */
        public double get(Statistic statistic, int... indices) {
            return tensor(statistic).get(indices);
        }

        /** A statistic of one metric entry (K0, K1, K2) as a P x P matrix. */
        public double[][] matrix(Statistic statistic) {
            return tensor(statistic).asMatrix();
        }
    }
}
