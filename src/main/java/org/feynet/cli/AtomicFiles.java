package org.feynet.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.feynet.core.WholeFiles;

/**
 * Writes text files whole or not at all ({@link WholeFiles}: a temporary sibling, then renamed into place), with the
 * permissions the user's umask gives. The folder must exist ({@link OutputFiles} makes feynet's own folders before;
 * a folder the user named is never created).
 */
final class AtomicFiles {

    private AtomicFiles() {}

    static void write(Path target, String text) {
        OutputFiles.inExistingFolder("", target);
        WholeFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
