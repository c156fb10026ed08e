package org.feynet.sampling;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;

/**
 * One weight-tied (recurrent) network of width n drawn and run for T steps on the P inputs at once:
 * z^(1) from the input ({@link FirstLayer}: N(0, K^(1)) iid over neurons for a gram, its own b^(1), W^(1) for raw
 * inputs), then one explicit b_i ~ N(0, Cb) and W_ij ~ N(0, Cw/n), drawn once and used at every step,
 * <pre>
 *   z^(t+1)_{i;a} = b_i + sum_j W_ij sigma(z^(t)_{j;a}),   t = 1 .. T-1,
 * </pre>
 * recording the empirical kernels R^(t)_{ab} = (1/n) sum_i z^(t)_{i;a} z^(t)_{i;b} and the two-step kernels
 * R^(t,s)_{ab} = (1/n) sum_i z^(t)_{i;a} z^(s)_{i;b} (so R^(t,t) = R^(t)). W is stored (n^2 doubles). Cost per
 * network: n^2 normal draws and (T-1) n^2 P multiply-adds. Not thread-safe: one per thread.
 */
final class TiedPass {

    private final int width;
    private final int inputs;
    private final int steps;
    private final double weightScale;
    private final double biasScale;
    private final DoubleUnaryOperator sigma;
    private final FirstLayer firstLayer;
    private final double[][][] z;
    private final double[] weights;
    private final double[] bias;
    private final double[] activation;

    TiedPass(MlpModel model, int width) {
        this.width = width;
        this.inputs = model.inputs();
        this.steps = model.depth();
        this.weightScale = Math.sqrt(model.cw() / width);
        this.biasScale = Math.sqrt(model.cb());
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.firstLayer = FirstLayer.of(model);
        this.z = new double[steps][inputs][width];
        this.weights = new double[width * width];
        this.bias = new double[width];
        this.activation = new double[width];
    }

    /**
     * Draws one network and writes R^(t)_{ab} into {@code kernels[t-1][a P + b]} and R^(t,s)_{ab} into
     * {@code twoStep[((t-1) T + (s-1)) P^2 + a P + b]}.
     *
     * @return 0, or the first step t (from 1) whose kernel has a non-finite entry, after which nothing is written
     */
    int draw(Normals rng, double[][] kernels, double[] twoStep) {
        firstLayer.draw(rng, z[0]);
        if (steps > 1) {
            for (int i = 0; i < width; i++) {
                bias[i] = biasScale * rng.nextGaussian();
            }
            for (int k = 0; k < weights.length; k++) {
                weights[k] = weightScale * rng.nextGaussian();
            }
        }
        for (int t = 1; t < steps; t++) {
            step(z[t - 1], z[t]);
        }
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < steps; s++) {
                for (int a = 0; a < inputs; a++) {
                    for (int b = 0; b < inputs; b++) {
                        double r = dot(z[t][a], z[s][b]) / width;
                        if (!Double.isFinite(r)) {
                            return Math.max(t, s) + 1;
                        }
                        twoStep[(t * steps + s) * inputs * inputs + a * inputs + b] = r;
                        if (t == s) {
                            kernels[t][a * inputs + b] = r;
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** next_{i;a} = b_i + sum_j W_ij sigma(current_{j;a}). */
    private void step(double[][] current, double[][] next) {
        for (int a = 0; a < inputs; a++) {
            for (int j = 0; j < width; j++) {
                activation[j] = sigma.applyAsDouble(current[a][j]);
            }
            for (int i = 0; i < width; i++) {
                double sum = 0;
                int row = i * width;
                for (int j = 0; j < width; j++) {
                    sum += weights[row + j] * activation[j];
                }
                next[a][i] = bias[i] + sum;
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
