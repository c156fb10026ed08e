package org.feynet.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.feynet.lang.ModelReader;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualTraining;
import org.feynet.model.ModelFile;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The file and the network of the commands on Fourier-feature residual networks (spectrum). */
final class FourierOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "model file (.fnet) with a Fourier-feature residual network")
    Path file;

    @Option(names = "--model", paramLabel = "NAME", description = "which network (default: the first)")
    String model;

    /** The network and its train block, if it has one. */
    record Selected(FourierResidualNetwork network, Optional<FourierResidualTraining> training) {}

    Selected select() {
        ModelFile models = ModelReader.read(file);
        if (models.fourierResiduals().isEmpty()) {
            throw new UserError(file + ": no Fourier-feature residual network, expected a network with"
                    + " 'features gamma(x) = fourier(m, s)'");
        }
        for (FourierResidualNetwork net : models.fourierResiduals()) {
            if (model == null || net.name().equals(model)) {
                Optional<FourierResidualTraining> training = models.fourierTrainings().stream()
                        .filter(t -> t.network().name().equals(net.name())).findFirst();
                return new Selected(net, training);
            }
        }
        throw new UserError(file + ": no Fourier-feature residual network named '" + model + "'");
    }
}
