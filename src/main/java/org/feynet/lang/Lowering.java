package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.FieldTheory;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;
import org.feynet.model.ResidualModel;

/** Checked blocks to the model, in source order: networks to {@link MlpModel}s, theories to {@link FieldTheory}s. */
final class Lowering {

    private Lowering() {}

    static ModelFile lower(String path, String text, List<Checked> blocks) {
        List<MlpModel> networks = new ArrayList<>();
        List<FieldTheory> theories = new ArrayList<>();
        List<ResidualModel> residuals = new ArrayList<>();
        for (Checked block : blocks) {
            if (block instanceof CheckedTheory theory) {
                theories.add(TheoryLowering.lower(theory));
            } else if (ResidualLowering.isResidual((CheckedNetwork) block)) {
                NetworkLowering.refuseMasksAndSharing((CheckedNetwork) block);
                residuals.add(ResidualLowering.lower((CheckedNetwork) block));
            } else {
                CheckedNetwork network = (CheckedNetwork) block;
                if (network.closure() != null) {
                    throw new SourceError(network.closure().position(), "a closure applies to residual networks, and "
                            + network.block().name().text() + " has no skip connection", "remove the closure statement");
                }
                networks.add(NetworkLowering.lower(network));
            }
        }
        return new ModelFile(path, text, networks, theories, residuals);
    }
}
