package org.feynet.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short hash of everything a generated class depends on, so that stale generated files are recognised. */
final class Fingerprint {

    /** Bump when the shape of generated code changes: stale generated classes are then recompiled. */
    static final String GENERATOR_VERSION = "2";

    private Fingerprint() {}

    /** The first 12 bytes of SHA-256 of the generator version and {@code basis}, in hex. */
    static String of(String basis) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((GENERATOR_VERSION + "|" + basis).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
