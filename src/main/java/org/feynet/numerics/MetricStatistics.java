package org.feynet.numerics;

import java.util.List;

/**
 * The predicted statistics of the stochastic metric Ghat^(l), one entry per layer l = 1..L (SPEC section 6):
 * E[Ghat] = K0 + K1/n + K2/n^2 + ..., n Cov(Ghat_{a1a2}, Ghat_{a3a4}) = V4 + V4_1/n + ...,
 * n^2 kappa_3 = T6 + ... Arrays are indexed by samples; absent orders are null.
 */
public record MetricStatistics(String model, int inputs, int order, List<Layer> layers) {

    public MetricStatistics {
        layers = List.copyOf(layers);
    }

    /**
     * @param layer the layer index l, from 1
     * @param k0    K0[a][b], the infinite-width kernel
     * @param k1    K1[a][b], the 1/n mean correction (null at order 0)
     * @param k2    K2[a][b], the 1/n^2 mean correction (null below order 2)
     * @param v4    V4[a1][a2][a3][a4] = lim n Cov(Ghat_{a1a2}, Ghat_{a3a4}) (null at order 0)
     * @param v4_1  the 1/n correction of n Cov (null below order 2)
     * @param t6    lim n^2 kappa_3 of three metric entries, [a1]..[a6] (null below order 2)
     */
    public record Layer(int layer, double[][] k0, double[][] k1, double[][] k2,
                        double[][][][] v4, double[][][][] v4_1, double[][][][][][] t6) {}
}
