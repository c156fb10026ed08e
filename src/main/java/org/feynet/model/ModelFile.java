package org.feynet.model;

import java.util.List;

/** Everything a .fnet file defines, in source order: its networks and its theories. */
public record ModelFile(String path, List<MlpModel> networks, List<FieldTheory> theories) {
    public ModelFile {
        networks = List.copyOf(networks);
        theories = List.copyOf(theories);
    }

    /** A file of networks only. */
    public ModelFile(String path, List<MlpModel> networks) {
        this(path, networks, List.of());
    }
}
