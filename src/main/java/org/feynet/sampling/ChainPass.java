package org.feynet.sampling;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.PivotedCholesky;

/**
 * One network's stochastic metrics Ghat^(1..L) drawn by the Markov chain of its preactivations instead of its
 * weights. Given the preactivations z^(l) of layer l, those of layer l + 1, z^(l+1)_{i;a} = b_i + sum_j W_ij
 * sigma(z^(l)_{j;a}), are a sum of independent centred Gaussians, so they are Gaussian, independent over the
 * neurons i, with covariance E[z_{i;a} z_{i;b} | z^(l)] = Cb + (Cw/n) sum_j sigma(z^(l)_{j;a}) sigma(z^(l)_{j;b})
 * = Ghat^(l+1)_{ab} (PDLT eqs. 4.70 and 4.80). Drawing z^(l+1)_{i;.} ~ N(0, Ghat^(l+1)) iid over i, from the
 * pivoted Cholesky root of the P x P matrix Ghat^(l+1) (as {@link FirstLayer.FromGram} draws layer 1 from K^(1)),
 * therefore gives the same joint law of (z^(1), ..., z^(L-1)), hence of (Ghat^(1), ..., Ghat^(L)), as explicit
 * weights: every metric statistic is exact in distribution. It is not a network: the NTK and its differentials,
 * which need the weights themselves, are sampled explicitly ({@link NtkPass}).
 *
 * <p>Cost per network: (L-2) n r normal draws, r &lt;= P the rank of Ghat, against (L-2) n^2 for {@link
 * ForwardPass}; raw vector inputs enter through K^(1) = Cb + Cw x_a.x_b / n0 alike. Not thread-safe: one per thread.
 */
final class ChainPass implements MetricPass {

    private final int width;
    private final int depth;
    private final double cb;
    private final double cw;
    private final DoubleUnaryOperator sigma;
    private final FirstLayer firstLayer;
    private final double[] firstMetric;
    private final double[][] z;
    private final double[][] activations;
    private final double[][] ghat;
    private final String[] names;

    ChainPass(MlpModel model, int width) {
        int inputs = model.inputs();
        this.width = width;
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.sigma = ScalarFunction.of(model.activation().expression());
        double[][] k1 = model.firstLayerMetric();
        this.firstLayer = new FirstLayer.FromGram(PivotedCholesky.of("first-layer metric K^(1)", k1).root());
        this.firstMetric = new double[inputs * inputs];
        for (int a = 0; a < inputs; a++) {
            System.arraycopy(k1[a], 0, firstMetric, a * inputs, inputs);
        }
        this.z = new double[inputs][width];
        this.activations = new double[inputs][width];
        this.ghat = new double[inputs][inputs];
        this.names = new String[depth + 1];
        for (int l = 1; l <= depth; l++) {
            names[l] = "the sampled metric Ghat^(" + l + ")";
        }
    }

    @Override
    public int draw(Normals rng, double[][] metric) {
        System.arraycopy(firstMetric, 0, metric[0], 0, firstMetric.length);
        if (depth == 1) {
            return 0;
        }
        firstLayer.draw(rng, z);
        for (int layer = 1; layer < depth; layer++) {
            ForwardPass.activate(sigma, z, activations);
            if (!ForwardPass.recordMetric(cb, cw / width, activations, metric[layer])) {
                return layer + 1;
            }
            if (layer + 1 < depth) {
                drawNextLayer(rng, metric[layer], layer + 1);
            }
        }
        return 0;
    }

    /** z^(l)_{i;.} ~ N(0, Ghat^(l)) iid over the n neurons, Ghat^(l) given flattened. */
    private void drawNextLayer(Normals rng, double[] flat, int layer) {
        int p = ghat.length;
        for (int a = 0; a < p; a++) {
            System.arraycopy(flat, a * p, ghat[a], 0, p);
        }
        double[][] root = PivotedCholesky.of(names[layer], ghat).root();
        new FirstLayer.FromGram(root).draw(rng, z);
    }
}
