package org.feynet.model;

/**
 * The learning rates of the neural tangent kernel (PDLT eq. 7.1 with the normalisation of section 8.0): lambda_b
 * for every bias and lambda_W / n_{l-1} for the weights of a layer whose input width is n_{l-1}, the same in every
 * layer.
 *
 * @param lambdaB the bias learning rate, at least 0
 * @param lambdaW the weight learning rate (times the input width), at least 0
 */
public record LearningRates(double lambdaB, double lambdaW) {

    /** Validates that the rates are finite and not negative. */
    public LearningRates {
        if (!(lambdaB >= 0) || !(lambdaW >= 0) || Double.isInfinite(lambdaB) || Double.isInfinite(lambdaW)) {
            throw new IllegalArgumentException("learning rates must be finite and at least 0, got lambda_b = "
                    + lambdaB + ", lambda_W = " + lambdaW);
        }
    }
}
