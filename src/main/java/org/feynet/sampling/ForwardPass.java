package org.feynet.sampling;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;

/**
 * One real network of width n drawn and run forward on the P inputs at once, recording its stochastic metrics
 * (the conventions of docs/OUTPUTS.md, PDLT eq. 4.70):
 * Ghat^(1) = K^(1) and Ghat^(l+1)_{ab} = Cb + (Cw/n) sum_j sigma(z^(l)_{j;a}) sigma(z^(l)_{j;b}), l = 1..L-1,
 * where z^(l+1)_{i;a} = b_i + sum_j W_ij sigma(z^(l)_{j;a}) with explicit b_i ~ N(0, Cb), W_ij ~ N(0, Cw/n).
 * Each row of W is drawn into a buffer of n normals and used at once on all inputs, so no n x n matrix is stored;
 * the last weight matrix W^(L) is never drawn since Ghat^(L) needs only sigma(z^(L-1)).
 * Cost per network: (L-2) n^2 normal draws and (L-2) n^2 P multiply-adds. Not thread-safe: one per thread.
 */
final class ForwardPass {

    private final int width;
    private final int inputs;
    private final int depth;
    private final double cb;
    private final double cw;
    private final double weightScale;
    private final double biasScale;
    private final DoubleUnaryOperator sigma;
    private final FirstLayer firstLayer;
    private final double[] firstMetric;
    private double[][] z;
    private double[][] next;
    private final double[][] activations;
    private final double[] row;

    ForwardPass(MlpModel model, int width) {
        this.width = width;
        this.inputs = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.weightScale = Math.sqrt(cw / width);
        this.biasScale = Math.sqrt(cb);
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.firstLayer = FirstLayer.of(model);
        double[][] k1 = model.firstLayerMetric();
        this.firstMetric = new double[inputs * inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                firstMetric[a * inputs + b] = k1[a][b];
            }
        }
        this.z = new double[inputs][width];
        this.next = new double[inputs][width];
        this.activations = new double[inputs][width];
        this.row = new double[width];
    }

    /**
     * Draws one network from {@code rng} and writes Ghat^(l+1)_{ab} into {@code metric[l][a * P + b]},
     * l = 0..L-1.
     *
     * @return 0, or the layer l (from 1) of the first metric with a non-finite entry, after which nothing is written
     */
    int draw(SplittableRandom rng, double[][] metric) {
        System.arraycopy(firstMetric, 0, metric[0], 0, firstMetric.length);
        if (depth == 1) {
            return 0;
        }
        firstLayer.draw(rng, z);
        for (int layer = 1; layer < depth; layer++) {
            activate();
            if (!recordMetric(metric[layer])) {
                return layer + 1;
            }
            if (layer + 1 < depth) {
                propagate(rng);
            }
        }
        return 0;
    }

    private void activate() {
        for (int a = 0; a < inputs; a++) {
            double[] za = z[a];
            double[] sa = activations[a];
            for (int j = 0; j < width; j++) {
                sa[j] = sigma.applyAsDouble(za[j]);
            }
        }
    }

    private boolean recordMetric(double[] out) {
        double factor = cw / width;
        for (int a = 0; a < inputs; a++) {
            for (int b = a; b < inputs; b++) {
                double[] sa = activations[a];
                double[] sb = activations[b];
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += sa[j] * sb[j];
                }
                double g = cb + factor * sum;
                if (!Double.isFinite(g)) {
                    return false;
                }
                out[a * inputs + b] = g;
                out[b * inputs + a] = g;
            }
        }
        return true;
    }

    /** z^(l+1)_{i;a} = b_i + sqrt(Cw/n) sum_j g_ij sigma(z^(l)_{j;a}), one row g_i. of standard normals at a time. */
    private void propagate(SplittableRandom rng) {
        for (int i = 0; i < width; i++) {
            double bias = biasScale * rng.nextGaussian();
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextGaussian();
            }
            for (int a = 0; a < inputs; a++) {
                double[] sa = activations[a];
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += row[j] * sa[j];
                }
                next[a][i] = bias + weightScale * sum;
            }
        }
        double[][] swap = z;
        z = next;
        next = swap;
    }
}
