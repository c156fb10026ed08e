package org.feynet.cli;

import java.nio.file.Path;
import org.feynet.lang.ModelReader;
import org.feynet.model.ModelFile;
import org.feynet.model.TrainingProblem;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of the commands on training problems (dmft, train, compare of a train block): the file and which one. */
final class TrainingOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "model file (.fnet) with a train block")
    Path file;

    @Option(names = "--model", paramLabel = "NAME", description = "which trained network (default: the first)")
    String model;

    TrainingProblem problem() {
        ModelFile models = ModelReader.read(file);
        return select(models, model, file);
    }

    /** The training problem named {@code name} (or the first) of {@code models}. */
    static TrainingProblem select(ModelFile models, String name, Path file) {
        if (models.trainings().isEmpty()) {
            throw new UserError(file + ": no train block, expected 'train NAME { ... }' after a mean-field network");
        }
        for (TrainingProblem problem : models.trainings()) {
            if (name == null || problem.network().name().equals(name)) {
                return problem;
            }
        }
        throw new UserError(file + ": no train block for '" + name + "'");
    }
}
