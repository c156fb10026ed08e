package org.feynet.sampling;

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
    private final RunPlan run;

    private TiedSampler(MlpModel model, int width, RunPlan run) {
        this.model = model;
        this.width = width;
        this.run = run;
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
        return new TiedSampler(model, width, RunPlan.defaults());
    }

    private TiedSampler with(RunPlan plan) {
        return new TiedSampler(model, width, plan);
    }

    public TiedSampler networks(int count) {
        return with(run.networks(count));
    }

    public TiedSampler seed(long value) {
        return with(run.seed(value));
    }

    public TiedSampler batches(int count) {
        return with(run.batches(count));
    }

    public TiedSampler threads(int count) {
        return with(run.threads(count));
    }

    public TiedSampler progress(boolean show) {
        return with(run.progress(show));
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
        List<Part> parts = run.run(model.name() + " n=" + width, this::runBatch);
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
            Normals rng = Seeds.network(run.seed(), k);
            int bad = pass.draw(rng, kernels, twoStep);
            if (bad != 0) {
                throw new NumericalTrouble("sampling " + model.name() + " at width " + width + ": network " + k
                        + " (seed " + run.seed() + ") has a non-finite kernel R^(" + bad
                        + "); the activations overflow");
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
        List<MetricSample.Layer> layers = MetricSample.fromBatches(
                parts.stream().map(Part::kernels).toList(), steps, p, width);
        double[] values = new double[b];
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
        MetricSample kernels = new MetricSample(model.name(), width, run.networks(), b, run.seed(), seconds, layers);
        return new TiedSample(kernels, twoMean, twoError);
    }
}
