package org.feynet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.feynet.derive.LatexDocument;
import org.feynet.derive.RecursionSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code feynet latex}: a complete .tex document with the model, action, diagrams and recursions (for a residual
 * network: its derivation, every closure and the continuous-depth equations; for a mean-field network with a train
 * block: the DMFT derivation of {@link DmftLatex}).
 */
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
        if (output != null) {
            OutputFiles.inExistingFolder("-o", output);
        }
        java.util.Optional<org.feynet.model.FourierResidualNetwork> ecrn = options.fourier();
        if (ecrn.isPresent()) {
            Path path = options.path();
            return FourierCommands.latex(ecrn.get(), path.toString().replace('\\', '/'),
                    java.nio.file.Files.readString(path), output, spec.commandLine().getOut());
        }
        java.util.Optional<org.feynet.model.TrainingProblem> training = options.training();
        if (training.isPresent()) {
            Path path = options.path();
            Path file = output != null ? output : Path.of(training.get().network().name() + ".tex");
            AtomicFiles.write(file, DmftLatex.document(training.get(), path.toString().replace('\\', '/'),
                    java.nio.file.Files.readString(path)));
            spec.commandLine().getOut().println("wrote " + file);
            return 0;
        }
        Subject subject = options.subject();
        if (subject instanceof Subject.Theory theory) {
            return TheoryCommands.latex(theory, spec.commandLine().getOut(), output);
        }
        if (subject instanceof Subject.Residual residual) {
            Path file = output != null ? output : Path.of(residual.model().name() + ".tex");
            AtomicFiles.write(file, ResidualLatex.document(residual));
            spec.commandLine().getOut().println("wrote " + file);
            return 0;
        }
        Subject.Network network = (Subject.Network) subject;
        if (network.model().tied()) {
            Path file = output != null ? output : Path.of(network.model().name() + ".tex");
            AtomicFiles.write(file, TiedLatex.document(network.model(), network.source()));
            spec.commandLine().getOut().println("wrote " + file);
            return 0;
        }
        RecursionSystem system = Pipeline.derive(network.model());
        String text = LatexDocument.write(system, network.source(), network.text());
        Path file = output != null ? output : Path.of(network.model().name() + ".tex");
        AtomicFiles.write(file, text);
        spec.commandLine().getOut().println("wrote " + file);
        return 0;
    }
}
