package org.feynet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled model files, examples/*.fnet. An example whose first line is a comment starting
 * {@code # Waits for} is marked as waiting for its feature: feynet refuses it with a located message until then.
 */
final class BundledExamples {

    private BundledExamples() {}

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(p -> p.toString().endsWith(".fnet")).sorted().toList();
        }
    }

    static boolean waiting(Path example) throws IOException {
        return Files.readString(example).startsWith("# Waits for");
    }
}
