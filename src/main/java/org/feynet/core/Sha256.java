package org.feynet.core;

import java.util.Arrays;

/**
 * SHA-256 (FIPS 180-4, section 6.2) of a byte string, for the keys of the disk cache. The JDK's
 * {@code MessageDigest.getInstance("SHA-256")} gives the same digest, but its first call sets up the security
 * providers, about 20 ms of CPU at every start of a short command (docs/BENCHMARKS.md); this class needs nothing
 * but itself. Tested against the JDK's digest on random messages of every length up to several blocks.
 *
 * <p>The round constants K_t are the first 32 bits of the fractional parts of the cube roots of the first 64
 * primes and the initial hash H^(0) those of the square roots of the first 8 (FIPS 180-4, 4.2.2 and 5.3.3); they
 * are computed here in double precision, whose 50 or more fractional bits fix the first 32.
 */
public final class Sha256 {

    private static final int[] K = fractionBits(64, 3);
    private static final int[] H0 = fractionBits(8, 2);

    private Sha256() {}

    /** The 32-byte digest of {@code message}. */
    public static byte[] digest(byte[] message) {
        int[] h = H0.clone();
        int[] w = new int[64];
        for (byte[] block : padded(message)) {
            compress(h, block, w);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = (byte) (h[i] >>> (24 - 8 * j));
            }
        }
        return out;
    }

    /**
     * The message padded (5.1.1): a 1 bit, zeros, and the length in bits as a 64-bit big-endian number, to a
     * multiple of 512 bits; returned as 64-byte blocks.
     */
    private static byte[][] padded(byte[] message) {
        int blocks = (message.length + 8) / 64 + 1;
        byte[] all = Arrays.copyOf(message, 64 * blocks);
        all[message.length] = (byte) 0x80;
        long bits = 8L * message.length;
        for (int j = 0; j < 8; j++) {
            all[all.length - 1 - j] = (byte) (bits >>> (8 * j));
        }
        byte[][] out = new byte[blocks][];
        for (int b = 0; b < blocks; b++) {
            out[b] = Arrays.copyOfRange(all, 64 * b, 64 * b + 64);
        }
        return out;
    }

    /** One block of the hash computation (6.2.2): the message schedule W_t, 64 rounds, then H^(i) = H^(i-1) + (a..h). */
    private static void compress(int[] h, byte[] block, int[] w) {
        for (int t = 0; t < 16; t++) {
            w[t] = (block[4 * t] & 0xff) << 24 | (block[4 * t + 1] & 0xff) << 16 | (block[4 * t + 2] & 0xff) << 8
                    | (block[4 * t + 3] & 0xff);
        }
        for (int t = 16; t < 64; t++) {
            int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
        for (int t = 0; t < 64; t++) {
            int sigma1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int choose = (e & f) ^ (~e & g);
            int t1 = k + sigma1 + choose + K[t] + w[t];
            int sigma0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int majority = (a & b) ^ (a & c) ^ (b & c);
            int t2 = sigma0 + majority;
            k = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += k;
    }

    /** The first 32 fractional bits of the {@code root}-th roots (2 or 3) of the first {@code count} primes. */
    private static int[] fractionBits(int count, int root) {
        int[] out = new int[count];
        int found = 0;
        for (int n = 2; found < count; n++) {
            if (isPrime(n)) {
                double r = root == 2 ? Math.sqrt(n) : Math.cbrt(n);
                out[found++] = (int) (long) Math.floor((r - Math.floor(r)) * 0x1p32);
            }
        }
        return out;
    }

    private static boolean isPrime(int n) {
        for (int d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
