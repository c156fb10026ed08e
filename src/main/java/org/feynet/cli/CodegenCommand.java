package org.feynet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.codegen.Evaluators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet codegen}: Java evaluator sources. Without a file it regenerates every committed artefact of the
 * bundled examples (generated/ and diagrams/); with a file, the evaluator of that model (for a residual network, the
 * classes of its four kernel closures G, Gproj, RG and RGM, which every residual network shares).
 */
@Command(name = "codegen", mixinStandardHelpOptions = true,
        description = {"Write the Java sources of a network's recursions (one class per order) and activation"
                + " derivatives (one class per activation) into generated/; for a residual network, the recursions of"
                + " its kernel closures G, Gproj, RG, RGM and of the exact route (one class each).",
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
        boolean outGiven = spec.commandLine().getParseResult().hasMatchedOption("--out");
        if (options.file == null) {
            OutputFiles.folder("--root", root, true);
            Map<String, String> files = BundledArtefacts.render(root, new PrintWriter(System.err, true));
            files.forEach((path, text) -> {
                OutputFiles.create(root.resolve(path).getParent());
                AtomicFiles.write(root.resolve(path), text);
            });
            spec.commandLine().getOut().println("wrote " + files.size() + " files for the bundled examples under "
                    + root.resolve("generated") + " and " + root.resolve("diagrams"));
            return 0;
        }
        OutputFiles.folder("--out", out, outGiven);
        Map<String, String> sources = options.subject() instanceof Subject.Residual ? Evaluators.residualSources()
                : Evaluators.sources(Pipeline.derive(options.network().model()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = out.resolve(source.getKey());
            OutputFiles.create(file.getParent()); // the Java package's folders below the output folder
            AtomicFiles.write(file, source.getValue());
            spec.commandLine().getOut().println("wrote " + file);
        }
        return 0;
    }
}
