package org.feynet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.feynet.codegen.EvaluatorCompiler;
import org.feynet.derive.Derivation;
import org.feynet.derive.EnumeratedDiagrams;
import org.feynet.derive.RecursionSystem;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.Observable;
import org.feynet.numerics.GaussianEngines;
import org.feynet.numerics.GaussianMoments;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.MetricEvaluator;
import org.feynet.numerics.MetricStatistics;

/** The pipeline stages as the commands use them: read, derive, compile an evaluator, evaluate. */
final class Pipeline {

    static final String DEFAULT_EXAMPLE = "examples/mlp_tanh.fnet";

    private Pipeline() {}

    /** A network read from a file, with the path as the user gave it. */
    record Loaded(Path file, MlpModel model) {
        String source() {
            return file.toString().replace('\\', '/');
        }
    }

    /** The model file to use: the given one, or the bundled example (found beside the launcher). */
    static Path resolve(Path file) {
        if (file != null) {
            return file;
        }
        Path local = Path.of(DEFAULT_EXAMPLE);
        String home = System.getProperty("feynet.home");
        if (!Files.exists(local) && home != null) {
            return Path.of(home).resolve(DEFAULT_EXAMPLE);
        }
        return local;
    }

    static Loaded load(Path file, String modelName) {
        Path path = resolve(file);
        return select(path, ModelReader.read(path), modelName);
    }

    /** A network from model text (for tests and generated examples). */
    static Loaded parse(String fileName, String text) {
        return select(Path.of(fileName), ModelReader.parse(fileName, text), null);
    }

    private static Loaded select(Path path, ModelFile models, String modelName) {
        List<MlpModel> networks = models.networks();
        if (networks.isEmpty()) {
            throw new UserError(path + ": the file defines no network");
        }
        MlpModel model = networks.get(0);
        if (modelName != null) {
            model = networks.stream().filter(m -> m.name().equals(modelName)).findFirst().orElseThrow(
                    () -> new UserError(path + ": no network named '" + modelName + "' (the file defines "
                            + networks.stream().map(MlpModel::name).toList() + ")"));
        }
        if (model.observable() != Observable.METRIC) {
            throw new UserError(path + ": derive " + model.observable().keyword()
                    + " is not supported yet (hint: feynet derives the metric: write `derive metric to order 1/n`)");
        }
        if (model.order() < 1) {
            throw new UserError(path + ": the order must be at least 1/n");
        }
        return new Loaded(path, model);
    }

    static RecursionSystem derive(MlpModel model) {
        RecursionSystem system = new Derivation(EnumeratedDiagrams::of).derive(model);
        try {
            GaussianEngines.requireSupported(model.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(unsupported.getMessage());
        }
        return system;
    }

    static MetricEvaluator evaluator(Loaded loaded, RecursionSystem system) {
        return EvaluatorCompiler.evaluator(system, loaded.source());
    }

    /** The Gaussian expectations, as {@link GaussianEngines#forActivation} chooses them. */
    static GaussianMoments engine(MlpModel model, MetricEvaluator evaluator) {
        return GaussianEngines.forActivation(model.activation(), evaluator.activation());
    }

    static MetricStatistics evaluate(Loaded loaded, boolean progress) {
        RecursionSystem system = derive(loaded.model());
        MetricEvaluator evaluator = evaluator(loaded, system);
        try (Progress bar = Progress.start("eval " + loaded.model().name(), loaded.model().depth(), progress)) {
            IntConsumer step = layer -> bar.stepTo(layer);
            return MetricEvaluation.run(evaluator, loaded.model(), engine(loaded.model(), evaluator), step);
        }
    }
}
