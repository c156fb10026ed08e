package org.feynet.cli;

import java.util.function.IntConsumer;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.numerics.GaussianEngines;
import org.feynet.numerics.GaussianMoments;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.LayerRecursions;
import org.feynet.numerics.MetricStatistics;

/** The pipeline stages as the network commands use them: derive, generated code, evaluate. */
final class Pipeline {

    private Pipeline() {}

    /** A network from model text (for tests and generated examples), its first block. */
    static Subject.Network parse(String fileName, String text) {
        return new Subject.Network(java.nio.file.Path.of(fileName), text,
                ModelReader.parse(fileName, text).networks().get(0));
    }

    /** The recursions of the network, refused early when its activation cannot be integrated. */
    static RecursionSystem derive(MlpModel model) {
        try {
            GaussianEngines.requireSupported(model.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(unsupported.getMessage());
        }
        return new Derivation(MetricDiagrams::of).derive(model);
    }

    /** The Gaussian expectations of the network's activation (numerics chooses the engine). */
    static GaussianMoments engine(RecursionSystem system) {
        return GaussianEngines.forActivation(system.model().activation(), Evaluators.jet(system.activation()));
    }

    /**
     * The highest order evaluated: the Gaussian expectations of order 1/n^p carry up to 4p derivatives of sigma
     * on one sample, and the engines and generated derivatives go up to eight.
     */
    static final int MAX_EVAL_ORDER = 2;

    static MetricStatistics evaluate(Subject.Network network, boolean progress) {
        if (network.model().order() > MAX_EVAL_ORDER) {
            boolean fromFile = java.util.regex.Pattern.compile("(?m)^\\s*derive\\b[^\\n]*\\^\\s*"
                    + network.model().order() + "\\b").matcher(network.text()).find();
            throw new UserError((fromFile ? Places.of(network.file(), network.text(), "derive") + ": " : "")
                    + "numbers are evaluated to order 1/n^" + MAX_EVAL_ORDER + " at most (order 1/n^"
                    + network.model().order() + " needs more than eight derivatives of sigma); derive, diagrams and"
                    + " latex go to 1/n^" + org.feynet.model.Limits.MAX_NETWORK_ORDER);
        }
        RecursionSystem system = derive(network.model());
        LayerRecursions recursions = Evaluators.recursions(system);
        GaussianMoments engine = engine(system);
        try (Progress bar = Progress.start("eval " + network.model().name(), network.model().depth(), progress)) {
            IntConsumer step = layer -> bar.stepTo(layer);
            return MetricEvaluation.run(recursions, network.model(), engine, step);
        }
    }
}
