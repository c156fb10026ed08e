package org.feynet.cli;

import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.CollectiveFieldTheory;

/** The collective-field statistics of a network model, tied or untied ({@link CollectiveFieldTheory}). */
final class CollectiveFieldRoute {

    private CollectiveFieldRoute() {}

    /** The one-loop statistics of every step of {@code model}, with the weights tied or not as asked. */
    static CollectiveFieldTheory.Result evaluate(MlpModel model, boolean tied, CollectiveFieldTheory.Quadrature rule) {
        return CollectiveFieldTheory.evaluate(ScalarFunction.of(model.activation().expression()),
                Pipeline.gaussianMoments(model), model.cb(), model.cw(), model.firstLayerMetric(), model.depth(), tied,
                rule);
    }
}
