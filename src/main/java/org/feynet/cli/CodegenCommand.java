package org.feynet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.RecursionSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet codegen}: Java evaluator sources. Without a file it regenerates every committed artefact of the
 * bundled examples (generated/ and diagrams/); with a file, the evaluator of that model.
 */
@Command(name = "codegen", mixinStandardHelpOptions = true,
        description = {"Write the Java sources of a network's recursions (one class per order) and activation"
                + " derivatives (one class per activation) into generated/.",
                "Without FILE: regenerate generated/ and diagrams/ for all bundled examples."})
final class CodegenCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: generated)")
    Path out = Path.of("generated");

    @Option(names = "--root", paramLabel = "DIR", description = "project root holding examples/ (default: .)")
    Path root = Path.of(".");

    @Override
    public Integer call() {
        if (options.file == null) {
            Map<String, String> files = BundledArtefacts.render(root, new PrintWriter(System.err, true));
            files.forEach((path, text) -> AtomicFiles.write(root.resolve(path), text));
            spec.commandLine().getOut().println("wrote " + files.size() + " files for the bundled examples under "
                    + root.resolve("generated") + " and " + root.resolve("diagrams"));
            return 0;
        }
        Subject.Network network = options.network();
        RecursionSystem system = Pipeline.derive(network.model());
        for (Map.Entry<String, String> source : Evaluators.sources(system).entrySet()) {
            Path file = out.resolve(source.getKey());
            AtomicFiles.write(file, source.getValue());
            spec.commandLine().getOut().println("wrote " + file);
        }
        return 0;
    }
}
