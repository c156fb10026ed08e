package org.feynet.model;

/**
 * A {@code train} block for a Fourier-feature residual network: full-batch gradient flow from the network's
 * initialisation on the mean squared error (1/(2P)) sum_mu (f_mu - y_mu)^2, every parameter moving with its NTK
 * rate (W^(0), w: 1; b: lambda_b; hidden W: lambda_W / n), so that df/dt = -(1/P) Theta (f - y) with Theta the
 * network's NTK Gram.
 *
 * @param network the network trained
 * @param targets the P targets y_mu
 */
public record FourierResidualTraining(FourierResidualNetwork network, double[] targets) {

    public FourierResidualTraining {
        targets = targets.clone();
        if (targets.length != network.samples()) {
            throw new IllegalArgumentException(targets.length + " targets for " + network.samples() + " inputs");
        }
    }

    /** The targets, a copy. */
    @Override
    public double[] targets() {
        return targets.clone();
    }
}
