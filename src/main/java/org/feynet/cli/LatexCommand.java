package org.feynet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.feynet.derive.LatexDocument;
import org.feynet.derive.RecursionSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet latex}: a complete .tex document with the model, action, diagrams and recursions. */
@Command(name = "latex", mixinStandardHelpOptions = true,
        description = "Write a complete LaTeX document: model, action, diagrams (TikZ) and recursions.")
final class LatexCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "output file (default: MODEL.tex)")
    Path output;

    @Override
    public Integer call() throws IOException {
        org.feynet.model.FieldTheory theory = TheoryCommands.theory(options);
        if (theory != null) {
            return TheoryCommands.latex(options, theory, spec.commandLine().getOut(), output);
        }
        Pipeline.Loaded loaded = options.load();
        RecursionSystem system = Pipeline.derive(loaded.model());
        String text = LatexDocument.write(system, loaded.source(), Files.readString(loaded.file()));
        Path file = output != null ? output : Path.of(loaded.model().name() + ".tex");
        AtomicFiles.write(file, text);
        spec.commandLine().getOut().println("wrote " + file);
        return 0;
    }
}
