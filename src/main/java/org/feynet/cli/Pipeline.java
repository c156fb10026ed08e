package org.feynet.cli;

import java.util.function.IntConsumer;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.GaussHermiteMoments;
import org.feynet.numerics.GaussianMoments;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.MetricRecursions;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.PiecewiseLinearMoments;
import org.feynet.numerics.ReluMoments;

/** The pipeline stages as the network commands use them: derive, generated code, evaluate. */
final class Pipeline {

    private Pipeline() {}

    /** A network from model text (for tests and generated examples), its first block. */
    static Subject.Network parse(String fileName, String text) {
        return new Subject.Network(java.nio.file.Path.of(fileName), text,
                ModelReader.parse(fileName, text).networks().get(0));
    }

    static RecursionSystem derive(MlpModel model) {
        RecursionSystem system = new Derivation(MetricDiagrams::of).derive(model);
        if (system.activation().hasUnsupportedKink() && kinkSlopes(model).isEmpty()) {
            throw new UserError("activation " + model.activation().name() + " has a kink (abs or max) of a kind"
                    + " feynet cannot integrate exactly; it handles a relu(z)^p + b relu(-z)^p, p = 1..4 (relu, abs,"
                    + " leaky relu, squared relu, z*abs(z))");
        }
        return system;
    }

    /** (a, b, p) when sigma = a relu(z)^p + b relu(-z)^p (the kinks feynet integrates exactly). */
    private static java.util.Optional<double[]> kinkSlopes(MlpModel model) {
        return PiecewiseLinearMoments.shape(ScalarFunction.of(model.activation().expression()));
    }

    /**
     * The Gaussian expectations: exact for ReLU and the piecewise-linear activations with a kink at the origin,
     * Gauss-Hermite from the generated derivatives otherwise.
     */
    static GaussianMoments engine(RecursionSystem system) {
        MlpModel model = system.model();
        if (model.activation().closedForm() == ClosedForm.RELU) {
            return new ReluMoments();
        }
        if (system.activation().hasUnsupportedKink()) {
            double[] shape = kinkSlopes(model).orElseThrow();
            return new PiecewiseLinearMoments(shape[0], shape[1], (int) shape[2]);
        }
        return GaussHermiteMoments.calibrated(Evaluators.jet(system.activation()));
    }

    static MetricStatistics evaluate(Subject.Network network, boolean progress) {
        RecursionSystem system = derive(network.model());
        MetricRecursions recursions = Evaluators.recursions(system);
        GaussianMoments engine = engine(system);
        try (Progress bar = Progress.start("eval " + network.model().name(), network.model().depth(), progress)) {
            IntConsumer step = layer -> bar.stepTo(layer);
            return MetricEvaluation.run(recursions, network.model(), engine, step);
        }
    }
}
