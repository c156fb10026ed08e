package org.feynet.model;

/**
 * A {@code train} block for a Fourier-feature residual network: full-batch gradient flow from the network's
 * initialisation on the mean squared error (1/(2P)) sum_mu (f_mu - y_mu)^2, every parameter moving with its NTK
 * rate (W^(0), w: 1; b: lambda_b; hidden W: lambda_W / n), so that df/dt = -(1/P) Theta (f - y) with Theta the
 * network's NTK Gram, from t = 0 to t = T.
 *
 * @param network     the network trained
 * @param targets     the P targets y_mu
 * @param testInputs  held-out inputs on which the test error is measured (possibly none), each of dimension d
 * @param testTargets their targets (as many as testInputs)
 * @param time        the horizon T > 0
 */
public record FourierResidualTraining(FourierResidualNetwork network, double[] targets, double[][] testInputs,
                                      double[] testTargets, double time) {

    public FourierResidualTraining {
        targets = targets.clone();
        testInputs = Matrices.copy(testInputs);
        testTargets = testTargets.clone();
        if (targets.length != network.samples()) {
            throw new IllegalArgumentException(targets.length + " targets for " + network.samples() + " inputs");
        }
        if (testTargets.length != testInputs.length) {
            throw new IllegalArgumentException(testTargets.length + " test targets for " + testInputs.length
                    + " test inputs");
        }
        if (!(time > 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("the horizon must be positive and finite, got " + time);
        }
    }

    /** The targets, a copy. */
    @Override
    public double[] targets() {
        return targets.clone();
    }

    /** The held-out inputs, a copy. */
    @Override
    public double[][] testInputs() {
        return Matrices.copy(testInputs);
    }

    /** The held-out targets, a copy. */
    @Override
    public double[] testTargets() {
        return testTargets.clone();
    }
}
