package org.feynet.cli;

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
    public Integer call() throws java.io.IOException {
        java.util.Optional<org.feynet.model.FourierResidualNetwork> ecrn = options.fourier();
        if (ecrn.isPresent()) {
            Path path = options.path();
            return FourierCommands.latex(ecrn.get(), path.toString().replace('\\', '/'),
                    java.nio.file.Files.readString(path), output, spec.commandLine().getOut());
        }
        Subject subject = options.subject();
        if (subject instanceof Subject.Theory theory) {
            return TheoryCommands.latex(theory, spec.commandLine().getOut(), output);
        }
        if (subject instanceof Subject.Residual residual) {
            throw new UserError(Places.of(residual.file(), residual.text(), "network") + ": '"
                    + residual.model().name() + "' is a residual network; its"
                    + " equations are printed by derive (and --continuous), not yet as a LaTeX document");
        }
        Subject.Network network = (Subject.Network) subject;
        if (network.model().tied()) {
            throw new UserError(Places.of(network.file(), network.text(), "network") + ": '"
                    + network.model().name() + "' is weight-tied; its 1/n"
                    + " recursions are not derived yet, so there is no LaTeX document (feynet criticality --latex"
                    + " gives its infinite-width maps)");
        }
        RecursionSystem system = Pipeline.derive(network.model());
        String text = LatexDocument.write(system, network.source(), network.text());
        Path file = output != null ? output : Path.of(network.model().name() + ".tex");
        AtomicFiles.write(file, text);
        spec.commandLine().getOut().println("wrote " + file);
        return 0;
    }
}
