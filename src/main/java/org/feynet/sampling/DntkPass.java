package org.feynet.sampling;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.NumericalTrouble;
import org.feynet.numerics.PivotedCholesky;

/**
 * One real network of width n drawn and run forward on the P inputs, with the dNTK and ddNTK of its first two
 * neurons at every layer computed exactly from their defining derivatives (PDLT, Roberts, Yaida and Hanin 2022,
 * chapter 11) by {@link DntkDerivatives}, and combined into the per-network values of the six observables of
 * {@link DntkSampler}.
 *
 * <p>Network. z^(1)_{i;a} = b_i + sum_k W^(1)_{ik} x_{k;a}, z^(l+1)_{i;a} = b_i + sum_j W_ij sigma(z^(l)_{j;a}),
 * b ~ N(0, Cb), W^(1) ~ N(0, Cw/n0), W ~ N(0, Cw/n), learning rates lambda_b for a bias and lambda_W / n_{l-1} for
 * a weight of a layer of fan-in n_{l-1}. The first layer enters the derivatives of z^(l) only through z^(1) and the
 * products x_a . x_b / n0 (z^(1) is linear in its parameters and x is constant), that is through
 * H^(1)_{ab} = lambda_b + lambda_W x_a . x_b / n0, the first layer's NTK per neuron. For an input gram K the model
 * stands for explicit inputs with Cb + Cw x_a . x_b / n0 = K_ab, which exist exactly when the matrix K_ab - Cb is
 * positive semidefinite ({@link #explicitInputs} builds them, in dimension n0 = P); then H^(1)_{ab} =
 * lambda_b + lambda_W (K_ab - Cb)/Cw, the NTK sampler's convention, and the z^(1)_{i;.} they give are iid N(0, K)
 * over neurons, which is how {@link FirstLayer} draws them.
 *
 * <p>Random numbers. Drawn in the order of {@link NtkPass} and {@link ForwardPass}: the first layer by
 * {@link FirstLayer}, then per layer and row i the bias and the n normals of W_i.; of the last layer only rows 0
 * and 1. So the preactivations of network k, and hence its metrics, are those of the metric and NTK samplers with
 * the same seed, bit for bit.
 *
 * <p>Cost per network: (L-2) n^2 + 2n normal draws, (L-2) n^2 P multiply-adds forward, and the derivatives of
 * {@link DntkDerivatives} for each layer l = 2..L: P (1 + 3P) (L-1)(L-2) n^2 multiply-adds in all for the dNTK and
 * ddII, P^2 (P+1) (L-1)(L-2) n^2 more for ddI, plus O(L^2 P^4 n). Memory O(L n^2 + L P^2 n). Not thread-safe: one
 * per thread.
 */
final class DntkPass {

    final int width;
    final int inputs;
    final int depth;
    final double lambdaW;
    private final double biasScale;
    /** sqrt(Cw / n), the scale of the weights of layers 2..L. */
    final double weightScale;
    private final DoubleUnaryOperator sigma;
    private final ActivationJet jet;
    private final FirstLayer firstLayer;
    /** normals[l][i][j] = W^(l)_ij / sqrt(Cw/n), l = 2..L (layer L: rows 0, 1); index 0 and 1 unused. */
    final double[][][] normals;
    /** z[l][a][i] = z^(l)_{i;a}, l = 1..L (layer L &gt; 1: i = 0, 1). */
    final double[][][] z;
    /** act[l][a][j] = sigma(z^(l)_{j;a}), l = 1..L-1. */
    final double[][][] act;
    /** slope[r][l][a][j] = sigma^(r+1)(z^(l)_{j;a}), the first three derivatives, l = 1..L-1. */
    final double[][][][] slope;
    /** kernel[l][a][b] = c^(l)_{ab} = lambda_b + lambda_W / n_{l-1} sigma(z^(l-1)_a) . sigma(z^(l-1)_b); c^(1) = H1. */
    final double[][][] kernel;
    private final double lambdaB;
    private final double[] jetBuffer = new double[3];
    private final DntkDerivatives derivatives;

    DntkPass(MlpModel model, int width, double lambdaB, double lambdaW) {
        explicitInputs(model);
        this.width = width;
        this.inputs = model.inputs();
        this.depth = model.depth();
        this.lambdaB = lambdaB;
        this.lambdaW = lambdaW;
        this.biasScale = Math.sqrt(model.cb());
        this.weightScale = Math.sqrt(model.cw() / width);
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.jet = ActivationJet.of(model.activation().expression());
        this.firstLayer = FirstLayer.of(model);
        this.normals = new double[depth + 1][][];
        for (int l = 2; l <= depth; l++) {
            normals[l] = new double[l < depth ? width : 2][width];
        }
        this.z = new double[depth + 1][][];
        for (int l = 1; l <= depth; l++) {
            z[l] = new double[inputs][l < depth || l == 1 ? width : 2];
        }
        this.act = new double[depth][inputs][width];
        this.slope = new double[3][depth][inputs][width];
        this.kernel = new double[depth + 1][inputs][inputs];
        double[] h1 = NtkPass.firstLayerNtk(model, lambdaB, lambdaW);
        for (int a = 0; a < inputs; a++) {
            System.arraycopy(h1, a * inputs, kernel[1][a], 0, inputs);
        }
        this.derivatives = new DntkDerivatives(this);
    }

    /**
     * Explicit inputs x_a (rows) of dimension n0 = P realising the model's first-layer metric,
     * Cb + Cw x_a . x_b / n0 = K_ab: the raw inputs as given, or for an input gram sqrt(n0) times the pivoted
     * Cholesky root R of (K - Cb)/Cw (R R^T = (K_ab - Cb)/Cw, padded with zero columns to P).
     *
     * @throws IllegalArgumentException if the gram's K_ab - Cb is not positive semidefinite, so that no real inputs
     *                                  give it
     */
    static double[][] explicitInputs(MlpModel model) {
        if (model.input() instanceof InputSpec.Vectors v) {
            return v.x();
        }
        int p = model.inputs();
        double[][] shifted = model.firstLayerMetric();
        for (double[] row : shifted) {
            for (int b = 0; b < p; b++) {
                row[b] = (row[b] - model.cb()) / model.cw();
            }
        }
        double[][] root;
        try {
            root = PivotedCholesky.of("(K^(1) - Cb)/Cw", shifted).root();
        } catch (NumericalTrouble e) {
            throw new IllegalArgumentException("the input gram K of " + model.name() + " minus Cb = " + model.cb()
                    + " is not positive semidefinite, so no real inputs x give K_ab = Cb + Cw x_a.x_b/n0 and the"
                    + " dNTK of the network is undefined", e);
        }
        double[][] x = new double[p][p];
        double scale = Math.sqrt(p);
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < root[a].length; k++) {
                x[a][k] = scale * root[a][k];
            }
        }
        return x;
    }

    /** The derivative engine of this network, valid after {@link #forward}. */
    DntkDerivatives derivatives() {
        return derivatives;
    }

    /**
     * Draws one network from {@code rng} and writes the per-network values of the statistics of every layer into
     * {@code out} (zero at layer 1), R, S, T, U only when {@code ddntk}.
     *
     * @return null, or the first non-finite quantity ("dNTK of layer 3"), after which {@code out} is incomplete
     */
    String draw(Normals rng, DntkObservation out, boolean ddntk) {
        forward(rng);
        out.clear(0);
        for (int l = 2; l <= depth; l++) {
            derivatives.compute(l);
            if (!out.record(l - 1, derivatives, z[l], ddntk)) {
                return (ddntk ? "dNTK or ddNTK" : "dNTK") + " of layer " + l;
            }
        }
        return null;
    }

    /** Draws the network and runs it forward: z, sigma and its derivatives, and the layer kernels c^(l). */
    void forward(Normals rng) {
        firstLayer.draw(rng, z[1]);
        for (int l = 2; l <= depth; l++) {
            activate(l - 1);
            propagate(rng, l);
        }
    }

    /** sigma, its three derivatives and c^(l+1) from z^(l). */
    private void activate(int l) {
        for (int a = 0; a < inputs; a++) {
            for (int j = 0; j < width; j++) {
                double value = z[l][a][j];
                act[l][a][j] = sigma.applyAsDouble(value);
                jet.derivatives(value, jetBuffer);
                slope[0][l][a][j] = jetBuffer[0];
                slope[1][l][a][j] = jetBuffer[1];
                slope[2][l][a][j] = jetBuffer[2];
            }
        }
        for (int a = 0; a < inputs; a++) {
            for (int b = 0; b < inputs; b++) {
                kernel[l + 1][a][b] = lambdaB + lambdaW / width * DntkDerivatives.dot(act[l][a], act[l][b]);
            }
        }
    }

    /** z^(l) = b + W^(l) sigma(z^(l-1)), drawing W^(l) row by row, bias first. */
    private void propagate(Normals rng, int l) {
        double[][] g = normals[l];
        for (int i = 0; i < g.length; i++) {
            double bias = biasScale * rng.nextGaussian();
            double[] row = g[i];
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextGaussian();
            }
            for (int a = 0; a < inputs; a++) {
                z[l][a][i] = bias + weightScale * sequentialDot(row, act[l - 1][a]);
            }
        }
    }

    /** x . y summed in index order, as {@link NtkPass} and {@link ForwardPass} do, so that z is bit-identical. */
    private static double sequentialDot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }
}
