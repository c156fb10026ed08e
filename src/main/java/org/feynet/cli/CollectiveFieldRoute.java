package org.feynet.cli;

import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.CollectiveFieldTheory;

/** The collective-field statistics of a network model, tied or untied ({@link CollectiveFieldTheory}). */
final class CollectiveFieldRoute {

    private CollectiveFieldRoute() {}

    /**
     * The most estimated CPU seconds a run may take ({@link CollectiveFieldTheory#estimatedSeconds}); beyond it the
     * request is refused at once with the estimate, instead of running for hours (T = 40 steps of two inputs would take
     * about 15 hours at the default quadrature; two inputs are allowed up to T = 12).
     */
    static final double BUDGET_SECONDS = 300;

    /**
     * The one-loop statistics of every step of {@code model}, with the weights tied or not as asked.
     *
     * @throws UserError when the estimated time is above {@link #BUDGET_SECONDS}
     */
    static CollectiveFieldTheory.Result evaluate(MlpModel model, boolean tied, CollectiveFieldTheory.Quadrature rule) {
        return evaluate(model, model.firstLayerMetric(), tied, rule);
    }

    /** The same for another first-layer metric (criticality's single input). */
    static CollectiveFieldTheory.Result evaluate(MlpModel model, double[][] gram, boolean tied,
                                                 CollectiveFieldTheory.Quadrature rule) {
        checkBudget(model.name(), model, gram.length, tied, rule);
        return CollectiveFieldTheory.evaluate(ScalarFunction.of(model.activation().expression()),
                Pipeline.gaussianMoments(model), model.cb(), model.cw(), gram, model.depth(), tied, rule);
    }

    /**
     * Refuses, before any work, a network whose route would take longer than {@link #BUDGET_SECONDS}, naming the
     * depth statement of its file.
     */
    static void checkBudget(Subject.Network network, int inputs, boolean tied, CollectiveFieldTheory.Quadrature rule) {
        checkBudget(Places.of(network.file(), network.text(), "depth"), network.model(), inputs, tied, rule);
    }

    private static void checkBudget(String place, MlpModel model, int inputs, boolean tied,
                                    CollectiveFieldTheory.Quadrature rule) {
        double seconds = CollectiveFieldTheory.estimatedSeconds(model.depth(), inputs, tied, rule);
        if (seconds > BUDGET_SECONDS) {
            throw new UserError(String.format(java.util.Locale.ROOT, "%s: the collective-field route of %d steps with"
                    + " %d input%s has %d coordinates and would take about %s of CPU time (the limit is %.0f s; it grows"
                    + " like (T P)^4; hint: fewer steps or inputs, or sample the network: feynet sample)", place,
                    model.depth(), inputs, inputs == 1 ? "" : "s",
                    CollectiveFieldTheory.coordinates(model.depth(), inputs, tied), duration(seconds), BUDGET_SECONDS));
        }
    }

    private static String duration(double seconds) {
        return seconds < 600 ? String.format(java.util.Locale.ROOT, "%.0f s", seconds)
                : seconds < 7200 ? String.format(java.util.Locale.ROOT, "%.0f min", seconds / 60)
                : seconds < 172800 ? String.format(java.util.Locale.ROOT, "%.1f hours", seconds / 3600)
                : String.format(java.util.Locale.ROOT, "%.0f days", seconds / 86400);
    }
}
