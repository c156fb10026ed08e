package org.feynet.model;

/**
 * The activation function sigma of a network.
 *
 * @param name       how the model file named it ("tanh", or the expression text)
 * @param expression sigma(z) as an expression in the variable z
 * @param closedForm which closed-form Gaussian expectations apply, if any
 */
public record Activation(String name, ScalarExpr expression, ClosedForm closedForm) {

    /**
     * Activations whose two-point Gaussian expectation has a known closed form: ReLU (arc-cosine kernel,
     * Cho and Saul 2009), erf (arcsine kernel, Williams 1997), sin, and the identity.
     */
    public enum ClosedForm { RELU, ERF, SIN, LINEAR, NONE }
}
