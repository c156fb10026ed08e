package org.feynet.sampling;

import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.numerics.NumericalTrouble;

/**
 * Monte Carlo over real finite-width networks: draws N independent MLPs of hidden width n with explicit Gaussian
 * weights and biases (the conventions of docs/OUTPUTS.md; see {@link ForwardPass}), or their preactivations layer
 * by layer from the same conditional law ({@link Method#CHAIN}, {@link ChainPass}), and estimates, per layer, E[Ghat^(l)_{ab}] and
 * n Cov(Ghat^(l)_{a1a2}, Ghat^(l)_{a3a4}).
 *
 * <p>Estimators. The N networks are split into B consecutive batches of nearly equal size m_b (B is lowered to
 * N/2 if needed, so that every batch has at least two networks). The reported mean is the sample mean over all N
 * networks; its standard error is the batch-means estimate sqrt(sum_b (M_b - Mbar)^2 / (B (B - 1))), with M_b the
 * mean of batch b and Mbar the average of the M_b. The reported covariance is n times the unbiased sample
 * covariance over all N networks (divisor N - 1); its standard error is n sqrt(sum_b (C_b - Cbar)^2 / (B (B - 1)))
 * with C_b the unbiased covariance within batch b. Since the networks are independent these errors are unbiased up
 * to O(1/B) relative corrections from the unequal batch sizes and from the O(1/m_b) bias of the spread of batch
 * covariances; with B = 32 an error is itself uncertain by about 1/sqrt(2(B-1)) = 13%.
 *
 * <p>Reproducibility. Network k draws from a generator derived from (seed, k) alone (see {@link Seeds}), and each
 * batch is accumulated sequentially in network order and merged in batch order, so the result is bit-identical for
 * any number of threads. Changing B changes only the grouping, hence the errors and the last bits of the estimates.
 *
 * <p>Instances are immutable; the {@code with}-style methods return modified copies.
 */
public final class NetworkSampler {

    /** How each network's metrics are drawn. */
    public enum Method {
        /** Explicit Gaussian weights and biases, n^2 normals per layer ({@link ForwardPass}). */
        EXPLICIT,
        /**
         * Each layer's preactivations from N(0, Ghat) given the previous layer, n P normals per layer
         * ({@link ChainPass}); the same law of the metrics as {@link #EXPLICIT}.
         */
        CHAIN;

        /** The lower-case name used on the command line. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The default number of batches B. */
    public static final int DEFAULT_BATCHES = 32;
    /** The default number of networks N. */
    public static final int DEFAULT_NETWORKS = 1000;

    private final MlpModel model;
    private final int width;
    private final RunPlan run;
    private final Method method;

    private NetworkSampler(MlpModel model, int width, RunPlan run, Method method) {
        this.model = model;
        this.width = width;
        this.run = run;
        this.method = method;
    }

    /**
     * A sampler of {@code model} at hidden width {@code width}: N = {@value #DEFAULT_NETWORKS}, seed 0,
     * B = {@value #DEFAULT_BATCHES}, one thread per available processor, progress bar on stderr.
     */
    public static NetworkSampler of(MlpModel model, int width) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (model.depth() < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + model.depth());
        }
        if (model.tied()) {
            throw new IllegalArgumentException(model.name() + " is weight-tied: sample it with TiedSampler");
        }
        if (model.cb() < 0 || model.cw() <= 0) {
            throw new IllegalArgumentException("need Cb >= 0 and Cw > 0, got Cb = " + model.cb()
                    + ", Cw = " + model.cw());
        }
        return new NetworkSampler(model, width, RunPlan.defaults(),
                Method.EXPLICIT);
    }

    private NetworkSampler with(RunPlan plan) {
        return new NetworkSampler(model, width, plan, method);
    }

    /** N, the number of networks; at least 4. */
    public NetworkSampler networks(int networks) {
        return with(run.networks(networks));
    }

    public NetworkSampler seed(long seed) {
        return with(run.seed(seed));
    }

    /** B, the number of batches for the standard errors; at least 2. */
    public NetworkSampler batches(int batches) {
        return with(run.batches(batches));
    }

    /** The number of worker threads; the result does not depend on it. */
    public NetworkSampler threads(int threads) {
        return with(run.threads(threads));
    }

    /** How the networks are drawn; the default is {@link Method#EXPLICIT}. */
    public NetworkSampler method(Method method) {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        return new NetworkSampler(model, width, run, method);
    }

    /** Whether to show a progress bar on stderr. */
    public NetworkSampler progress(boolean progress) {
        return with(run.progress(progress));
    }

    /**
     * Draws the networks and returns their metric statistics.
     *
     * @throws NumericalTrouble if a network produces a non-finite metric (exploding activations) or K^(1) is not
     *                          positive semidefinite
     */
    public MetricSample sample() {
        long start = System.nanoTime();
        pass(); // fail early, on this thread, for a bad first-layer metric
        List<Moments> parts = run.run(model.name() + " n=" + width, this::runBatch);
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(parts, seconds);
    }

    /** Networks [from, to) in order; stops early (returning a partial result) once another batch has failed. */
    private Moments runBatch(long from, long to, Batches.Control control) {
        MetricPass pass = pass();
        int p = model.inputs();
        double[][] metric = new double[model.depth()][p * p];
        Moments moments = Moments.withEntries(model.depth(), p * p);
        for (long k = from; k < to && !control.cancelled(); k++) {
            Normals rng = Seeds.network(run.seed(), k);
            int bad = pass.draw(rng, metric);
            if (bad != 0) {
                throw new NumericalTrouble("sampling " + model.name() + " at width " + width + ": network " + k
                        + " (seed " + run.seed() + ") has a non-finite metric Ghat^(" + bad + ");"
                        + " the activations overflow at this depth and Cw = " + model.cw());
            }
            moments.add(metric);
            control.step();
        }
        return moments;
    }

    private MetricPass pass() {
        return method == Method.CHAIN ? new ChainPass(model, width) : new ForwardPass(model, width);
    }

    private MetricSample summarise(List<Moments> parts, double seconds) {
        List<MetricSample.Layer> layers = MetricSample.fromBatches(parts, model.depth(), model.inputs(), width);
        return new MetricSample(model.name(), width, run.networks(), parts.size(), run.seed(), seconds, layers);
    }
}
