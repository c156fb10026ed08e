package org.feynet.sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of the stochastic metric Ghat^(l) and of the neural tangent kernel Theta^(l) over N independent
 * networks of width n, one entry per layer l = 1..L, with standard errors from B batches (see {@link NtkSampler}
 * for the estimators). Neurons i, j are output neurons of layer l; the statistics do not depend on which.
 *
 * @param model          the network's name
 * @param width          the hidden width n
 * @param networks       N, the number of networks drawn
 * @param batches        B, the number of batches the standard errors come from
 * @param seed           the seed the sample is reproducible from
 * @param lambdaB        the learning rate lambda_b of the biases
 * @param lambdaW        the learning rate lambda_W of the weights (lambda_W / n_{l-1} per weight)
 * @param elapsedSeconds wall-clock time of the sampling
 * @param layers         per layer, from layer 1
 */
public record NtkSample(String model, int width, int networks, int batches, long seed, double lambdaB,
                        double lambdaW, double elapsedSeconds, List<Layer> layers) {

    public NtkSample {
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

    /** The metric statistics alone, as the metric sampler reports them. */
    public MetricSample metric() {
        return new MetricSample(model, width, networks, batches, seed, elapsedSeconds,
                layers.stream().map(Layer::metric).toList());
    }

    /** An estimated P x P matrix [a][b] and its standard errors. */
    public record MatrixEstimate(double[][] value, double[][] error) {}

    /** An estimated four-index tensor [a][b][c][d] and its standard errors. */
    public record TensorEstimate(double[][][][] value, double[][][][] error) {}

    /**
     * @param layer               l, from 1
     * @param metric              E[Ghat^(l)_{ab}] and n Cov(Ghat^(l)_{ab}, Ghat^(l)_{cd}), as the metric sampler
     * @param ntkMean             "ntk_mean": E[Theta_{ii;ab}], estimates H0 + H1/n
     * @param ntkSame             "ntk_same": n Cov(Theta_{ii;ab}, Theta_{ii;cd})
     * @param ntkOther            "ntk_other": n Cov(Theta_{11;ab}, Theta_{22;cd})
     * @param ntkOff              "ntk_off": n E[Theta_{12;ab} Theta_{12;cd}]
     * @param ntkMetric           "ntk_metric": n Cov(Ghat_{ab}, Theta_{ii;cd})
     * @param ntkPreactivationOff "ntk_preactivation_off": n E[Theta_{12;ab} z_{1;c} z_{2;d}]
     */
    public record Layer(int layer, MetricSample.Layer metric, MatrixEstimate ntkMean, TensorEstimate ntkSame,
                        TensorEstimate ntkOther, TensorEstimate ntkOff, TensorEstimate ntkMetric,
                        TensorEstimate ntkPreactivationOff) {

        /** The four-index NTK statistics keyed by their JSON names, in the order of the record. */
        public Map<String, TensorEstimate> fourPoint() {
            Map<String, TensorEstimate> m = new LinkedHashMap<>();
            m.put("ntk_same", ntkSame);
            m.put("ntk_other", ntkOther);
            m.put("ntk_off", ntkOff);
            m.put("ntk_metric", ntkMetric);
            m.put("ntk_preactivation_off", ntkPreactivationOff);
            return m;
        }
    }
}
