package org.feynet.dmft;

/** Solves the single-neuron process of one layer for given kernels and returns its kernels and responses. */
interface LayerSolver {

    /** Layer {@code layer} (1 .. L) driven by {@code inputs}. */
    LayerKernels solve(int layer, LayerInputs inputs);

    /**
     * Layer {@code layer}'s kernels where its responses will not be used (the lazy sweeps, the gradient-independence
     * approximation); a solver may then leave the responses out (null).
     */
    default LayerKernels kernels(int layer, LayerInputs inputs) {
        return solve(layer, inputs);
    }

    /** The Monte Carlo population per layer, or 0 for an exact solver. */
    int population();
}
