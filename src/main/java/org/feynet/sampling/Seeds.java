package org.feynet.sampling;

import java.util.SplittableRandom;

/**
 * Deterministic seed derivation, so that a sample depends only on the user's seed and never on thread scheduling.
 * Network k of a run with seed s draws from {@code new SplittableRandom(mix(mix(s) + gamma (k + 1))).split()}: the
 * 64-bit finaliser of Stafford ("variant 13" of the MurmurHash3 mixer) decorrelates neighbouring indices, and the
 * split gives each network its own gamma, hence a stream that is not a shifted copy of another network's. Its
 * 64-bit words feed the ziggurat of {@link Normals}.
 */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** The normal deviates of network {@code index} (from 0) of a run with seed {@code seed} (see {@link Normals}). */
    static Normals network(long seed, long index) {
        return Normals.of(new SplittableRandom(mix(mix(seed) + GOLDEN_GAMMA * (index + 1))).split());
    }

    /** The seed of the run at {@code width} inside a comparison with seed {@code seed}. */
    static long forWidth(long seed, int width) {
        return mix(seed ^ mix(0x5DEECE66DL + width));
    }

    /** Stafford's variant-13 64-bit mixing function, a bijection of the longs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
