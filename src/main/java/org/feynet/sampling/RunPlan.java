package org.feynet.sampling;

import java.util.List;

/**
 * How a sampler runs its networks, the settings every sampler shares: N networks, the seed, B batches for the
 * standard errors, the number of worker threads (the result does not depend on it) and whether a progress bar shows
 * on stderr. Each setter checks its value; the samplers' own builder methods delegate here.
 */
record RunPlan(int networks, long seed, int batches, int threads, boolean progress) {

    /** N = {@value NetworkSampler#DEFAULT_NETWORKS}, seed 0, B = {@value NetworkSampler#DEFAULT_BATCHES}, one thread
     *  per available processor, progress bar on. */
    static RunPlan defaults() {
        return new RunPlan(NetworkSampler.DEFAULT_NETWORKS, 0, NetworkSampler.DEFAULT_BATCHES,
                Runtime.getRuntime().availableProcessors(), true);
    }

    /** N, the number of networks; at least 4. */
    RunPlan networks(int count) {
        if (count < 4) {
            throw new IllegalArgumentException("need at least 4 networks for error estimates, got " + count);
        }
        return new RunPlan(count, seed, batches, threads, progress);
    }

    RunPlan seed(long value) {
        return new RunPlan(networks, value, batches, threads, progress);
    }

    /** B, the number of batches for the standard errors; at least 2. */
    RunPlan batches(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 batches for error estimates, got " + count);
        }
        return new RunPlan(networks, seed, count, threads, progress);
    }

    /** The number of worker threads; at least 1. */
    RunPlan threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + count);
        }
        return new RunPlan(networks, seed, batches, count, progress);
    }

    RunPlan progress(boolean show) {
        return new RunPlan(networks, seed, batches, threads, show);
    }

    /** The batches actually used: B, but at most N / 2 so that every batch holds two networks. */
    int batchCount() {
        return Math.min(batches, networks / 2);
    }

    /** Runs the N networks in {@link #batchCount()} batches (see {@link Batches#run}); {@code label} names the
     *  progress bar. */
    <T> List<T> run(String label, Batches.Work<T> work) {
        return Batches.run(networks, batchCount(), threads, progress ? label : null, work);
    }
}
