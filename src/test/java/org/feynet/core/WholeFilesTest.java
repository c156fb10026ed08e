package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeFilesTest {

    @TempDir
    Path dir;

    /** Written files get what the umask gives any new file (issue 11: "with the user's umask (not 0600)"). */
    @Test
    void permissionsAreThoseOfAnyNewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createFile(dir.resolve("reference"));
        Path written = dir.resolve("written.txt");
        WholeFiles.write(written, out -> out.write("x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(written));
        assertEquals("x", Files.readString(written));
    }

    /** A failure half-way leaves the old content and no temporary file; a missing folder is not created. */
    @Test
    void failuresLeaveNothingBehind() throws IOException {
        Path target = dir.resolve("kept.txt");
        Files.writeString(target, "old");
        assertThrows(UncheckedIOException.class, () -> WholeFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("kept.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
        Path missing = dir.resolve("missing").resolve("x.txt");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> WholeFiles.write(missing, out -> out.write(1)));
        assertEquals(true, e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(missing.getParent()));
    }
}
