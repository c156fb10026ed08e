package org.feynet.dmft;

/** Solves the single-neuron process of one layer for given kernels and returns its kernels and responses. */
interface LayerSolver {

    /** Layer {@code layer} (1 .. L) driven by {@code inputs}. */
    LayerKernels solve(int layer, LayerInputs inputs);

    /** The Monte Carlo population per layer, or 0 for an exact solver. */
    int population();
}
