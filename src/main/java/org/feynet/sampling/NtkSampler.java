package org.feynet.sampling;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.MlpModel;
import org.feynet.numerics.NumericalTrouble;

/**
 * Monte Carlo of the neural tangent kernel over real finite-width networks: draws N independent MLPs of hidden
 * width n with explicit Gaussian weights and biases, computes for each the NTK Theta^(l)_{ij;ab} of neurons
 * i, j in {1, 2} at every layer l by backpropagation ({@link NtkPass}, which states the formulas), and estimates
 * per layer, for all sample indices a, b, c, d:
 * <ul>
 *   <li>"ntk_mean" E[Theta_{ii;ab}]: the sample mean of (Theta_{11;ab} + Theta_{22;ab}) / 2;</li>
 *   <li>"ntk_same" n Cov(Theta_{ii;ab}, Theta_{ii;cd}): n (C(Theta_{11;ab}, Theta_{11;cd})
 *       + C(Theta_{22;ab}, Theta_{22;cd})) / 2;</li>
 *   <li>"ntk_other" n Cov(Theta_{11;ab}, Theta_{22;cd}): n (C(Theta_{11;ab}, Theta_{22;cd})
 *       + C(Theta_{22;ab}, Theta_{11;cd})) / 2;</li>
 *   <li>"ntk_off" n E[Theta_{12;ab} Theta_{12;cd}]: n times the sample mean of
 *       (Theta_{12;ab} Theta_{12;cd} + Theta_{21;ab} Theta_{21;cd}) / 2, where Theta_{21;ab} = Theta_{12;ba};</li>
 *   <li>"ntk_metric" n Cov(Ghat_{ab}, Theta_{ii;cd}): n (C(Ghat_{ab}, Theta_{11;cd})
 *       + C(Ghat_{ab}, Theta_{22;cd})) / 2, with Ghat^(l) the metric the layer-l preactivations are drawn with
 *       (Ghat^(1) = K^(1), Ghat^(l)_{ab} = Cb + (Cw/n) sum_j sigma(z^(l-1)_{j;a}) sigma(z^(l-1)_{j;b}));</li>
 *   <li>"ntk_preactivation_off" n E[Theta_{12;ab} z_{1;c} z_{2;d}]: n times the sample mean of
 *       (Theta_{12;ab} z_{1;c} z_{2;d} + Theta_{21;ab} z_{2;c} z_{1;d}) / 2;</li>
 *   <li>the metric statistics E[Ghat_{ab}] and n C(Ghat_{ab}, Ghat_{cd}) of {@link NetworkSampler}.</li>
 * </ul>
 * C is the unbiased sample covariance over all N networks (divisor N - 1). Pooling the two neurons (and their
 * exchange) is exact in distribution, since the network's law is invariant under permutations of a layer's
 * neurons; it halves the variance of the estimates that do not already use both.
 *
 * <p>Errors, reproducibility and threads are those of {@link NetworkSampler}: B batches give each estimate a
 * batch-means standard error (the spread of the same estimator evaluated on each batch, divided by sqrt(B));
 * network k draws from {@link Seeds#network}(seed, k), and batches are accumulated in network order and merged in
 * batch order, so the result is bit-identical for any number of threads. The random numbers are drawn in the
 * metric sampler's order, so with the same seed and batches the metric part equals {@link NetworkSampler}'s.
 *
 * <p>Cost O(L^2 n^2 P) per network (backpropagation from each of the L layers), memory O(L n^2) per thread
 * (every weight matrix is kept for the backward pass).
 *
 * <p>Instances are immutable; the builder-style methods return modified copies.
 */
public final class NtkSampler {

    /** The default learning rate lambda_b of the biases. */
    public static final double DEFAULT_LAMBDA_B = 0;
    /** The default learning rate lambda_W of the weights. */
    public static final double DEFAULT_LAMBDA_W = 1;

    private final MlpModel model;
    private final int width;
    private final RunPlan run;
    private final double lambdaB;
    private final double lambdaW;

    private NtkSampler(MlpModel model, int width, RunPlan run, double lambdaB, double lambdaW) {
        this.model = model;
        this.width = width;
        this.run = run;
        this.lambdaB = lambdaB;
        this.lambdaW = lambdaW;
    }

    /**
     * A sampler of the NTK of {@code model} at hidden width {@code width} (at least 2, for the two neurons):
     * N = {@value NetworkSampler#DEFAULT_NETWORKS}, seed 0, B = {@value NetworkSampler#DEFAULT_BATCHES}, one thread
     * per available processor, progress bar on stderr, learning rates lambda_b = {@value #DEFAULT_LAMBDA_B},
     * lambda_W = {@value #DEFAULT_LAMBDA_W}.
     */
    public static NtkSampler of(MlpModel model, int width) {
        NetworkSampler.of(model, width); // the metric sampler's checks of the model
        if (width < 2) {
            throw new IllegalArgumentException("the NTK sampler needs width at least 2 (neurons 1 and 2), got "
                    + width);
        }
        return new NtkSampler(model, width, RunPlan.defaults(), DEFAULT_LAMBDA_B, DEFAULT_LAMBDA_W);
    }

    private NtkSampler with(RunPlan plan) {
        return new NtkSampler(model, width, plan, lambdaB, lambdaW);
    }

    /** N, the number of networks; at least 4. */
    public NtkSampler networks(int networks) {
        return with(run.networks(networks));
    }

    public NtkSampler seed(long seed) {
        return with(run.seed(seed));
    }

    /** B, the number of batches for the standard errors; at least 2. */
    public NtkSampler batches(int batches) {
        return with(run.batches(batches));
    }

    /** The number of worker threads; the result does not depend on it. */
    public NtkSampler threads(int threads) {
        return with(run.threads(threads));
    }

    /** Whether to show a progress bar on stderr. */
    public NtkSampler progress(boolean progress) {
        return with(run.progress(progress));
    }

    /**
     * The learning rates: lambda_b for every bias, lambda_W / n_{l-1} for every weight of a layer whose input has
     * width n_{l-1} (n0, the input dimension, for the first layer of raw inputs). Both finite and at least 0.
     */
    public NtkSampler learningRates(double lambdaB, double lambdaW) {
        if (!(lambdaB >= 0) || !(lambdaW >= 0) || Double.isInfinite(lambdaB) || Double.isInfinite(lambdaW)) {
            throw new IllegalArgumentException("learning rates must be finite and at least 0, got lambda_b = "
                    + lambdaB + ", lambda_W = " + lambdaW);
        }
        return new NtkSampler(model, width, run, lambdaB, lambdaW);
    }

    /**
     * Draws the networks and returns their NTK and metric statistics.
     *
     * @throws NumericalTrouble if a network produces a non-finite metric or NTK (exploding activations or
     *                          derivatives), or K^(1) is not positive semidefinite
     */
    public NtkSample sample() {
        long start = System.nanoTime();
        new NtkPass(model, width, lambdaB, lambdaW); // fail early, on this thread, for a bad first-layer metric
        List<NtkMoments> parts = run.run(model.name() + " NTK n=" + width, this::runBatch);
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(parts, seconds);
    }

    /** Networks [from, to) in order; stops early (returning a partial result) once another batch has failed. */
    private NtkMoments runBatch(long from, long to, Batches.Control control) {
        NtkPass pass = new NtkPass(model, width, lambdaB, lambdaW);
        NtkObservation observation = new NtkObservation(model.depth(), model.inputs());
        NtkMoments moments = new NtkMoments(model.depth(), model.inputs());
        for (long k = from; k < to && !control.cancelled(); k++) {
            Normals rng = Seeds.network(run.seed(), k);
            String bad = pass.draw(rng, observation);
            if (bad != null) {
                throw new NumericalTrouble("sampling the NTK of " + model.name() + " at width " + width
                        + ": network " + k + " (seed " + run.seed() + ") has a non-finite " + bad + ";"
                        + " the activations or their derivatives overflow at this depth and Cw = " + model.cw());
            }
            moments.add(observation);
            control.step();
        }
        return moments;
    }

    private NtkSample summarise(List<NtkMoments> parts, double seconds) {
        NtkEstimates estimates = new NtkEstimates(parts, model.depth(), model.inputs(), width);
        List<NtkSample.Layer> layers = new ArrayList<>();
        for (int t = 0; t < model.depth(); t++) {
            layers.add(estimates.layer(t));
        }
        return new NtkSample(model.name(), width, run.networks(), parts.size(), run.seed(), lambdaB, lambdaW, seconds,
                layers);
    }
}
