package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;

/** Checked blocks to the model, in source order. Theory blocks are checked but cannot be lowered yet. */
final class Lowering {

    private Lowering() {}

    static ModelFile lower(String path, List<Checked> blocks) {
        List<MlpModel> networks = new ArrayList<>();
        for (Checked block : blocks) {
            if (block instanceof CheckedTheory theory) {
                throw new SourceError(theory.block().position(), "theory blocks are not supported yet");
            }
            networks.add(NetworkLowering.lower((CheckedNetwork) block));
        }
        return new ModelFile(path, networks);
    }
}
