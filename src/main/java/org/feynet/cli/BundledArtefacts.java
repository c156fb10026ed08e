package org.feynet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feynet.codegen.EvaluatorWriter;
import org.feynet.derive.RecursionSystem;
import org.feynet.lang.SourceError;

/**
 * The committed artefacts of the bundled examples: for every supported network in examples/*.fnet, its Java
 * evaluator in generated/ and its diagram drawings in diagrams/MODEL/; for every theory, its diagram sheets in
 * diagrams/THEORY/. One function renders them all, so that
 * {@code feynet codegen} writes exactly what the regeneration test compares against.
 */
public final class BundledArtefacts {

    private BundledArtefacts() {}

    /** Relative path (from the project root) to file content, in a fixed order. */
    public static Map<String, String> render(Path root, PrintWriter notes) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path example : examples(root.resolve("examples"))) {
            List<org.feynet.model.FieldTheory> theories = theories(example);
            for (org.feynet.model.FieldTheory theory : theories) {
                TheoryCommands.render(TheoryCommands.derive(example, theory, null)).forEach((name, text) ->
                        files.put("diagrams/" + theory.name() + "/" + name, text));
            }
            if (!theories.isEmpty()) {
                continue;
            }
            Pipeline.Loaded loaded;
            try {
                loaded = Pipeline.load(example, null);
            } catch (SourceError | UserError e) {
                notes.println("feynet: skipping " + example.getFileName() + ": " + e.getMessage());
                continue;
            }
            RecursionSystem system = Pipeline.derive(loaded.model());
            String className = EvaluatorWriter.className(loaded.model().name());
            files.put("generated/" + EvaluatorWriter.PACKAGE.replace('.', '/') + "/" + className + ".java",
                    EvaluatorWriter.write(system, "examples/" + example.getFileName()));
            DiagramFiles.render(system).forEach((name, text) ->
                    files.put("diagrams/" + loaded.model().name() + "/" + name, text));
        }
        return files;
    }

    /** The theories of a model file (none when it does not read). */
    private static List<org.feynet.model.FieldTheory> theories(Path example) {
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
