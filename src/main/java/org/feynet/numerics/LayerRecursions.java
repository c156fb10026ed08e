package org.feynet.numerics;

import java.util.List;
import org.feynet.model.Statistic;

/**
 * The recursions of one observable at one order in 1/n, as generated code (org.feynet.codegen writes one class per
 * observable and order from the simplified recursions). They do not depend on the activation: every Gaussian
 * expectation they need comes from the {@link MomentTable} of the previous layer.
 */
public interface LayerRecursions {

    /** The order p in 1/n. */
    int order();

    /** A hash of everything the generated code depends on, to detect stale generated files. */
    String fingerprint();

    /** The statistics computed by {@link #component}, in a valid evaluation order. */
    List<Statistic> targets();

    /**
     * One component of statistic {@code targets().get(target)} of the next layer.
     *
     * @param external the sample indices a_1, b_1, ..., a_m, b_m
     * @param previous the previous layer's statistics
     * @param moments  the Gaussian expectations at the previous layer's K0
     * @param h        Cb, Cw and the learning rates
     */
    double component(int target, int[] external, LayerState previous, MomentTable moments, Hyperparameters h);
}
