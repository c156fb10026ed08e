package org.feynet.sampling;

import java.util.ArrayList;
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
     * The layers of a sample from per-batch moments of the P^2 flattened entries u = a P + b: the mean over all
     * networks and n times their covariance, each with the standard error of the B per-batch estimates
     * ({@link Batches#standardErrorOfAverage}); layers numbered from 1.
     */
    static List<Layer> fromBatches(List<Moments> parts, int layers, int p, int width) {
        Moments all = Moments.withEntries(layers, p * p);
        parts.forEach(all::absorb);
        double[] values = new double[parts.size()];
        List<Layer> result = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[][] mean = new double[p][p];
            double[][] meanError = new double[p][p];
            double[][][][] nCov = new double[p][p][p][p];
            double[][][][] nCovError = new double[p][p][p][p];
            for (int u = 0; u < p * p; u++) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = parts.get(k).mean(l, u);
                }
                mean[u / p][u % p] = all.mean(l, u);
                meanError[u / p][u % p] = Batches.standardErrorOfAverage(values);
                for (int v = 0; v < p * p; v++) {
                    for (int k = 0; k < values.length; k++) {
                        values[k] = parts.get(k).covariance(l, u, v);
                    }
                    nCov[u / p][u % p][v / p][v % p] = width * all.covariance(l, u, v);
                    nCovError[u / p][u % p][v / p][v % p] = width * Batches.standardErrorOfAverage(values);
                }
            }
            result.add(new Layer(l + 1, mean, meanError, nCov, nCovError));
        }
        return result;
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
