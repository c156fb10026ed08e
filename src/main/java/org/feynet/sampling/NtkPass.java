package org.feynet.sampling;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.ActivationSlope;
import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;

/**
 * One real network of width n drawn and run forward on the P inputs at once, with the neural tangent kernel of its
 * first two neurons at every layer computed by backpropagation (conventions of PDLT, Roberts, Yaida and Hanin 2022,
 * chapter 8).
 *
 * <p>Forward. z^(l+1)_{i;a} = b_i + sum_j W_ij sigma(z^(l)_{j;a}) with b_i ~ N(0, Cb), W_ij = sqrt(Cw/n) g_ij,
 * g_ij ~ N(0, 1); the random numbers are drawn in exactly the order of {@link ForwardPass} (first layer, then per
 * layer and row i the bias and the n normals g_i.), so the metrics Ghat^(l) of network k are those of the metric
 * sampler with the same seed, bit for bit. Of the last layer only the rows of neurons 1 and 2 are drawn.
 *
 * <p>NTK. With learning rates lambda_b for biases and lambda_W / n_{l-1} for the weights of a layer of input width
 * n_{l-1}, Theta^(l)_{ij;ab} = sum_theta lambda_theta (dz^(l)_{i;a} / dtheta)(dz^(l)_{j;b} / dtheta) over the
 * parameters of layers 1..l. Grouping the parameters by layer l',
 * <pre>
 *   Theta^(l)_{ij;ab} = sum_{l'=1}^{l} c^(l')_{ab} sum_m delta^(l,l')_{im;a} delta^(l,l')_{jm;b},
 *   c^(l')_{ab} = lambda_b + (lambda_W / n) sum_k sigma(z^(l'-1)_{k;a}) sigma(z^(l'-1)_{k;b})   (l' &gt;= 2),
 * </pre>
 * where delta^(l,l')_{im;a} = dz^(l)_{i;a} / dz^(l')_{m;a} are backward vectors: delta^(l,l)_{im} = delta_im and
 * delta^(l,l'-1)_{i.;a} = (W^(l')^T delta^(l,l')_{i.;a}) * sigma'(z^(l'-1)_{.;a}). The first layer's c^(1) = H1 is
 * its NTK per neuron: lambda_b + (lambda_W / n0) x_a . x_b for raw inputs, and by convention
 * lambda_b + lambda_W (K_ab - Cb) / Cw, what raw inputs would give, for an input gram K. This sums the recursion
 * Theta^(l+1)_{ij;ab} = delta_ij c^(l+1)_{ab} + sum_{k1 k2} W_{ik1} W_{jk2} sigma'_{k1;a} sigma'_{k2;b}
 * Theta^(l)_{k1k2;ab} (PDLT chapter 8) without forming the n x n matrices Theta^(l). sigma' is
 * {@link ActivationSlope}.
 *
 * <p>Cost per network: (L-2) n^2 + 2n normal draws, (L-2) n^2 P multiply-adds forward and (L-1)(L-2) n^2 P
 * backward (2P backward vectors from each layer l through l-2 full weight matrices), so O(L^2 n^2 P); memory
 * (L-2) n^2 doubles for the weights. Not thread-safe: one per thread.
 */
final class NtkPass {

    private final int width;
    private final int inputs;
    private final int depth;
    private final double cb;
    private final double cw;
    private final double lambdaB;
    private final double lambdaW;
    private final double weightScale;
    private final double biasScale;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;
    private final FirstLayer firstLayer;
    private final double[] firstMetric;
    /** z[t][a][i]: the preactivations of layer t + 1 (of the last layer only i = 0, 1). */
    private final double[][][] z;
    /** slopes[t][a][i] = sigma'(z[t][a][i]), t = 0..L-2. */
    private final double[][][] slopes;
    /** weights[t][i][j] = g^(t+1)_ij, the standard normals of W^(t+1), t = 1..L-1 (last layer: rows 0, 1). */
    private final double[][][] weights;
    /** layerNtk[t][u] = c^(t+1)_{ab}, the contribution of the parameters of layer t + 1 per neuron. */
    private final double[][] layerNtk;
    private final double[][] activations;
    private double[][] delta;
    private double[][] previous;

    NtkPass(MlpModel model, int width, double lambdaB, double lambdaW) {
        this.width = width;
        this.inputs = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.lambdaB = lambdaB;
        this.lambdaW = lambdaW;
        this.weightScale = Math.sqrt(cw / width);
        this.biasScale = Math.sqrt(cb);
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.slope = ActivationSlope.of(model.activation().expression());
        this.firstLayer = FirstLayer.of(model);
        this.firstMetric = flatten(model.firstLayerMetric());
        this.z = new double[depth][inputs][width];
        this.slopes = new double[Math.max(depth - 1, 0)][inputs][width];
        this.weights = new double[depth][][];
        for (int t = 1; t < depth; t++) {
            weights[t] = new double[t + 1 < depth ? width : 2][width];
        }
        this.layerNtk = new double[depth][];
        this.layerNtk[0] = firstLayerNtk(model, lambdaB, lambdaW);
        for (int t = 1; t < depth; t++) {
            layerNtk[t] = new double[inputs * inputs];
        }
        this.activations = new double[inputs][width];
        this.delta = new double[2 * inputs][width];
        this.previous = new double[2 * inputs][width];
    }

    /**
     * H1_{ab}, the first layer's NTK per neuron, flattened: lambda_b + (lambda_W / n0) x_a . x_b for raw inputs,
     * lambda_b + lambda_W (K_ab - Cb) / Cw for an input gram.
     */
    static double[] firstLayerNtk(MlpModel model, double lambdaB, double lambdaW) {
        int p = model.inputs();
        double[] h = new double[p * p];
        if (model.input() instanceof InputSpec.Vectors v) {
            double[][] x = v.x();
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double dot = 0;
                    for (int k = 0; k < x[a].length; k++) {
                        dot += x[a][k] * x[b][k];
                    }
                    h[a * p + b] = lambdaB + lambdaW * dot / x[a].length;
                }
            }
            return h;
        }
        double[] k = flatten(model.firstLayerMetric());
        for (int u = 0; u < p * p; u++) {
            h[u] = lambdaB + lambdaW * (k[u] - model.cb()) / model.cw();
        }
        return h;
    }

    private static double[] flatten(double[][] m) {
        int p = m.length;
        double[] flat = new double[p * p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(m[a], 0, flat, a * p, p);
        }
        return flat;
    }

    /**
     * Draws one network from {@code rng} and writes its metrics, NTKs and preactivations into {@code out}.
     *
     * @return null, or the first non-finite quantity ("metric Ghat^(3)", "NTK Theta^(3)"), after which {@code out}
     *         is incomplete
     */
    String draw(Normals rng, NtkObservation out) {
        System.arraycopy(firstMetric, 0, out.metric[0], 0, firstMetric.length);
        firstLayer.draw(rng, z[0]);
        for (int t = 1; t < depth; t++) {
            activate(t - 1);
            if (!recordKernels(out.metric[t], layerNtk[t])) {
                return "metric Ghat^(" + (t + 1) + ")";
            }
            propagate(rng, t);
        }
        for (int t = 0; t < depth; t++) {
            recordPreactivations(t, out.preactivation[t]);
            if (!ntk(t, out.ntk[t])) {
                return "NTK Theta^(" + (t + 1) + ")";
            }
        }
        return null;
    }

    /** sigma and sigma' of layer t + 1. */
    private void activate(int t) {
        for (int a = 0; a < inputs; a++) {
            double[] za = z[t][a];
            double[] sa = activations[a];
            double[] da = slopes[t][a];
            for (int j = 0; j < width; j++) {
                sa[j] = sigma.applyAsDouble(za[j]);
                da[j] = slope.applyAsDouble(za[j]);
            }
        }
    }

    /** Ghat_{ab} = Cb + (Cw/n) S_ab and c_{ab} = lambda_b + (lambda_W/n) S_ab, S_ab = sum_j sigma_{j;a} sigma_{j;b}. */
    private boolean recordKernels(double[] metric, double[] ntk) {
        double factor = cw / width;
        for (int a = 0; a < inputs; a++) {
            for (int b = a; b < inputs; b++) {
                double sum = dot(activations[a], activations[b]);
                double g = cb + factor * sum;
                if (!Double.isFinite(g)) {
                    return false;
                }
                double c = lambdaB + lambdaW / width * sum;
                metric[a * inputs + b] = g;
                metric[b * inputs + a] = g;
                ntk[a * inputs + b] = c;
                ntk[b * inputs + a] = c;
            }
        }
        return true;
    }

    /** z^(t+1) = b + W^(t+1) sigma(z^(t)) into z[t], drawing W^(t+1) into weights[t] row by row, bias first. */
    private void propagate(Normals rng, int t) {
        double[][] g = weights[t];
        for (int i = 0; i < g.length; i++) {
            double bias = biasScale * rng.nextGaussian();
            double[] row = g[i];
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextGaussian();
            }
            for (int a = 0; a < inputs; a++) {
                z[t][a][i] = bias + weightScale * dot(row, activations[a]);
            }
        }
    }

    private void recordPreactivations(int t, double[][] out) {
        for (int i = 0; i < 2; i++) {
            for (int a = 0; a < inputs; a++) {
                out[i][a] = z[t][a][i];
            }
        }
    }

    /**
     * Theta^(t+1)_{ij;ab} into out[2 i + j][a P + b]: the layer's own term delta_ij c^(t+1), then the backward
     * vectors of neurons 0, 1 for every sample, one layer down at a time, each level adding c^(l') times their
     * inner products.
     *
     * @return whether every entry is finite
     */
    private boolean ntk(int t, double[][] out) {
        for (double[] o : out) {
            Arrays.fill(o, 0);
        }
        addOwnLayer(out, layerNtk[t]);
        if (t > 0) {
            firstStep(t);
            addInnerProducts(out, layerNtk[t - 1]);
            for (int s = t - 1; s >= 1; s--) {
                backStep(s);
                addInnerProducts(out, layerNtk[s - 1]);
            }
        }
        for (double[] o : out) {
            for (double v : o) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void addOwnLayer(double[][] out, double[] c) {
        for (int u = 0; u < c.length; u++) {
            out[0][u] += c[u];
            out[3][u] += c[u];
        }
    }

    /** delta_{i;a} = W^(t+1)_{i.} * sigma'(z^(t)_{.;a}): the backward vector of neuron i from layer t+1 to t. */
    private void firstStep(int t) {
        for (int i = 0; i < 2; i++) {
            double[] row = weights[t][i];
            for (int a = 0; a < inputs; a++) {
                double[] d = delta[i * inputs + a];
                double[] da = slopes[t - 1][a];
                for (int k = 0; k < width; k++) {
                    d[k] = weightScale * row[k] * da[k];
                }
            }
        }
    }

    /**
     * delta &lt;- (W^(s+1)^T delta) * sigma'(z^(s)), from layer s+1 down to layer s, for all 2P vectors at once:
     * row m of W adds delta_m times itself to each product (rows of a zero component are skipped).
     */
    private void backStep(int s) {
        double[][] next = previous;
        for (double[] v : next) {
            Arrays.fill(v, 0);
        }
        double[][] g = weights[s];
        for (int m = 0; m < width; m++) {
            double[] row = g[m];
            for (int v = 0; v < next.length; v++) {
                double coefficient = delta[v][m];
                if (coefficient != 0) {
                    double[] acc = next[v];
                    for (int k = 0; k < width; k++) {
                        acc[k] += coefficient * row[k];
                    }
                }
            }
        }
        for (int v = 0; v < next.length; v++) {
            double[] acc = next[v];
            double[] da = slopes[s - 1][v % inputs];
            for (int k = 0; k < width; k++) {
                acc[k] *= weightScale * da[k];
            }
        }
        previous = delta;
        delta = next;
    }

    /** out[2 i + j][a P + b] += c_{ab} delta_{i;a} . delta_{j;b}. */
    private void addInnerProducts(double[][] out, double[] c) {
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int a = 0; a < inputs; a++) {
                    for (int b = 0; b < inputs; b++) {
                        int u = a * inputs + b;
                        out[2 * i + j][u] += c[u] * dot(delta[i * inputs + a], delta[j * inputs + b]);
                    }
                }
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }
}
