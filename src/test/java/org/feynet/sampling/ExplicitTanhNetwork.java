package org.feynet.sampling;

import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;

/**
 * The independent reference of the NTK tests: a tanh network of width n with explicit parameters, replayed from the
 * random numbers a sampler's network draws (first layer, then per layer and row the bias and the row of weights;
 * of the last layer rows 0 and 1 only), evaluated with plain loops. Layer index t = l - 1.
 */
final class ExplicitTanhNetwork {

    private final int width;
    private final int depth;
    private final int inputs;
    private final double cb;
    private final double cw;
    /** The raw inputs x[a][k], or null for an input gram. */
    private final double[][] x;
    /** For an input gram: z^(1)[i][a] as drawn. */
    private final double[][] firstZ;
    /** biases[t][i] and weights[t][i][j] (weights[0] is n x n0 for raw inputs, absent for a gram). */
    final double[][] biases;
    final double[][][] weights;

    private ExplicitTanhNetwork(MlpModel model, int width, Normals rng) {
        this.width = width;
        this.depth = model.depth();
        this.inputs = model.inputs();
        this.cb = model.cb();
        this.cw = model.cw();
        this.biases = new double[depth][];
        this.weights = new double[depth][][];
        if (model.input() instanceof InputSpec.Vectors v) {
            this.x = v.x();
            this.firstZ = null;
            drawLayer(rng, 0, width, x[0].length);
        } else {
            this.x = null;
            double[][] z = new double[inputs][width];
            FirstLayer.of(model).draw(rng, z);
            this.firstZ = transpose(z);
        }
        for (int t = 1; t < depth; t++) {
            drawLayer(rng, t, t + 1 < depth ? width : 2, width);
        }
    }

    /** The network that {@code Seeds.network(seed, index)} draws. */
    static ExplicitTanhNetwork replay(MlpModel model, int width, long seed, long index) {
        return new ExplicitTanhNetwork(model, width, Seeds.network(seed, index));
    }

    private void drawLayer(Normals rng, int t, int rows, int fanIn) {
        biases[t] = new double[rows];
        weights[t] = new double[rows][fanIn];
        double scale = Math.sqrt(cw / fanIn);
        for (int i = 0; i < rows; i++) {
            biases[t][i] = Math.sqrt(cb) * rng.nextGaussian();
            for (int j = 0; j < fanIn; j++) {
                weights[t][i][j] = scale * rng.nextGaussian();
            }
        }
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** z[t][i][a], the preactivations of every layer (of the last layer neurons 0 and 1). */
    double[][][] forward() {
        double[][][] z = new double[depth][][];
        z[0] = x == null ? firstZ : affine(0, x);
        for (int t = 1; t < depth; t++) {
            double[][] s = new double[inputs][width];
            for (int a = 0; a < inputs; a++) {
                for (int j = 0; j < width; j++) {
                    s[a][j] = Math.tanh(z[t - 1][j][a]);
                }
            }
            z[t] = affine(t, s);
        }
        return z;
    }

    /** b^(t)_i + sum_j W^(t)_ij in[a][j], as [i][a]. */
    private double[][] affine(int t, double[][] in) {
        double[][] out = new double[biases[t].length][inputs];
        for (int i = 0; i < out.length; i++) {
            for (int a = 0; a < inputs; a++) {
                double sum = biases[t][i];
                for (int j = 0; j < in[a].length; j++) {
                    sum += weights[t][i][j] * in[a][j];
                }
                out[i][a] = sum;
            }
        }
        return out;
    }

    /**
     * Theta[t][i][j][a][b] by the direct n x n recursion of PDLT chapter 8: Theta^(1)_{ij;ab} = delta_ij H1_ab and
     * Theta^(l+1)_{ij;ab} = delta_ij [lambda_b + (lambda_W/n) sum_k s_{k;a} s_{k;b}]
     * + sum_{k1 k2} W_{ik1} W_{jk2} s'_{k1;a} s'_{k2;b} Theta^(l)_{k1k2;ab}, with s = tanh, s' = 1 - tanh^2.
     */
    double[][][][][] directNtk(double lambdaB, double lambdaW, double[][] h1) {
        double[][][] z = forward();
        double[][][][][] theta = new double[depth][][][][];
        theta[0] = new double[width][width][inputs][inputs];
        for (int i = 0; i < width; i++) {
            theta[0][i][i] = h1;
        }
        for (int t = 1; t < depth; t++) {
            theta[t] = nextNtk(theta[t - 1], z[t - 1], weights[t], lambdaB, lambdaW);
        }
        return theta;
    }

    private double[][][][] nextNtk(double[][][][] theta, double[][] z, double[][] w, double lambdaB,
                                   double lambdaW) {
        int rows = w.length;
        double[][][][] next = new double[rows][rows][inputs][inputs];
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                double dot = 0;
                for (int k = 0; k < width; k++) {
                    dot += Math.tanh(z[k][a]) * Math.tanh(z[k][b]);
                }
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < rows; j++) {
                        double sum = i == j ? lambdaB + lambdaW * dot / width : 0;
                        for (int k1 = 0; k1 < width; k1++) {
                            for (int k2 = 0; k2 < width; k2++) {
                                sum += w[i][k1] * w[j][k2] * slope(z[k1][a]) * slope(z[k2][b])
                                        * theta[k1][k2][a][b];
                            }
                        }
                        next[i][j][a][b] = sum;
                    }
                }
            }
        }
        return next;
    }

    private static double slope(double z) {
        double t = Math.tanh(z);
        return 1 - t * t;
    }

    /**
     * Theta^(t+1)_{ij;ab} = sum over the parameters theta of layers 1..t+1 of
     * lambda_theta (dz_{i;a}/dtheta)(dz_{j;b}/dtheta), each derivative by a central difference with step h
     * (raw inputs only: the gram case has no first-layer parameters). lambda is lambda_b for biases and
     * lambda_W / fan-in for weights.
     */
    double finiteDifferenceNtk(int t, int i, int j, int a, int b, double lambdaB, double lambdaW, double h) {
        double sum = 0;
        for (int s = 0; s <= t; s++) {
            for (int r = 0; r < biases[s].length; r++) {
                sum += lambdaB * derivative(biases[s], r, t, i, a, h) * derivative(biases[s], r, t, j, b, h);
                for (int k = 0; k < weights[s][r].length; k++) {
                    double rate = lambdaW / weights[s][r].length;
                    sum += rate * derivative(weights[s][r], k, t, i, a, h)
                            * derivative(weights[s][r], k, t, j, b, h);
                }
            }
        }
        return sum;
    }

    /** d z[t][i][a] / d p[k] by (f(p + h) - f(p - h)) / 2h, restoring p[k]. */
    private double derivative(double[] p, int k, int t, int i, int a, double h) {
        double saved = p[k];
        p[k] = saved + h;
        double up = forward()[t][i][a];
        p[k] = saved - h;
        double down = forward()[t][i][a];
        p[k] = saved;
        return (up - down) / (2 * h);
    }
}
