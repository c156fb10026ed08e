package org.feynet.numerics;

import org.feynet.model.MlpModel;

/**
 * The numbers the recursions multiply by: the bias and weight variances Cb and Cw, and the learning rates lambda_b and
 * lambda_W of the NTK (zero when the model has none).
 */
public record Hyperparameters(double cb, double cw, double lambdaB, double lambdaW) {

    /** The model's hyperparameters. */
    public static Hyperparameters of(MlpModel model) {
        return model.rates() == null ? new Hyperparameters(model.cb(), model.cw(), 0, 0)
                : new Hyperparameters(model.cb(), model.cw(), model.rates().lambdaB(), model.rates().lambdaW());
    }
}
