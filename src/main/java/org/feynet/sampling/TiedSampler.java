package org.feynet.sampling;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.numerics.NumericalTrouble;

/**
 * Monte Carlo over real weight-tied networks ({@link TiedPass}): N independent networks, each with its own shared W
 * and b, split into B batches for the standard errors exactly as {@link NetworkSampler} does (same seeds per
 * network, {@link Seeds}; same estimators; bit-identical for any number of threads). The two-step means get their
 * errors from the spread of the batch means.
 */
public final class TiedSampler {

    private final MlpModel model;
    private final int width;
    private final int networks;
    private final long seed;
    private final int batches;
    private final int threads;
    private final boolean progress;

    private TiedSampler(MlpModel model, int width, int networks, long seed, int batches, int threads,
                        boolean progress) {
        this.model = model;
        this.width = width;
        this.networks = networks;
        this.seed = seed;
        this.batches = batches;
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * A sampler of the weight-tied {@code model} at width {@code width}: N = {@value NetworkSampler#DEFAULT_NETWORKS},
     * seed 0, B = {@value NetworkSampler#DEFAULT_BATCHES}, one thread per processor, progress bar on stderr.
     */
    public static TiedSampler of(MlpModel model, int width) {
        if (model == null || !model.tied()) {
            throw new IllegalArgumentException("need a weight-tied model");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        return new TiedSampler(model, width, NetworkSampler.DEFAULT_NETWORKS, 0, NetworkSampler.DEFAULT_BATCHES,
                Runtime.getRuntime().availableProcessors(), true);
    }

    public TiedSampler networks(int count) {
        if (count < 4) {
            throw new IllegalArgumentException("need at least 4 networks for error estimates, got " + count);
        }
        return new TiedSampler(model, width, count, seed, batches, threads, progress);
    }

    public TiedSampler seed(long value) {
        return new TiedSampler(model, width, networks, value, batches, threads, progress);
    }

    public TiedSampler batches(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 batches for error estimates, got " + count);
        }
        return new TiedSampler(model, width, networks, seed, count, threads, progress);
    }

    public TiedSampler threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + count);
        }
        return new TiedSampler(model, width, networks, seed, batches, count, progress);
    }

    public TiedSampler progress(boolean show) {
        return new TiedSampler(model, width, networks, seed, batches, threads, show);
    }

    /** One batch: the moments of R^(t) and the sums of R^(t,s). */
    private record Part(Moments kernels, double[] twoStepSum, long count) {}

    /**
     * Draws the networks.
     *
     * @throws NumericalTrouble if a network produces a non-finite kernel or K^(1) is not positive semidefinite
     */
    public TiedSample sample() {
        long start = System.nanoTime();
        new TiedPass(model, width); // fail early, on this thread, for a bad first-layer metric
        int b = Math.min(batches, networks / 2);
        List<Part> parts = Batches.run(networks, b, threads, progress ? model.name() + " n=" + width : null,
                this::runBatch);
        return summarise(parts, (System.nanoTime() - start) / 1e9);
    }

    private Part runBatch(long from, long to, Batches.Control control) {
        TiedPass pass = new TiedPass(model, width);
        int p = model.inputs();
        int steps = model.depth();
        double[][] kernels = new double[steps][p * p];
        double[] twoStep = new double[steps * steps * p * p];
        double[] sum = new double[twoStep.length];
        Moments moments = Moments.withEntries(steps, p * p);
        long count = 0;
        for (long k = from; k < to && !control.cancelled(); k++) {
            Normals rng = Seeds.network(seed, k);
            int bad = pass.draw(rng, kernels, twoStep);
            if (bad != 0) {
                throw new NumericalTrouble("sampling " + model.name() + " at width " + width + ": network " + k
                        + " (seed " + seed + ") has a non-finite kernel R^(" + bad + "); the activations overflow");
            }
            moments.add(kernels);
            for (int u = 0; u < sum.length; u++) {
                sum[u] += twoStep[u];
            }
            count++;
            control.step();
        }
        return new Part(moments, sum, count);
    }

    private TiedSample summarise(List<Part> parts, double seconds) {
        int p = model.inputs();
        int steps = model.depth();
        int b = parts.size();
        Moments all = Moments.withEntries(steps, p * p);
        for (Part part : parts) {
            all.absorb(part.kernels());
        }
        List<MetricSample.Layer> layers = new ArrayList<>();
        double[] values = new double[b];
        for (int l = 0; l < steps; l++) {
            double[][] mean = new double[p][p];
            double[][] meanError = new double[p][p];
            double[][][][] nCov = new double[p][p][p][p];
            double[][][][] nCovError = new double[p][p][p][p];
            for (int u = 0; u < p * p; u++) {
                for (int k = 0; k < b; k++) {
                    values[k] = parts.get(k).kernels().mean(l, u);
                }
                mean[u / p][u % p] = all.mean(l, u);
                meanError[u / p][u % p] = Batches.standardErrorOfAverage(values);
                for (int v = 0; v < p * p; v++) {
                    for (int k = 0; k < b; k++) {
                        values[k] = parts.get(k).kernels().covariance(l, u, v);
                    }
                    nCov[u / p][u % p][v / p][v % p] = width * all.covariance(l, u, v);
                    nCovError[u / p][u % p][v / p][v % p] = width * Batches.standardErrorOfAverage(values);
                }
            }
            layers.add(new MetricSample.Layer(l + 1, mean, meanError, nCov, nCovError));
        }
        double[][][][] twoMean = new double[steps][steps][p][p];
        double[][][][] twoError = new double[steps][steps][p][p];
        long total = 0;
        for (Part part : parts) {
            total += part.count();
        }
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < steps; s++) {
                for (int a = 0; a < p; a++) {
                    for (int c = 0; c < p; c++) {
                        int u = (t * steps + s) * p * p + a * p + c;
                        double sum = 0;
                        for (int k = 0; k < b; k++) {
                            sum += parts.get(k).twoStepSum()[u];
                            values[k] = parts.get(k).twoStepSum()[u] / parts.get(k).count();
                        }
                        twoMean[t][s][a][c] = sum / total;
                        twoError[t][s][a][c] = Batches.standardErrorOfAverage(values);
                    }
                }
            }
        }
        MetricSample kernels = new MetricSample(model.name(), width, networks, b, seed, seconds, layers);
        return new TiedSample(kernels, twoMean, twoError);
    }
}
