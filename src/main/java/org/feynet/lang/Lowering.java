package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.FieldTheory;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.TrainingProblem;

/**
 * Checked blocks to the model, in source order: networks to {@link MlpModel}s, theories to {@link FieldTheory}s,
 * train blocks to {@link TrainingProblem}s (their mean-field networks are lowered by the checker).
 */
final class Lowering {

    private Lowering() {}

    static ModelFile lower(String path, String text, List<Checked> blocks) {
        List<MlpModel> networks = new ArrayList<>();
        List<FieldTheory> theories = new ArrayList<>();
        List<TrainingProblem> trainings = new ArrayList<>();
        for (Checked block : blocks) {
            if (block instanceof CheckedTheory theory) {
                theories.add(TheoryLowering.lower(theory));
            } else if (block instanceof CheckedNetwork network) {
                networks.add(NetworkLowering.lower(network));
            } else if (block instanceof CheckedTraining training) {
                trainings.add(training.problem());
            }
        }
        return new ModelFile(path, text, networks, theories, trainings);
    }
}
