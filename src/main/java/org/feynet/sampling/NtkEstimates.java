package org.feynet.sampling;

import static org.feynet.sampling.NtkMoments.METRIC;
import static org.feynet.sampling.NtkMoments.NTK_11;
import static org.feynet.sampling.NtkMoments.NTK_22;

import java.util.List;

/**
 * The estimators of {@link NtkSampler}, layer by layer: each entry is a function of a set of moments, evaluated
 * on all N networks for the estimate and on each batch for the batch-means standard error
 * ({@link Batches#standardErrorOfAverage}).
 */
final class NtkEstimates {

    /** One entry [a][b] of a matrix statistic, as a function of the moments of layer index t. */
    @FunctionalInterface
    private interface MatrixEntry {
        double of(NtkMoments m, int a, int b);
    }

    /** One entry [a][b][c][d] of a four-index statistic. */
    @FunctionalInterface
    private interface TensorEntry {
        double of(NtkMoments m, int a, int b, int c, int d);
    }

    private final NtkMoments all;
    private final List<NtkMoments> parts;
    private final int inputs;
    private final double width;
    private final double[] values;

    NtkEstimates(List<NtkMoments> parts, int depth, int inputs, int width) {
        this.parts = parts;
        this.inputs = inputs;
        this.width = width;
        this.values = new double[parts.size()];
        this.all = new NtkMoments(depth, inputs);
        for (NtkMoments part : parts) {
            all.absorb(part);
        }
    }

    /** The statistics of layer index t (layer t + 1). */
    NtkSample.Layer layer(int t) {
        NtkSample.MatrixEstimate metricMean = matrix((m, a, b) -> m.mean(t, METRIC, pair(a, b)));
        NtkSample.TensorEstimate metricCov = tensor((m, a, b, c, d) ->
                width * m.covariance(t, METRIC, pair(a, b), METRIC, pair(c, d)));
        MetricSample.Layer metric = new MetricSample.Layer(t + 1, metricMean.value(), metricMean.error(),
                metricCov.value(), metricCov.error());
        return new NtkSample.Layer(t + 1, metric,
                matrix((m, a, b) -> (m.mean(t, NTK_11, pair(a, b)) + m.mean(t, NTK_22, pair(a, b))) / 2),
                tensor((m, a, b, c, d) -> pooledCovariance(m, t, NTK_11, NTK_11, pair(a, b), pair(c, d))),
                tensor((m, a, b, c, d) -> pooledCovariance(m, t, NTK_11, NTK_22, pair(a, b), pair(c, d))),
                tensor((m, a, b, c, d) -> width * m.offDiagonalProduct(t, pair(a, b), pair(c, d))),
                tensor((m, a, b, c, d) -> pooledCovariance(m, t, METRIC, NTK_11, pair(a, b), pair(c, d))),
                tensor((m, a, b, c, d) -> width * m.preactivationProduct(t, pair(a, b), c, d)));
    }

    /**
     * n Cov(X_u, Y_v) pooled over the exchange of neurons 1 and 2, which maps the blocks NTK_11 and NTK_22 into each
     * other and fixes METRIC: n (Cov(X_u, Y_v) + Cov(X'_u, Y'_v)) / 2 with X' the image of X.
     */
    private double pooledCovariance(NtkMoments m, int t, int x, int y, int u, int v) {
        return width * (m.covariance(t, x, u, y, v) + m.covariance(t, swap(x), u, swap(y), v)) / 2;
    }

    /** The block of the image under the exchange of neurons 1 and 2. */
    private static int swap(int block) {
        return switch (block) {
            case NTK_11 -> NTK_22;
            case NTK_22 -> NTK_11;
            default -> block;
        };
    }

    private int pair(int a, int b) {
        return a * inputs + b;
    }

    private NtkSample.MatrixEstimate matrix(MatrixEntry entry) {
        double[][] value = new double[inputs][inputs];
        double[][] error = new double[inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                value[a][b] = entry.of(all, a, b);
                for (int k = 0; k < values.length; k++) {
                    values[k] = entry.of(parts.get(k), a, b);
                }
                error[a][b] = Batches.standardErrorOfAverage(values);
            }
        }
        return new NtkSample.MatrixEstimate(value, error);
    }

    private NtkSample.TensorEstimate tensor(TensorEntry entry) {
        double[][][][] value = new double[inputs][inputs][inputs][inputs];
        double[][][][] error = new double[inputs][inputs][inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                for (int c = 0; c < inputs; c++) {
                    for (int d = 0; d < inputs; d++) {
                        value[a][b][c][d] = entry.of(all, a, b, c, d);
                        for (int k = 0; k < values.length; k++) {
                            values[k] = entry.of(parts.get(k), a, b, c, d);
                        }
                        error[a][b][c][d] = Batches.standardErrorOfAverage(values);
                    }
                }
            }
        }
        return new NtkSample.TensorEstimate(value, error);
    }
}
