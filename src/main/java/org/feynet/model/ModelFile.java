package org.feynet.model;

import java.util.List;

/**
 * Everything a .fnet file defines, in source order: its networks (MLPs and residual networks), its theories and its
 * training problems (a mean-field network with its train block), with the text they were read from (for documents
 * that quote it).
 */
public record ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories,
                        List<ResidualModel> residuals, List<TrainingProblem> trainings) {
    public ModelFile {
        networks = List.copyOf(networks);
        theories = List.copyOf(theories);
        residuals = List.copyOf(residuals);
        trainings = List.copyOf(trainings);
    }

    /** A file without residual networks or training problems. */
    public ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories) {
        this(path, text, networks, theories, List.of(), List.of());
    }
}
