package org.feynet.cli;

import java.nio.file.Path;
import org.feynet.model.MlpModel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every model command shares: the file and which network in it. */
final class ModelOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "model file (.fnet); default: the bundled examples/mlp_tanh.fnet")
    Path file;

    @Option(names = "--model", paramLabel = "NAME", description = "which network of the file (default: the first)")
    String model;

    @Option(names = "--coupling-order", paramLabel = "K",
            description = "theories: the total coupling degree kept by orders in 1/N (default 4)")
    Integer couplingOrder;

    @Option(names = "--order", paramLabel = "K",
            description = "override the order of the derive lines: 1/n^K for networks, degree K in the couplings"
                    + " (or 1/N^K) for theories")
    Integer order;

    Pipeline.Loaded load() {
        Pipeline.Loaded loaded = Pipeline.load(file, model);
        if (order == null) {
            return loaded;
        }
        Checks.positive("--order", order);
        MlpModel m = loaded.model();
        return new Pipeline.Loaded(loaded.file(), new MlpModel(m.name(), m.activation(), m.cb(), m.cw(), m.depth(),
                m.input(), m.observable(), order));
    }
}
