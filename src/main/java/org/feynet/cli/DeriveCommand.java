package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feynet.core.Fractions;
import org.feynet.diagrams.Diagram;
import java.util.concurrent.Callable;
import org.feynet.derive.Recursion;
import org.feynet.derive.RecursionFormatter;
import org.feynet.derive.RecursionSystem;
import org.feynet.derive.ScaleInvariantDiagonal;
import org.feynet.model.MlpModel;
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

    @Option(names = "--json", description = "networks: the recursions as JSON on stdout (docs/OUTPUTS.md) and nothing"
            + " else there")
    boolean json;

    @Override
    public Integer call() {
        Timing.mark("command line parsed");
        if (!noDraw) {
            OutputFiles.folder("--diagrams", diagrams, spec.commandLine().getParseResult().hasMatchedOption("--diagrams"));
        }
        java.util.Optional<org.feynet.model.FourierResidualNetwork> ecrn = options.fourier();
        if (ecrn.isPresent()) {
            return FourierCommands.derive(ecrn.get(), spec.commandLine().getOut());
        }
        java.util.Optional<org.feynet.model.TrainingProblem> training = options.training();
        if (training.isPresent()) {
            if (json) {
                throw new UserError("derive --json is for networks; for the train block of "
                        + training.get().network().name() + " use dmft --json");
            }
            spec.commandLine().getOut().print(DmftDerivation.text(training.get()));
            return 0;
        }
        Subject subject = options.subject();
        Timing.mark("model read");
        if (subject instanceof Subject.Theory theory) {
            if (json) {
                throw new UserError("derive --json is for networks; for the theory " + theory.theory().name()
                        + " use eval --json (its series) or diagrams --json");
            }
            return TheoryCommands.derive(theory, spec.commandLine().getOut(), diagrams, !noDraw);
        }
        if (subject instanceof Subject.Residual residual) {
            spec.commandLine().getOut().print(ResidualDerivation.text(residual, continuous));
            return 0;
        }
        Subject.Network network = (Subject.Network) subject;
        MlpModel model = network.model();
        if (model.tied() && !json) {
            spec.commandLine().getOut().print(Describe.model(network) + "\n\n" + TiedDerivation.text(model));
            return 0;
        }
        DiskCache cache = options.cache();
        if (json) {
            spec.commandLine().getOut().println(json(model, cache));
            return 0;
        }
        // tied networks are refused by the derivation itself, so their key (with the weights' sharing) is never written
        String key = DiskCache.key("derive", model.observable().keyword(), Integer.toString(model.order()),
                model.activation().identity(), model.weights().toString());
        StringBuilder out = new StringBuilder();
        out.append(Describe.model(network)).append("\n\n");
        Optional<byte[]> cached = noDraw ? cache.read(key) : Optional.empty();
        if (cached.isPresent()) {
            out.append(new String(cached.get(), StandardCharsets.UTF_8));
        } else {
            RecursionSystem system = Pipeline.derive(model);
            String report = report(system);
            cache.write(key, report.getBytes(StandardCharsets.UTF_8));
            out.append(report);
            if (!noDraw) {
                Path dir = diagrams.resolve(model.name());
                int files = DiagramFiles.write(dir, system);
                out.append("\nDiagrams drawn into ").append(dir).append(" (").append(files)
                        .append(" files, SVG and TikZ)\n");
            }
        }
        Timing.mark("report ready");
        spec.commandLine().getOut().print(out);
        Timing.mark("report printed");
        return 0;
    }

    /**
     * The recursions as text and LaTeX with the closed forms: a function of the observable, the order and the
     * activation alone, which is what the cache key holds.
     */
    private static String report(RecursionSystem system) {
        StringBuilder out = new StringBuilder();
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
        return out.toString();
    }

    /**
     * The {@code derive --json} document: per recursion its statistic, the plain-text and LaTeX forms printed by
     * {@code derive}, and its diagrams with their weights; the proof that the diagonal corrections vanish when it
     * applies; the directory the diagrams were drawn into, or null.
     */
    private String json(MlpModel model, DiskCache cache) {
        String name = org.feynet.core.CompactJson.write(model.name()).orElseGet(() -> jackson(model.name()));
        if (!noDraw) {
            Path dir = diagrams.resolve(model.name());
            RecursionSystem system = Pipeline.derive(model);
            DiagramFiles.write(dir, system);
            return "{\"model\":" + name + "," + jsonAfterName(system, dir);
        }
        // without drawings the document after the name is a function of what derive's report is (see its key)
        String key = DiskCache.key("derive-json", model.observable().keyword(), Integer.toString(model.order()),
                model.activation().identity(), model.weights().toString());
        Optional<byte[]> cached = cache.read(key);
        String rest;
        if (cached.isPresent()) {
            rest = new String(cached.get(), StandardCharsets.UTF_8);
        } else {
            rest = jsonAfterName(Pipeline.derive(model), null);
            cache.write(key, rest.getBytes(StandardCharsets.UTF_8));
        }
        return "{\"model\":" + name + "," + rest;
    }

    private static String jackson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document's text after its first member, "model" (the rest of the object, closing brace included). */
    private static String jsonAfterName(RecursionSystem system, Path drawn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("observable", system.model().observable().keyword());
        out.put("order", system.model().order());
        List<Map<String, Object>> recursions = new ArrayList<>();
        for (Recursion r : system.recursions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("statistic", r.name());
            entry.put("text", RecursionFormatter.plain(r));
            entry.put("latex", RecursionFormatter.latex(r));
            List<Map<String, Object>> diagrams = new ArrayList<>();
            for (Diagram d : r.diagrams()) {
                Map<String, Object> diagram = new LinkedHashMap<>();
                diagram.put("name", d.name());
                diagram.put("weight", Fractions.text(d.weight()));
                diagrams.add(diagram);
            }
            entry.put("diagrams", diagrams);
            recursions.add(entry);
        }
        out.put("recursions", recursions);
        out.put("diagonal", ScaleInvariantDiagonal.text(system).orElse(null));
        out.put("diagrams_dir", drawn == null ? null : drawn.toString());
        return jackson(out).substring(1);
    }
}
