package org.feynet.training;

import java.util.List;
import org.feynet.model.Activation;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.model.LearningRates;
import org.feynet.model.ScalarExpr;

/** Small Fourier residual networks and training problems for the tests. */
final class EcrnFixtures {

    private EcrnFixtures() {}

    static Activation tanh() {
        return new Activation("tanh", new ScalarExpr.Call(ScalarExpr.Function.TANH,
                List.of(new ScalarExpr.Variable("z"))), Activation.ClosedForm.NONE);
    }

    /** P inputs on the circle of radius 0.5 (angles 2 pi k / P + offset). */
    static double[][] circle(int p, double offset) {
        double[][] x = new double[p][2];
        for (int k = 0; k < p; k++) {
            double angle = 2 * Math.PI * k / p + offset;
            x[k][0] = 0.5 * Math.cos(angle);
            x[k][1] = 0.5 * Math.sin(angle);
        }
        return x;
    }

    /** An ecrn of depth L with alpha_l = 1/sqrt(L), Cb = 0.05, Cw = 1, s = 1, rates lambda_b = lambda_W = 1. */
    static FourierResidualNetwork network(int depth, int frequencies, double keep, int p) {
        double[] alpha = new double[depth];
        java.util.Arrays.fill(alpha, 1 / Math.sqrt(depth));
        return new FourierResidualNetwork("ecrn_test", tanh(), depth,
                new FourierResidualNetwork.FourierFeatures(frequencies, 0.5), 0.05, 1.0, alpha, keep,
                new LearningRates(1, 1), circle(p, 0), 1);
    }

    /** Targets y = sin(2 angle) on the training circle, a held-out circle rotated by half a spacing, horizon T. */
    static FourierResidualTraining training(FourierResidualNetwork network, double time) {
        int p = network.samples();
        double[] y = new double[p];
        double[] yTest = new double[p];
        for (int k = 0; k < p; k++) {
            y[k] = Math.sin(2 * (2 * Math.PI * k / p));
            yTest[k] = Math.sin(2 * (2 * Math.PI * k / p + Math.PI / p));
        }
        return new FourierResidualTraining(network, y, circle(p, Math.PI / p), yTest, time);
    }
}
