package org.feynet.numerics;

import java.util.List;
import org.feynet.model.Closure;

/**
 * The O(1/n) statistics of a residual network at every layer l = 0..L (docs/OUTPUTS.md): of the stream kernel
 * R^(l) = (1/n) sum_i z_i z_i^T and of the metric Cb + Cw G^(l) that feeds the increment into layer l+1. For each,
 * E = K0 + K1/n + O(1/n^2) and n Cov(X_ab, X_cd) = V4[a][b][c][d] + O(1/n).
 *
 * @param model   the network's name
 * @param closure the state the statistics were propagated on
 * @param layers  layers 0..L
 */
public record ResidualStatistics(String model, Closure closure, List<Layer> layers) {

    public ResidualStatistics {
        layers = List.copyOf(layers);
    }

    /** P. */
    public int inputs() {
        return layers.get(0).stream().k0().length;
    }

    /** One kernel's statistics: K0[a][b], K1[a][b], V4[a][b][c][d]. */
    public record Kernel(double[][] k0, double[][] k1, double[][][][] v4) {}

    /** Layer l: the stream kernel R and the metric. */
    public record Layer(int layer, Kernel stream, Kernel metric) {}
}
