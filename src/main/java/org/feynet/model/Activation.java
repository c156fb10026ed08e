package org.feynet.model;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

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

    /**
     * A text that determines this activation, for disk-cache keys: equal texts exactly for equal activations (name,
     * closed form and expression, {@link ScalarExpr#identity}). Unlike the record's generated {@code toString} it
     * costs the JVM no run-time linking on first use.
     */
    public String identity() {
        return name.length() + ":" + name + ";" + closedForm.name() + ";" + ScalarExpr.identity(expression);
    }

    /**
     * The slopes (p, q) when sigma is scale invariant, sigma(t z) = t sigma(z) for t > 0, i.e. sigma(z) = p z for
     * z > 0 and q z for z < 0 (relu: 1, 0; a leaky relu: 1, alpha; the identity: 1, 1; abs: 1, -1); empty otherwise.
     * Checked at 64 points spread over [-40, 40] to 1e-12 relative.
     */
    public Optional<double[]> scaleInvariantSlopes() {
        DoubleUnaryOperator sigma = ScalarFunction.of(expression);
        double p = sigma.applyAsDouble(1.0);
        double q = -sigma.applyAsDouble(-1.0);
        if (!Double.isFinite(p) || !Double.isFinite(q) || sigma.applyAsDouble(0.0) != 0.0) {
            return Optional.empty();
        }
        for (int i = 1; i <= 64; i++) {
            double z = 40.0 * Math.sin(0.37 * i * i + 0.1 * i);
            double expected = z > 0 ? p * z : q * z;
            if (!(Math.abs(sigma.applyAsDouble(z) - expected) <= 1e-12 * Math.max(1.0, Math.abs(expected)))) {
                return Optional.empty();
            }
        }
        return Optional.of(new double[] {p, q});
    }
}
