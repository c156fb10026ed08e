package org.feynet.model;

import java.util.List;

/**
 * Everything a .fnet file defines, in source order: its networks and its theories, with the text they were read
 * from (for documents that quote it), and its training problems (a mean-field network with its train block).
 */
public record ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories,
        List<TrainingProblem> trainings) {
    public ModelFile {
        networks = List.copyOf(networks);
        theories = List.copyOf(theories);
        trainings = List.copyOf(trainings);
    }

    /** A file without training problems. */
    public ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories) {
        this(path, text, networks, theories, List.of());
    }
}
