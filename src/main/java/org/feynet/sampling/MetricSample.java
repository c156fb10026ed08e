package org.feynet.sampling;

import java.util.List;

/**
 * The statistics of the stochastic metric Ghat^(l) over N independent networks of width n, one entry per layer
 * l = 1..L, with standard errors from B batches (see {@link NetworkSampler} for the estimators).
 *
 * @param model          the network's name
 * @param width          the hidden width n
 * @param networks       N, the number of networks drawn
 * @param batches        B, the number of batches the standard errors come from
 * @param seed           the seed the sample is reproducible from
 * @param elapsedSeconds wall-clock time of the sampling
 * @param layers         per layer, from layer 1
 */
public record MetricSample(String model, int width, int networks, int batches, long seed, double elapsedSeconds,
                           List<Layer> layers) {

    public MetricSample {
        layers = List.copyOf(layers);
    }

    /** The statistics of layer l, from 1. */
    public Layer layer(int l) {
        return layers.get(l - 1);
    }

    /** Networks drawn per second of wall-clock time. */
    public double networksPerSecond() {
        return networks / elapsedSeconds;
    }

    /**
     * @param layer     l, from 1
     * @param mean      the sample mean of Ghat^(l)_{ab}, [a][b]
     * @param meanError its standard error, [a][b]
     * @param nCov      n times the sample covariance Cov(Ghat_{a1a2}, Ghat_{a3a4}), [a1][a2][a3][a4]; estimates
     *                  V4 + O(1/n) (the conventions of docs/OUTPUTS.md)
     * @param nCovError its standard error, same indices
     */
    public record Layer(int layer, double[][] mean, double[][] meanError, double[][][][] nCov,
                        double[][][][] nCovError) {}
}
