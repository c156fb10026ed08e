package org.feynet.model;

import java.util.List;

/**
 * Everything a .fnet file defines, in source order: its networks (MLPs and residual networks) and its theories,
 * with the text they were read from (for documents that quote it).
 */
public record ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories,
                        List<ResidualModel> residuals) {
    public ModelFile {
        networks = List.copyOf(networks);
        theories = List.copyOf(theories);
        residuals = List.copyOf(residuals);
    }

    /** A file without residual networks. */
    public ModelFile(String path, String text, List<MlpModel> networks, List<FieldTheory> theories) {
        this(path, text, networks, theories, List.of());
    }
}
