package org.feynet.model;

/**
 * A deep network in the mean-field (muP) parameterization, trained at every width with features that move:
 * <pre>
 *   h^1 = W^1 x / sqrt(n0),   h^{l+1} = W^{l+1} sigma(h^l) / sqrt(n)  (l = 1 .. L-1),
 *   f = w . sigma(h^L) / (gamma0 n),
 * </pre>
 * every weight (W^1 of size n x n0, W^l of size n x n, the readout w) drawn from normal(0, 1), no biases.
 *
 * @param name       the block's name
 * @param depth      the number of hidden layers L, at least 1
 * @param activation sigma
 * @param inputs     the P raw inputs, one row of dimension n0 each
 * @param gamma0     the feature-learning strength gamma0 > 0 (gamma0 -> 0 is the lazy, NTK regime)
 */
public record MeanFieldNetwork(String name, int depth, Activation activation, double[][] inputs, double gamma0) {

    public MeanFieldNetwork {
        inputs = Matrices.copy(inputs);
    }

    /** The number of samples P. */
    public int samples() {
        return inputs.length;
    }

    /** The input dimension n0. */
    public int inputDimension() {
        return inputs[0].length;
    }

    /** Whether sigma is the identity, so that the deep-linear closed equations apply. */
    public boolean linear() {
        return activation.closedForm() == Activation.ClosedForm.LINEAR;
    }

    /** Phi^0_{mu nu} = x_mu . x_nu / n0, the input gram. */
    public double[][] inputGram() {
        int p = samples();
        double[][] gram = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double sum = 0;
                for (int i = 0; i < inputDimension(); i++) {
                    sum += inputs[a][i] * inputs[b][i];
                }
                gram[a][b] = sum / inputDimension();
            }
        }
        return gram;
    }

    /** The inputs, a copy. */
    @Override
    public double[][] inputs() {
        return Matrices.copy(inputs);
    }
}
