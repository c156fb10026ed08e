package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.FieldTheory;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.ResidualModel;
import org.feynet.model.TrainingProblem;

/**
 * Checked blocks to the model, in source order: networks to {@link MlpModel}s, theories to {@link FieldTheory}s,
 * train blocks to {@link TrainingProblem}s (their mean-field networks are lowered by the checker), Fourier-feature
 * residual networks and their train blocks to {@link FourierResidualNetwork}s and {@link FourierResidualTraining}s
 * (lowered by their checkers).
 */
final class Lowering {

    private Lowering() {}

    static ModelFile lower(String path, String text, List<Checked> blocks) {
        List<MlpModel> networks = new ArrayList<>();
        List<FieldTheory> theories = new ArrayList<>();
        List<ResidualModel> residuals = new ArrayList<>();
        List<TrainingProblem> trainings = new ArrayList<>();
        List<FourierResidualNetwork> fourier = new ArrayList<>();
        List<FourierResidualTraining> fourierTrainings = new ArrayList<>();
        for (Checked block : blocks) {
            if (block instanceof CheckedFourierResidual ecrn) {
                fourier.add(ecrn.model());
            } else if (block instanceof CheckedFourierTraining training) {
                fourierTrainings.add(training.training());
            } else if (block instanceof CheckedTheory theory) {
                theories.add(TheoryLowering.lower(theory));
            } else if (block instanceof CheckedTraining training) {
                trainings.add(training.problem());
            } else if (block instanceof CheckedNetwork network && ResidualLowering.isResidual(network)) {
                NetworkLowering.refuseMasksAndSharing(network);
                residuals.add(ResidualLowering.lower(network));
            } else if (block instanceof CheckedNetwork network) {
                if (network.closure() != null) {
                    throw new SourceError(network.closure().position(), "a closure applies to residual networks, and "
                            + network.block().name().text() + " has no skip connection", "remove the closure statement");
                }
                networks.add(NetworkLowering.lower(network));
            }
        }
        return new ModelFile(path, text, networks, theories, residuals, trainings, fourier, fourierTrainings);
    }
}
