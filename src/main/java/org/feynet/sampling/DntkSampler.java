package org.feynet.sampling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.NumericalTrouble;

/**
 * Monte Carlo of the dNTK and ddNTK over real finite-width networks (PDLT, Roberts, Yaida and Hanin 2022, chapter
 * 11), independent of any recursion theory: draws N independent MLPs of hidden width n with explicit Gaussian
 * weights and biases, differentiates each exactly ({@link DntkPass}, {@link DntkDerivatives}, which state the
 * method), and estimates per layer l = 1..L, for all sample indices a, b, c, d, with i != k two output neurons of
 * layer l:
 * <pre>
 *   P_{abcd} = n E[dH_{i k k; a b c} z_{i;d}]        Q_{abcd} = n E[dH_{i i k; a b c} z_{k;d}]
 *   R_{abcd} = n E[ddI_{i i k k; a b c d}]           S_{abcd} = n E[ddII_{i i k k; a b c d}]
 *   T_{abcd} = n E[ddII_{i k i k; a d b c}]          U_{abcd} = n E[ddII_{i k k i; a c d b}]
 * </pre>
 * (the definitions of dH, ddI, ddII are those of {@link Statistic.Kind}), so that for instance
 * E[dH_{i0 i1 i2} z_{i3}] = (1/n) [delta_{i0 i3} delta_{i1 i2} P_{abcd} + delta_{i0 i1} delta_{i2 i3} Q_{abcd}
 * + delta_{i0 i2} delta_{i1 i3} Q_{acbd}] at leading order. Each estimate is n times the sample mean over the
 * networks of the per-network quantity with i, k = neurons 1, 2 averaged with its image under their exchange
 * (exact in distribution, since the law of the network is invariant under permutations of a layer's neurons, and it
 * halves the variance). Layer 1 is linear in its parameters: there every statistic is zero with zero error. R, S, T,
 * U are sampled only when asked ({@link #ddntk}): at P = 2 they add 60 to 80 percent to the cost of a network.
 *
 * <p>Errors, reproducibility and threads are those of {@link NtkSampler}: B batches give each estimate a batch-means
 * standard error, network k draws from {@link Seeds#network}(seed, k) in the random-number order of
 * {@link NtkPass} (so its preactivations and metrics are those of the NTK and metric samplers with the same seed),
 * and batches are accumulated in network order and merged in batch order, so the result is bit-identical for any
 * number of threads.
 *
 * <p>Cost per network O(L^2 n^2 P^2) for the dNTK and O(L^2 n^2 P^3) for the ddNTK (see {@link DntkPass}), memory
 * O(L n^2) per thread.
 *
 * <p>Instances are immutable; the builder-style methods return modified copies.
 */
public final class DntkSampler {

    private final MlpModel model;
    private final int width;
    private final RunPlan run;
    private final double lambdaB;
    private final double lambdaW;
    private final boolean ddntk;

    private DntkSampler(MlpModel model, int width, RunPlan run, double lambdaB, double lambdaW, boolean ddntk) {
        this.model = model;
        this.width = width;
        this.run = run;
        this.lambdaB = lambdaB;
        this.lambdaW = lambdaW;
        this.ddntk = ddntk;
    }

    /**
     * A sampler of the dNTK of {@code model} at hidden width {@code width} (at least 2, for the two neurons), with the
     * defaults of {@link NtkSampler#of}: N = {@value NetworkSampler#DEFAULT_NETWORKS}, seed 0,
     * B = {@value NetworkSampler#DEFAULT_BATCHES}, one thread per available processor, progress bar on stderr,
     * learning rates lambda_b = {@value NtkSampler#DEFAULT_LAMBDA_B}, lambda_W = {@value NtkSampler#DEFAULT_LAMBDA_W};
     * P and Q only.
     *
     * @throws IllegalArgumentException for an invalid model or width, or an input gram K whose K_ab - Cb is not
     *                                  positive semidefinite (no real inputs realise it)
     */
    public static DntkSampler of(MlpModel model, int width) {
        NtkSampler.of(model, width); // the NTK sampler's checks of the model and the width
        DntkPass.explicitInputs(model);
        return new DntkSampler(model, width, RunPlan.defaults(), NtkSampler.DEFAULT_LAMBDA_B,
                NtkSampler.DEFAULT_LAMBDA_W, false);
    }

    private DntkSampler with(RunPlan plan) {
        return new DntkSampler(model, width, plan, lambdaB, lambdaW, ddntk);
    }

    /** N, the number of networks; at least 4. */
    public DntkSampler networks(int networks) {
        return with(run.networks(networks));
    }

    public DntkSampler seed(long seed) {
        return with(run.seed(seed));
    }

    /** B, the number of batches for the standard errors; at least 2. */
    public DntkSampler batches(int batches) {
        return with(run.batches(batches));
    }

    /** The number of worker threads; the result does not depend on it. */
    public DntkSampler threads(int threads) {
        return with(run.threads(threads));
    }

    /** Whether to show a progress bar on stderr. */
    public DntkSampler progress(boolean progress) {
        return with(run.progress(progress));
    }

    /** The learning rates, as {@link NtkSampler#learningRates}: both finite and at least 0. */
    public DntkSampler learningRates(double lambdaB, double lambdaW) {
        NtkSampler.of(model, width).learningRates(lambdaB, lambdaW); // the same checks
        return new DntkSampler(model, width, run, lambdaB, lambdaW, ddntk);
    }

    /** Whether to sample the ddNTK statistics R, S, T, U besides P and Q (1.6 to 1.8 times the cost at P = 2). */
    public DntkSampler ddntk(boolean ddntk) {
        return new DntkSampler(model, width, run, lambdaB, lambdaW, ddntk);
    }

    /** The statistics this sampler estimates: P, Q, and R, S, T, U when asked. */
    public List<Statistic> statistics() {
        return DntkObservation.STATISTICS.subList(0, ddntk ? 6 : 2);
    }

    /**
     * Draws the networks and returns their statistics.
     *
     * @throws NumericalTrouble if a network produces a non-finite derivative (exploding activations or derivatives)
     *                          or K^(1) is not positive semidefinite
     */
    public DntkSample sample() {
        long start = System.nanoTime();
        String label = model.name() + (ddntk ? " ddNTK" : " dNTK") + " n=" + width;
        List<DntkMoments> parts = run.run(label, this::runBatch);
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(parts, seconds);
    }

    /** Networks [from, to) in order; stops early (returning a partial result) once another batch has failed. */
    private DntkMoments runBatch(long from, long to, Batches.Control control) {
        DntkPass pass = new DntkPass(model, width, lambdaB, lambdaW);
        DntkObservation observation = new DntkObservation(model.depth(), model.inputs());
        DntkMoments moments = new DntkMoments(model.depth(), statistics().size(), model.inputs());
        for (long k = from; k < to && !control.cancelled(); k++) {
            String bad = pass.draw(Seeds.network(run.seed(), k), observation, ddntk);
            if (bad != null) {
                throw new NumericalTrouble("sampling the dNTK of " + model.name() + " at width " + width
                        + ": network " + k + " (seed " + run.seed() + ") has a non-finite " + bad + ";"
                        + " the activations or their derivatives overflow at this depth and Cw = " + model.cw());
            }
            moments.add(observation);
            control.step();
        }
        return moments;
    }

    private DntkSample summarise(List<DntkMoments> parts, double seconds) {
        int depth = model.depth();
        int p = model.inputs();
        DntkMoments all = new DntkMoments(depth, statistics().size(), p);
        for (DntkMoments part : parts) {
            all.absorb(part);
        }
        double[] values = new double[parts.size()];
        List<DntkSample.Layer> layers = new ArrayList<>();
        for (int t = 0; t < depth; t++) {
            Map<Statistic, NtkSample.TensorEstimate> estimates = new LinkedHashMap<>();
            for (int s = 0; s < statistics().size(); s++) {
                estimates.put(statistics().get(s), tensor(all, parts, t, s, p, values));
            }
            layers.add(new DntkSample.Layer(t + 1, estimates));
        }
        return new DntkSample(model.name(), width, run.networks(), parts.size(), run.seed(), lambdaB, lambdaW,
                statistics(), seconds, layers);
    }

    /** n times the mean of statistic s at layer index t, with the batch-means error of n times the batch means. */
    private NtkSample.TensorEstimate tensor(DntkMoments all, List<DntkMoments> parts, int t, int s, int p,
                                            double[] values) {
        double[][][][] value = new double[p][p][p][p];
        double[][][][] error = new double[p][p][p][p];
        for (int u = 0; u < p * p * p * p; u++) {
            int a = u / (p * p * p);
            int b = u / (p * p) % p;
            int c = u / p % p;
            int d = u % p;
            value[a][b][c][d] = width * all.mean(t, s, u);
            for (int k = 0; k < values.length; k++) {
                values[k] = width * parts.get(k).mean(t, s, u);
            }
            error[a][b][c][d] = Batches.standardErrorOfAverage(values);
        }
        return new NtkSample.TensorEstimate(value, error);
    }
}
