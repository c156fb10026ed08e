package org.feynet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.RecursionSystem;
import org.feynet.lang.SourceError;
import org.feynet.model.FieldTheory;
import org.feynet.theory.TheorySheets;

/**
 * The committed artefacts of the bundled examples: the generated classes in generated/ (one recursion class per
 * order and one derivative class per activation met in the networks of examples/*.fnet, and one class per kernel
 * closure when an example is a residual network), the diagram drawings of
 * each network in diagrams/MODEL/, and the diagram sheets of each theory in diagrams/THEORY/. One function renders
 * them all, so that {@code feynet codegen} writes exactly what the regeneration test compares against.
 */
public final class BundledArtefacts {

    private BundledArtefacts() {}

    /** Relative path (from the project root) to file content, in a fixed order. */
    public static Map<String, String> render(Path root, PrintWriter notes) {
        Map<String, String> generated = new TreeMap<>();
        Map<String, String> drawings = new LinkedHashMap<>();
        for (Path example : examples(root.resolve("examples"))) {
            List<FieldTheory> theories = theories(example);
            for (FieldTheory theory : theories) {
                TheorySheets.render(theory, TheoryCommands.derive(example, theory, null).results()).forEach((name, text) ->
                        drawings.put("diagrams/" + theory.name() + "/" + name, text));
            }
            if (!theories.isEmpty()) {
                continue;
            }
            Subject.Network network;
            try {
                ModelOptions options = new ModelOptions();
                options.file = example;
                if (options.subject() instanceof Subject.Residual) {
                    Evaluators.residualSources().forEach((path, text) -> generated.put("generated/" + path, text));
                    continue;
                }
                network = options.network();
            } catch (SourceError | UserError e) {
                notes.println("feynet: skipping " + example.getFileName() + ": " + e.getMessage());
                continue;
            }
            if (network.model().tied()) {
                continue; // weight-tied: no recursions are derived, so nothing is generated
            }
            RecursionSystem system = Pipeline.derive(network.model());
            Evaluators.sources(system).forEach((path, text) -> generated.put("generated/" + path, text));
            DiagramFiles.render(system).forEach((name, text) ->
                    drawings.put("diagrams/" + network.model().name() + "/" + name, text));
        }
        Map<String, String> files = new LinkedHashMap<>(generated);
        files.putAll(drawings);
        return files;
    }

    /** The theories of a model file (none when it does not read). */
    private static List<FieldTheory> theories(Path example) {
        try {
            return org.feynet.lang.ModelReader.read(example).theories();
        } catch (SourceError e) {
            return List.of();
        }
    }

    private static List<Path> examples(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".fnet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
