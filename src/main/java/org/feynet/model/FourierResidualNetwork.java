package org.feynet.model;

import java.util.Arrays;

/**
 * A Fourier-feature residual network with layer-scaled residuals and stochastic depth (the {@code ecrn} form of
 * docs/LANGUAGE.md):
 * <pre>
 *   gamma(x)  = [cos(2 pi B x), sin(2 pi B x)] / sqrt(m),   B (m x d) iid N(0, s^2), drawn once, not trained
 *   z^(0)     = W^(0) gamma(x),                              W^(0) (n x 2m) iid N(0, 1)
 *   z^(l+1)   = z^(l) + alpha_l mask_l (b^(l+1) + W^(l+1) sigma(z^(l))),   l = 0 .. L-1,
 *               b ~ N(0, Cb), W^(l+1) (n x n) iid N(0, Cw / n), mask_l ~ Bernoulli(p), one per network
 *   f         = w . sigma(z^(L)) / sqrt(n),                   w iid N(0, 1)
 * </pre>
 * As m grows, gamma(x).gamma(x') tends to exp(-2 pi^2 s^2 |x - x'|^2). The masks are shared by all neurons and
 * inputs and are not rescaled by 1/p. The neural tangent kernel sums (df/dtheta)(df/dtheta') with rate 1 for
 * W^(0), for w and with rate lambda_b for every b, and rate lambda_W / n for every hidden W (PDLT's convention).
 *
 * @param name       the block name
 * @param activation sigma
 * @param depth      L, the number of residual blocks (at least 1)
 * @param features   m and s of the Fourier embedding; m = 0 when the file leaves m symbolic (infinite m)
 * @param cb         Cb >= 0
 * @param cw         Cw > 0
 * @param alpha      alpha_0 .. alpha_{L-1}, the residual scales
 * @param keep       p, the probability that a block is kept, in (0, 1]
 * @param rates      lambda_b and lambda_W
 * @param inputs     the P inputs x, each of dimension d
 * @param order      the requested order in 1/n of the NTK statistics (0 or 1)
 */
public record FourierResidualNetwork(String name, Activation activation, int depth, FourierFeatures features,
                                     double cb, double cw, double[] alpha, double keep, LearningRates rates,
                                     double[][] inputs, int order) {

    /**
     * The Fourier embedding gamma(x) = [cos(2 pi B x), sin(2 pi B x)] / sqrt(m), B iid N(0, s^2).
     *
     * @param count m, the number of frequencies; 0 when symbolic (the m -> infinity kernel)
     * @param scale s > 0
     */
    public record FourierFeatures(int count, double scale) {
        /** Whether m was left symbolic, so that gamma.gamma' is its m -> infinity limit. */
        public boolean infinite() {
            return count == 0;
        }
    }

    public FourierResidualNetwork {
        alpha = alpha.clone();
        inputs = Matrices.copy(inputs);
        if (alpha.length != depth) {
            throw new IllegalArgumentException("need one residual scale per block: " + alpha.length + " for L = "
                    + depth);
        }
    }

    /** alpha_l, a copy of the scales. */
    @Override
    public double[] alpha() {
        return alpha.clone();
    }

    /** The inputs, a copy. */
    @Override
    public double[][] inputs() {
        return Matrices.copy(inputs);
    }

    /** P, the number of inputs. */
    public int samples() {
        return inputs.length;
    }

    /** d, the input dimension. */
    public int inputDimension() {
        return inputs[0].length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FourierResidualNetwork m && name.equals(m.name) && activation.equals(m.activation)
                && depth == m.depth && features.equals(m.features) && cb == m.cb && cw == m.cw
                && Arrays.equals(alpha, m.alpha) && keep == m.keep && rates.equals(m.rates)
                && Arrays.deepEquals(inputs, m.inputs) && order == m.order;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "FourierResidualNetwork[" + name + ", " + activation.name() + ", L=" + depth + ", m="
                + (features.infinite() ? "inf" : features.count()) + ", s=" + features.scale() + ", p=" + keep + "]";
    }
}
