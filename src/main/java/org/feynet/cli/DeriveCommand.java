package org.feynet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.feynet.derive.Recursion;
import org.feynet.derive.RecursionFormatter;
import org.feynet.derive.RecursionSystem;
import org.feynet.derive.ScaleInvariantDiagonal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet derive}: the recursions as plain text and LaTeX, and the diagrams drawn into diagrams/. */
@Command(name = "derive", mixinStandardHelpOptions = true,
        description = "Derive the layer-to-layer recursions, print them as text and LaTeX, draw the diagrams.")
final class DeriveCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--diagrams", paramLabel = "DIR", description = "where to draw the diagrams (default: diagrams)")
    Path diagrams = Path.of("diagrams");

    @Option(names = "--continuous", description = "residual networks: also the continuous-depth limit eps -> 0,"
            + " t = l eps^2 fixed")
    boolean continuous;

    @Option(names = "--no-draw", description = "do not write diagram files")
    boolean noDraw;

    @Override
    public Integer call() {
        Subject subject = options.subject();
        if (subject instanceof Subject.Theory theory) {
            return TheoryCommands.derive(theory, spec.commandLine().getOut(), diagrams, !noDraw);
        }
        if (subject instanceof Subject.Residual residual) {
            spec.commandLine().getOut().print(ResidualDerivation.text(residual, continuous));
            return 0;
        }
        Subject.Network network = (Subject.Network) subject;
        RecursionSystem system = Pipeline.derive(network.model());
        StringBuilder out = new StringBuilder();
        out.append(Describe.model(network)).append("\n\n");
        out.append("Recursions from layer l to l+1 (<...> is a Gaussian expectation at K0 of layer l,\n")
                .append("d_c differentiates the sigma factors of sample c, repeated indices are summed over samples):\n");
        for (Recursion r : system.recursions()) {
            out.append("  ").append(RecursionFormatter.plain(r)).append('\n');
            out.append("      from ").append(Describe.diagrams(r)).append('\n');
        }
        out.append("\nLaTeX:\n\\begin{align}\n");
        out.append(String.join(" \\\\\n", system.recursions().stream().map(RecursionFormatter::latex).toList()))
                .append("\n\\end{align}\n");
        out.append(Describe.closedForms(system));
        ScaleInvariantDiagonal.text(system).ifPresent(text -> out.append('\n').append(text));
        if (!noDraw) {
            Path dir = diagrams.resolve(network.model().name());
            int files = DiagramFiles.write(dir, system);
            out.append("\nDiagrams drawn into ").append(dir).append(" (").append(files).append(" files, SVG and TikZ)\n");
        }
        spec.commandLine().getOut().print(out);
        return 0;
    }
}
