package org.feynet.model;

/**
 * A multilayer perceptron in the conventions of PDLT (Roberts, Yaida, Hanin 2022, eq. 2.5 and 4.1):
 * z^(l+1)_{i;a} = b_i + sum_j W_ij sigma(z^(l)_{j;a}), b ~ N(0, Cb), W ~ N(0, Cw/n), all hidden widths n,
 * layers l = 1..depth. The first-layer metric K^(1) is deterministic.
 *
 * @param name       the block name ("mlp_tanh")
 * @param activation sigma
 * @param cb         bias variance Cb, at least 0
 * @param cw         weight variance Cw (times n), positive
 * @param depth      L, the number of layers whose metric is described (layers 1..L)
 * @param input      the P inputs
 * @param observable what was asked for ({@code derive metric ...})
 * @param order      the requested order in 1/n (1 for {@code to order 1/n}, 2 for 1/n^2)
 */
public record MlpModel(
        String name,
        Activation activation,
        double cb,
        double cw,
        int depth,
        InputSpec input,
        Observable observable,
        int order) {

    /** P, the number of inputs. */
    public int inputs() {
        return input.count();
    }

    /** K^(1), the metric of the first layer. */
    public double[][] firstLayerMetric() {
        return input.firstLayerMetric(cb, cw);
    }
}
