package org.feynet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void theStandardsExamplesGiveTheirPublishedDigests() {
        // FIPS 180-4 examples (NIST's "SHA256.pdf"): one block, two blocks, and the empty message
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
    }

    @Test
    void agreesWithTheJdksDigestForEveryLengthAcrossSeveralBlocks() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        for (int length = 0; length <= 300; length++) { // every padding case: 55, 56, 63, 64 bytes and so on
            for (int repeat = 0; repeat < 3; repeat++) {
                byte[] message = new byte[length];
                for (int i = 0; i < length; i++) {
                    message[i] = (byte) random.nextInt(256);
                }
                assertArrayEquals(jdk.digest(message), Sha256.digest(message), "length " + length);
            }
        }
        byte[] large = new byte[100_003];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        assertArrayEquals(jdk.digest(large), Sha256.digest(large));
    }

    private static String hex(String message) {
        return HexFormat.of().formatHex(Sha256.digest(message.getBytes(StandardCharsets.US_ASCII)));
    }
}
