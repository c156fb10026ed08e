package org.feynet.sampling;

/** A way of drawing one network's stochastic metrics Ghat^(1..L): {@link ForwardPass} or {@link ChainPass}. */
interface MetricPass {

    /**
     * Draws one network from {@code rng} and writes Ghat^(l+1)_{ab} into {@code metric[l][a * P + b]},
     * l = 0..L-1.
     *
     * @return 0, or the layer l (from 1) of the first metric with a non-finite entry, after which nothing is written
     */
    int draw(Normals rng, double[][] metric);
}
