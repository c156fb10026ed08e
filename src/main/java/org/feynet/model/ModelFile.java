package org.feynet.model;

import java.util.List;

/** Everything a .fnet file defines, in source order. */
public record ModelFile(String path, List<MlpModel> networks) {
    public ModelFile {
        networks = List.copyOf(networks);
    }
}
