package org.feynet.cli;

import java.nio.file.Path;
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

    Pipeline.Loaded load() {
        return Pipeline.load(file, model);
    }
}
