package org.feynet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * feynet's cache of derivations and compiled evaluators on disk, so that a repeated command needs neither Symja nor
 * Janino. It lives in the directory the system property {@value #DIR_PROPERTY} names, else {@code $FEYNET_CACHE_DIR},
 * else
 * {@code $XDG_CACHE_HOME/feynet}, else {@code ~/.cache/feynet}. An entry's file name is its kind and the SHA-256 of
 * the build's identity (version and build time, from feynet-build.properties, so a rebuilt feynet never reads an
 * older build's entries) and of everything the entry is a function of. Entries are written whole or not at all
 * (a temporary sibling, then an atomic move), so concurrent runs read either nothing or a complete entry, and a
 * run that meets an unreadable or damaged entry recomputes and rewrites it. The cache is best effort: when the
 * directory cannot be written, commands work as without it.
 */
final class DiskCache {

    static final String DIR_ENV = "FEYNET_CACHE_DIR";
    static final String DIR_PROPERTY = "feynet.cache.dir";
    private static final String SUFFIX = ".fcache";

    private static String buildIdentity;

    private final Path dir;

    private DiskCache(Path dir) {
        this.dir = dir;
    }

    /** The user's cache, or a disabled one for {@code --no-cache}. */
    static DiskCache user(boolean disabled) {
        return disabled ? disabled() : new DiskCache(location());
    }

    /** A cache that never holds anything. */
    static DiskCache disabled() {
        return new DiskCache(null);
    }

    /** A cache in {@code dir} (tests). */
    static DiskCache at(Path dir) {
        return new DiskCache(dir);
    }

    /** The directory of the user's cache. */
    static Path location() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "feynet");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "feynet");
    }

    boolean enabled() {
        return dir != null;
    }

    /** The key of an entry of {@code kind} that is a function of {@code parts} (and of this build). */
    static String key(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(build().getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return kind + "-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry, if present and readable. */
    Optional<byte[]> read(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(key + SUFFIX)));
        } catch (IOException | SecurityException absent) {
            return Optional.empty();
        }
    }

    /** Stores the entry whole (temporary file, then atomic move); does nothing if that fails. */
    void write(String key, byte[] data) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-" + key + "-", SUFFIX);
            try {
                Files.write(tmp, data);
                Files.move(tmp, dir.resolve(key + SUFFIX), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // best effort: an unwritable cache only costs speed
        }
    }

    /** Deletes every entry (and the launcher's class-data archives under cds/); returns how many files went. */
    int clear() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = clearFiles(dir, SUFFIX);
        Path cds = dir.resolve("cds");
        if (Files.isDirectory(cds)) {
            removed += clearFiles(cds, ".jsa");
        }
        return removed;
    }

    private static int clearFiles(Path directory, String suffix) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + suffix)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The build's identity: version and build time, from the resource the build writes. */
    static synchronized String build() {
        if (buildIdentity == null) {
            Properties p = new Properties();
            try (InputStream in = DiskCache.class.getResourceAsStream("/feynet-build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // an unknown build: its keys still differ from every known build's
            }
            buildIdentity = "feynet " + p.getProperty("version", "?") + " built " + p.getProperty("build", "?");
        }
        return buildIdentity;
    }
}
