package org.feynet.sampling;

import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A stream of independent standard normal deviates for one network: McFarland's modified ziggurat
 * (Apache Commons RNG's {@code ZigguratSampler.NormalizedGaussian}, exact in distribution up to the 2^-53
 * resolution of its uniforms) fed by the 64-bit words of one {@link SplittableRandom} from {@link Seeds}. Every
 * sampler draws its normals from here, so a network is a function of (seed, network index) alone. Not thread-safe.
 */
final class Normals {

    private final ZigguratSampler.NormalizedGaussian ziggurat;

    private Normals(SplittableRandom words) {
        this.ziggurat = ZigguratSampler.NormalizedGaussian.of(words::nextLong);
    }

    /** The normals drawn from {@code words}. */
    static Normals of(SplittableRandom words) {
        return new Normals(words);
    }

    /** The next standard normal deviate. */
    double nextGaussian() {
        return ziggurat.sample();
    }

    /** Fills {@code out[from..to)} with the next standard normal deviates, in order. */
    void fill(double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = ziggurat.sample();
        }
    }
}
