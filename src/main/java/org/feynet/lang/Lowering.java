package org.feynet.lang;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.FieldTheory;
import org.feynet.model.MlpModel;
import org.feynet.model.ModelFile;

/** Checked blocks to the model, in source order: networks to {@link MlpModel}s, theories to {@link FieldTheory}s. */
final class Lowering {

    private Lowering() {}

    static ModelFile lower(String path, String text, List<Checked> blocks) {
        List<MlpModel> networks = new ArrayList<>();
        List<FieldTheory> theories = new ArrayList<>();
        for (Checked block : blocks) {
            if (block instanceof CheckedTheory theory) {
                theories.add(TheoryLowering.lower(theory));
            } else {
                networks.add(NetworkLowering.lower((CheckedNetwork) block));
            }
        }
        return new ModelFile(path, text, networks, theories);
    }
}
