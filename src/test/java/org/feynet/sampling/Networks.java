package org.feynet.sampling;

import java.util.List;
import org.feynet.model.Activation;
import org.feynet.model.InputSpec;
import org.feynet.model.MlpModel;
import org.feynet.model.Observable;
import org.feynet.model.ScalarExpr;

/** Small models for the sampling tests. */
final class Networks {

    private static final ScalarExpr Z = new ScalarExpr.Variable("z");

    private Networks() {}

    static Activation linear() {
        return new Activation("linear", Z, Activation.ClosedForm.LINEAR);
    }

    static Activation relu() {
        return new Activation("relu", new ScalarExpr.Call(ScalarExpr.Function.MAX,
                List.of(new ScalarExpr.Constant(0), Z)), Activation.ClosedForm.RELU);
    }

    static Activation tanh() {
        return new Activation("tanh", new ScalarExpr.Call(ScalarExpr.Function.TANH, List.of(Z)),
                Activation.ClosedForm.NONE);
    }

    static Activation cube() {
        return new Activation("z^3", new ScalarExpr.Binary(ScalarExpr.Operator.POWER, Z,
                new ScalarExpr.Constant(3)), Activation.ClosedForm.NONE);
    }

    static MlpModel mlp(Activation sigma, double cb, double cw, int depth, double[][] gram) {
        return new MlpModel("test_" + sigma.name(), sigma, cb, cw, depth, new InputSpec.Gram(gram),
                Observable.METRIC, 1);
    }

    static MlpModel mlpOnVectors(Activation sigma, double cb, double cw, int depth, double[][] x) {
        return new MlpModel("test_" + sigma.name(), sigma, cb, cw, depth, new InputSpec.Vectors(x),
                Observable.METRIC, 1);
    }
}
