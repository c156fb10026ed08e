package org.feynet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on where a command will write, made before it starts work, so that a mistake costs nothing and leaves
 * nothing half-written. feynet never creates a folder the user named: a missing one is an error (exit 2). Only the
 * folders of its own layout are made on demand: a default output folder (diagrams/, generated/, audit-diagrams/)
 * and the subfolders it fills (one per model, the Java package of generated sources).
 */
final class OutputFiles {

    private OutputFiles() {}

    /** A plot file: .png or .svg (either case), in a folder that exists. */
    static Path plot(String option, Path file) {
        if (!org.feynet.sampling.Comparison.isPlotFile(file)) {
            throw new UserError(option + ": the plot must be a .png or .svg file (got " + file + ")");
        }
        return inExistingFolder(option, file);
    }

    /** A file whose folder must exist already. */
    static Path inExistingFolder(String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw missing(option, parent);
        }
        return file;
    }

    /**
     * An output folder: it must exist when the user named it ({@code given}); feynet's default is made on demand.
     */
    static Path folder(String option, Path folder, boolean given) {
        if (given && !Files.isDirectory(folder)) {
            throw missing(option, folder);
        }
        return folder;
    }

    /** Makes a folder of feynet's own layout (and its parents) if it is missing. */
    static void create(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static UserError missing(String option, Path folder) {
        return new UserError((option.isEmpty() ? "" : option + ": ") + "the folder " + folder + " does not exist"
                + " (feynet does not create the folders you name: create it first, or choose another)");
    }
}
