package org.feynet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files whole or not at all: into a temporary sibling first, then moved into place. The folder must exist
 * ({@link OutputFiles} makes feynet's own folders before; a folder the user named is never created).
 */
final class AtomicFiles {

    private AtomicFiles() {}

    static void write(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            OutputFiles.inExistingFolder("", target);
            Path tmp = Files.createTempFile(dir, ".feynet-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
