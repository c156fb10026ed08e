package org.feynet.model;

/**
 * A {@code train} block: full-batch gradient flow on a mean-field network,
 * d theta / dt = -gamma0^2 n dLoss/d theta for every weight, with the mean squared error
 * Loss = (1/(2P)) sum_mu (f_mu - y_mu)^2, from t = 0 to t = T. Then
 * d f_mu / dt = (1/P) sum_nu K_{mu nu}(t) (y_nu - f_nu) with the NTK K = gamma0^2 n sum_theta (df_mu/dtheta)(df_nu/dtheta).
 *
 * @param network the network trained
 * @param targets the P targets y_mu
 * @param time    the time horizon T > 0
 */
public record TrainingProblem(MeanFieldNetwork network, double[] targets, double time) {

    public TrainingProblem {
        targets = targets.clone();
    }

    /** The targets, a copy. */
    @Override
    public double[] targets() {
        return targets.clone();
    }

    /** The mean squared error (1/(2P)) sum_mu (f_mu - y_mu)^2 of outputs {@code f}. */
    public double loss(double[] f) {
        double sum = 0;
        for (int mu = 0; mu < f.length; mu++) {
            sum += (f[mu] - targets[mu]) * (f[mu] - targets[mu]);
        }
        return sum / (2 * f.length);
    }

    /** The same problem with the feature-learning strength {@code gamma0}. */
    public TrainingProblem withGamma0(double gamma0) {
        MeanFieldNetwork n = network;
        return new TrainingProblem(new MeanFieldNetwork(n.name(), n.depth(), n.activation(), n.inputs(), gamma0),
                targets, time);
    }
}
