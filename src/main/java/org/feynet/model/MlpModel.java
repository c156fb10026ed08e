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
 * @param rates      the learning rates of the NTK, or null when the model gives none
 * @param weights    whether every layer draws its own W and b, or one W and b are shared by every step (a
 *                   weight-tied, recurrent network: z^(t+1) = b + W sigma(z^(t)), t = 1..depth-1)
 */
public record MlpModel(
        String name,
        Activation activation,
        double cb,
        double cw,
        int depth,
        InputSpec input,
        Observable observable,
        int order,
        LearningRates rates,
        WeightSharing weights) {

    /** Whether the weights and biases of the layers are drawn independently or shared by every step. */
    public enum WeightSharing {
        /** W^(l), b^(l) independent for every layer: the MLP of PDLT */
        PER_LAYER,
        /** one W and one b used at every step (SPEC section 3: W and b without a layer index) */
        TIED
    }

    public MlpModel {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
    }

    /** An MLP with independent layers. */
    public MlpModel(String name, Activation activation, double cb, double cw, int depth, InputSpec input,
                    Observable observable, int order, LearningRates rates) {
        this(name, activation, cb, cw, depth, input, observable, order, rates, WeightSharing.PER_LAYER);
    }

    /** A model without learning rates (the metric needs none). */
    public MlpModel(String name, Activation activation, double cb, double cw, int depth, InputSpec input,
                    Observable observable, int order) {
        this(name, activation, cb, cw, depth, input, observable, order, null);
    }

    /** The same model derived to another order in 1/n. */
    public MlpModel withOrder(int p) {
        return new MlpModel(name, activation, cb, cw, depth, input, observable, p, rates, weights);
    }

    /** Whether one W and one b are shared by every step. */
    public boolean tied() {
        return weights == WeightSharing.TIED;
    }

    /** P, the number of inputs. */
    public int inputs() {
        return input.count();
    }

    /** K^(1), the metric of the first layer. */
    public double[][] firstLayerMetric() {
        return input.firstLayerMetric(cb, cw);
    }

    /**
     * H^(1), the NTK of a first-layer neuron, Theta^(1)_{ij;ab} = delta_ij H^(1)_ab (PDLT eq. 8.23): with raw inputs
     * lambda_b + lambda_W x_a.x_b / n0; with a gram K^(1) = Cb + Cw x.x/n0 given instead of the inputs, the same
     * quantity written through it, lambda_b + lambda_W (K^(1)_ab - Cb)/Cw.
     *
     * @throws IllegalStateException if the model has no learning rates
     */
    public double[][] firstLayerNtk() {
        if (rates == null) {
            throw new IllegalStateException(name + " has no learning rates");
        }
        double[][] overlaps = input instanceof InputSpec.Vectors v ? v.firstLayerMetric(0, 1) : firstLayerMetric();
        int p = overlaps.length;
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double dot = input instanceof InputSpec.Vectors ? overlaps[a][b] : (overlaps[a][b] - cb) / cw;
                h[a][b] = rates.lambdaB() + rates.lambdaW() * dot;
            }
        }
        return h;
    }
}
