package org.feynet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feynet.derive.Recursion;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.Diagram;

/** Draws every diagram of a recursion system into a folder: NAME_k.svg to look at, NAME_k.tikz for LaTeX. */
final class DiagramFiles {

    private DiagramFiles() {}

    /** Writes the drawings, removes stale ones, and returns how many files were written. */
    static int write(Path dir, RecursionSystem system) {
        Map<String, String> files = render(system);
        OutputFiles.create(dir); // the model's own folder inside the diagrams folder
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path path = dir.resolve(f.getKey());
            AtomicFiles.write(path, f.getValue());
            written.add(path);
        }
        removeStale(dir, written);
        return written.size();
    }

    /** File name to content, in a fixed order: NAME_k.svg and NAME_k.tikz for each diagram of each statistic. */
    static Map<String, String> render(RecursionSystem system) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Recursion r : system.recursions()) {
            List<? extends Diagram> diagrams = r.diagrams();
            for (int k = 0; k < diagrams.size(); k++) {
                String stem = r.name() + "_" + (k + 1);
                files.put(stem + ".svg", diagrams.get(k).svg());
                files.put(stem + ".tikz", diagrams.get(k).tikz());
            }
        }
        return files;
    }

    private static void removeStale(Path dir, List<Path> keep) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if ((name.endsWith(".svg") || name.endsWith(".tikz")) && !keep.contains(f)) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy " + dir + ": " + e.getMessage(), e);
        }
    }
}
