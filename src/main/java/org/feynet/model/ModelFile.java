package org.feynet.model;

import java.util.List;

/**
 * Everything a .fnet file defines, in source order: its networks (MLPs and residual networks), its theories, its
 * training problems (a mean-field network with its train block), its Fourier-feature residual networks and their
 * train blocks, with the text they were read from (for documents that quote it).
 */
public record ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories,
                        List<ResidualModel> residuals, List<TrainingProblem> trainings,
                        List<FourierResidualNetwork> fourierResiduals, List<FourierResidualTraining> fourierTrainings) {
    public ModelFile {
        networks = List.copyOf(networks);
        theories = List.copyOf(theories);
        residuals = List.copyOf(residuals);
        trainings = List.copyOf(trainings);
        fourierResiduals = List.copyOf(fourierResiduals);
        fourierTrainings = List.copyOf(fourierTrainings);
    }

    /** A file without Fourier-feature residual networks. */
    public ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories,
                     List<ResidualModel> residuals, List<TrainingProblem> trainings) {
        this(path, text, networks, theories, residuals, trainings, List.of(), List.of());
    }

    /** A file without residual networks or training problems. */
    public ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories) {
        this(path, text, networks, theories, List.of(), List.of());
    }
}
