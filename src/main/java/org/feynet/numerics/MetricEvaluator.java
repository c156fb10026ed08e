package org.feynet.numerics;

/**
 * A generated evaluator of the metric recursions of one network (written by org.feynet.codegen from the
 * Symja-simplified recursions). It knows the activation's derivatives and, for each statistic, how to compute one
 * component of layer l+1 from layer l.
 */
public interface MetricEvaluator {

    /** The model it was generated for. */
    String model();

    /** The order in 1/n of the recursions. */
    int order();

    /** A hash of everything the generated code depends on, to detect stale generated files. */
    String fingerprint();

    /** sigma and its derivatives. */
    ActivationJet activation();

    /** The statistics computed by {@link #component}, as {size, order} pairs, in a valid evaluation order. */
    int[][] targets();

    /**
     * One component of statistic {@code targets()[target]} of the next layer.
     *
     * @param external the sample indices a_1, b_1, ..., a_m, b_m
     * @param previous the previous layer's statistics
     * @param moments  the Gaussian expectations at the previous layer's K0
     */
    double component(int target, int[] external, LayerState previous, MomentTable moments, double cb, double cw);
}
