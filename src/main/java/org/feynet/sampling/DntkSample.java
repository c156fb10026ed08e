package org.feynet.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.Statistic;

/**
 * The dNTK statistics P, Q and, when sampled, the ddNTK statistics R, S, T, U (PDLT chapter 11; definitions in
 * {@link Statistic.Kind} and {@link DntkSampler}) of N independent networks of width n, one entry per layer
 * l = 1..L, each a four-index tensor [a][b][c][d] with its batch-means standard error. They estimate the leading
 * 1/n coefficients, n E[...] at this width. At layer 1 every statistic is zero, with zero error.
 *
 * @param model          the network's name
 * @param width          the hidden width n
 * @param networks       N, the number of networks drawn
 * @param batches        B, the number of batches the standard errors come from
 * @param seed           the seed the sample is reproducible from
 * @param lambdaB        the learning rate lambda_b of the biases
 * @param lambdaW        the learning rate lambda_W of the weights (lambda_W / n_{l-1} per weight)
 * @param statistics     the statistics sampled: P, Q, or P, Q, R, S, T, U
 * @param elapsedSeconds wall-clock time of the sampling
 * @param layers         per layer, from layer 1
 */
public record DntkSample(String model, int width, int networks, int batches, long seed, double lambdaB,
                         double lambdaW, List<Statistic> statistics, double elapsedSeconds, List<Layer> layers) {

    public DntkSample {
        statistics = List.copyOf(statistics);
        layers = List.copyOf(layers);
    }

    /** The statistics of layer l, from 1. */
    public Layer layer(int l) {
        return layers.get(l - 1);
    }

    /** The estimate of {@code statistic} at layer l (from 1). */
    public NtkSample.TensorEstimate estimate(Statistic statistic, int l) {
        return layer(l).estimate(statistic);
    }

    /** Whether the ddNTK statistics R, S, T, U were sampled. */
    public boolean hasDdntk() {
        return statistics.contains(Statistic.R);
    }

    /** Networks drawn per second of wall-clock time. */
    public double networksPerSecond() {
        return networks / elapsedSeconds;
    }

    /**
     * @param layer     l, from 1
     * @param estimates per statistic (in the order P, Q, R, S, T, U), n E[...] [a][b][c][d] and its standard error
     */
    public record Layer(int layer, Map<Statistic, NtkSample.TensorEstimate> estimates) {

        public Layer {
            estimates = Collections.unmodifiableMap(new LinkedHashMap<>(estimates));
        }

        /**
         * The estimate of {@code statistic}.
         *
         * @throws IllegalArgumentException if it was not sampled (R, S, T, U of a dNTK-only sample, or not a dNTK
         *                                  statistic)
         */
        public NtkSample.TensorEstimate estimate(Statistic statistic) {
            NtkSample.TensorEstimate e = estimates.get(statistic);
            if (e == null) {
                throw new IllegalArgumentException(statistic + " was not sampled at layer " + layer
                        + " (sampled: " + estimates.keySet() + ")");
            }
            return e;
        }
    }
}
