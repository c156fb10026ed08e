package org.feynet.numerics;

/**
 * The derivatives of an activation function at a point: the input to every Gaussian expectation.
 * Implementations come from generated code (Symja's symbolic derivatives, see org.feynet.codegen) or from tests.
 */
@FunctionalInterface
public interface ActivationJet {

    /**
     * Fills {@code out[k]} with the k-th derivative sigma^(k)(z) for k = 0 .. out.length - 1.
     * Implementations must support at least out.length = 9.
     */
    void derivatives(double z, double[] out);
}
