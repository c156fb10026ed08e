package org.feynet.sampling;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;

/**
 * One real network of width n drawn and run forward on the P inputs at once, recording its stochastic metrics
 * (the conventions of docs/OUTPUTS.md, PDLT eq. 4.70):
 * Ghat^(1) = K^(1) and Ghat^(l+1)_{ab} = Cb + (Cw/n) sum_j sigma(z^(l)_{j;a}) sigma(z^(l)_{j;b}), l = 1..L-1,
 * where z^(l+1)_{i;a} = b_i + sum_j W_ij sigma(z^(l)_{j;a}) with explicit b_i ~ N(0, Cb), W_ij ~ N(0, Cw/n).
 * The rows of W are drawn four at a time into a block of 4 x n normals and multiplied at once into all inputs
 * (a register-blocked product), so no n x n matrix is stored; the last weight matrix W^(L) is never drawn since
 * Ghat^(L) needs only sigma(z^(L-1)). Normals come from {@link Normals} in the order bias_i, W_i1..W_in, row by row.
 * Cost per network: (L-2) n^2 normal draws and (L-2) n^2 P multiply-adds. Not thread-safe: one per thread.
 */
final class ForwardPass implements MetricPass {

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
    /** Rows of a block of weights; must match {@link #multiplyBlock}. */
    private static final int BLOCK = 4;
    private final double[][] block;
    private final double[] bias;

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
        this.block = new double[BLOCK][width];
        this.bias = new double[BLOCK];
    }

    /**
     * Draws one network from {@code rng} and writes Ghat^(l+1)_{ab} into {@code metric[l][a * P + b]},
     * l = 0..L-1.
     *
     * @return 0, or the layer l (from 1) of the first metric with a non-finite entry, after which nothing is written
     */
    @Override
    public int draw(Normals rng, double[][] metric) {
        System.arraycopy(firstMetric, 0, metric[0], 0, firstMetric.length);
        if (depth == 1) {
            return 0;
        }
        firstLayer.draw(rng, z);
        for (int layer = 1; layer < depth; layer++) {
            activate(sigma, z, activations);
            if (!recordMetric(cb, cw / width, activations, metric[layer])) {
                return layer + 1;
            }
            if (layer + 1 < depth) {
                propagate(rng);
            }
        }
        return 0;
    }

    /** activations[a][j] = sigma(z[a][j]). */
    static void activate(DoubleUnaryOperator sigma, double[][] z, double[][] activations) {
        for (int a = 0; a < z.length; a++) {
            double[] za = z[a];
            double[] sa = activations[a];
            for (int j = 0; j < za.length; j++) {
                sa[j] = sigma.applyAsDouble(za[j]);
            }
        }
    }

    /**
     * out[a P + b] = Cb + (Cw/n) sum_j sigma_{j;a} sigma_{j;b}, the stochastic metric of the next layer from the
     * activations (factor = Cw/n); false, with out partly written, if an entry is not finite.
     */
    static boolean recordMetric(double cb, double factor, double[][] activations, double[] out) {
        int inputs = activations.length;
        int width = activations[0].length;
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

    /**
     * z^(l+1)_{i;a} = b_i + sqrt(Cw/n) sum_j g_ij sigma(z^(l)_{j;a}), drawing per row i its bias and then its n
     * standard normals g_i., {@value #BLOCK} rows at a time: the product of the BLOCK x n block of weights with the
     * n x P activations runs with BLOCK independent sums per input, so each activation is loaded once per block.
     */
    private void propagate(Normals rng) {
        for (int i0 = 0; i0 < width; i0 += BLOCK) {
            int rows = Math.min(BLOCK, width - i0);
            for (int r = 0; r < rows; r++) {
                bias[r] = biasScale * rng.nextGaussian();
                rng.fill(block[r], 0, width);
            }
            if (rows == BLOCK) {
                multiplyBlock(i0);
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int a = 0; a < inputs; a++) {
                        next[a][i0 + r] = bias[r] + weightScale * dot(block[r], activations[a]);
                    }
                }
            }
        }
        double[][] swap = z;
        z = next;
        next = swap;
    }

    private void multiplyBlock(int i0) {
        double[] r0 = block[0];
        double[] r1 = block[1];
        double[] r2 = block[2];
        double[] r3 = block[3];
        for (int a = 0; a < inputs; a++) {
            double[] sa = activations[a];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < width; j++) {
                double x = sa[j];
                s0 += r0[j] * x;
                s1 += r1[j] * x;
                s2 += r2[j] * x;
                s3 += r3[j] * x;
            }
            double[] out = next[a];
            out[i0] = bias[0] + weightScale * s0;
            out[i0 + 1] = bias[1] + weightScale * s1;
            out[i0 + 2] = bias[2] + weightScale * s2;
            out[i0 + 3] = bias[3] + weightScale * s3;
        }
    }

    private double dot(double[] u, double[] v) {
        double sum = 0;
        for (int j = 0; j < width; j++) {
            sum += u[j] * v[j];
        }
        return sum;
    }
}
