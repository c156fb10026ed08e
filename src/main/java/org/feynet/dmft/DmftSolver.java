package org.feynet.dmft;

import org.feynet.model.TrainingProblem;
import org.feynet.numerics.NumericalTrouble;

/**
 * The self-consistent iteration of the DMFT of gradient flow in the mean-field parameterization (Bordelon and
 * Pehlevan, "Self-consistent dynamical field theory of kernel evolution in wide neural networks", 2022):
 * <ol>
 *   <li>from the current kernels, the NTK K_{mu nu}(t) = sum_{l=0}^{L} G^{l+1}_{mu nu}(t,t) Phi^l_{mu nu}(t,t)
 *       (Phi^0 the input gram, G^{L+1} = 1) and the outputs from d f/dt = (1/P) K (y - f), f(0) = 0, by the
 *       implicit trapezoid rule on the grid;</li>
 *   <li>with Delta = y - f, each layer's single-neuron process ({@link LayerInputs}) gives new kernels and
 *       responses, layers swept upwards with the newest Phi^{l-1} and A^{l-1};</li>
 *   <li>the new kernels are mixed with the old ones, (1 - beta) old + beta new, until the largest relative change
 *       of a kernel entry is below the tolerance; by default the mixing is accelerated ({@link Anderson}, history
 *       {@link Settings#history()}), with plain mixing for the second half of the iterations if that has not
 *       converged.</li>
 * </ol>
 * An iteration that has not reached the tolerance after the most iterations reports the mean of its iterates over
 * the second half of the run ({@link TailAverage}), not its last iterate, with their spread: the sampling solver
 * with relu (or another activation with an even part, kinked or not) at depth L >= 2 keeps fluctuating around the
 * fixed point by an amount that falls with the population (docs/METHOD.md), and the mean of the fluctuating iterates
 * is the estimate of the fixed point.
 * Under the gradient-independence assumption the responses A and B are dropped (W and W^T treated as independent).
 */
final class DmftSolver {

    /**
     * @param damping       beta in (0, 1]
     * @param tolerance     the largest relative kernel change accepted as converged
     * @param maxIterations the most iterations
     * @param history       Anderson acceleration's history (0: plain damping)
     */
    record Settings(double damping, double tolerance, int maxIterations, int history) {

        /** Plain damping (no acceleration). */
        Settings(double damping, double tolerance, int maxIterations) {
            this(damping, tolerance, maxIterations, 0);
        }
    }

    /**
     * The converged state (or, not converged, the mean of the averaged iterates), its outputs and NTK on the grid, and
     * how the iteration ended: {@code averaged} iterates averaged (0 when converged) and the {@code spread} of their
     * outputs, max over (t, mu) of the standard deviation of f(t, mu) over the averaged iterates.
     */
    record Solution(TimeGrid grid, KernelState kernels, double[][] f, double[][][] ntk, int iterations, double change,
            boolean converged, int averaged, double spread) {}

    private static final boolean TRACE = Boolean.getBoolean("feynet.dmft.trace");

    private final TrainingProblem problem;
    private final TimeGrid grid;
    private final LayerSolver layers;
    private final Settings settings;
    private final double[][] gram;
    private final double[][] ones;

    DmftSolver(TrainingProblem problem, TimeGrid grid, LayerSolver layers, Settings settings) {
        this.problem = problem;
        this.grid = grid;
        this.layers = layers;
        this.settings = settings;
        int d = grid.dimension();
        int p = grid.samples();
        double[][] inputGram = problem.network().inputGram();
        gram = new double[d][d];
        ones = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                gram[i][j] = inputGram[i % p][j % p];
                ones[i][j] = 1;
            }
        }
    }

    TimeGrid grid() {
        return grid;
    }

    int depth() {
        return problem.network().depth();
    }

    /** The kernels at gamma0 = 0 (no feature learning): constant in time, propagated by L + 1 undamped sweeps. */
    KernelState lazy() {
        int depth = depth();
        KernelState state = KernelState.empty(depth);
        for (int l = 1; l <= depth; l++) {
            state.phi()[l] = gram;
            state.g()[l] = ones;
        }
        double[][] delta = new double[grid.points()][grid.samples()];
        for (int sweep = 0; sweep <= depth; sweep++) {
            state = sweep(state, 0, delta, true);
        }
        return state;
    }

    /** The full solution (or, with {@code gia}, the gradient-independence approximation), started from {@code start}. */
    Solution solve(KernelState start, boolean gia) {
        return settings.history() > 0 ? accelerated(start, gia) : damped(start, gia, 0);
    }

    /**
     * The damped iteration from {@code start}, {@code done} iterations having been spent before it; the iterates after
     * half of the most iterations are averaged if it does not converge.
     */
    private Solution damped(KernelState start, boolean gia, int done) {
        KernelState state = start;
        double change = Double.POSITIVE_INFINITY;
        int iteration = done;
        double[][] f = flow(ntk(state));
        TailAverage tail = new TailAverage();
        while (iteration < settings.maxIterations() && !(change < settings.tolerance())) {
            iteration++;
            KernelState fresh = sweep(state, problem.network().gamma0(), residuals(f), gia);
            KernelState next = state.damped(fresh, settings.damping());
            double[][] nextF = flow(ntk(next));
            change = Math.max(next.change(state), Dense.maxDifference(nextF, f));
            check(change);
            if (TRACE) {
                System.err.printf("dmft iteration %d (gia %b): change %.3e%n", iteration, gia, change);
            }
            state = next;
            f = nextF;
            if (2 * iteration > settings.maxIterations()) {
                tail.add(state, f);
            }
        }
        boolean converged = change < settings.tolerance();
        if (converged || tail.count() < 2) {
            return new Solution(grid, state, f, ntk(state), iteration, change, converged, 0, 0);
        }
        KernelState mean = tail.mean();
        double[][][] k = ntk(mean);
        return new Solution(grid, mean, flow(k), k, iteration, change, false, tail.count(), tail.spread());
    }

    /**
     * {@link #solve} by Anderson acceleration ({@link Anderson}) of the map x -> F(x), x the flattened kernels and
     * responses, F(x) one sweep of the layers driven by x and by the outputs f[x] of its NTK. Converged when the
     * residual max(|F(x) - x|, |f[F(x)] - f[x]|), each kernel and response block relative to its size (at least 1),
     * is below the tolerance; the solution is then x. Safeguards: a residual 10 times the smallest seen, or a state F
     * cannot evaluate (a kernel not positive definite), sends the iteration back to the best state with the history
     * forgotten. Not converged after half of the most iterations, the iteration goes on from the best state by plain
     * damping, whose iterates are averaged if it does not converge either ({@link TailAverage}): a map that has no
     * fixed point within the tolerance (relu, docs/METHOD.md) gets the estimate of the damped iteration.
     */
    private Solution accelerated(KernelState start, boolean gia) {
        int d = grid.dimension();
        int depth = depth();
        double gamma = problem.network().gamma0();
        Anderson anderson = new Anderson(settings.history(), settings.damping());
        KernelState state = start;
        double[][] f = flow(ntk(state));
        KernelState fresh = sweep(state, gamma, residuals(f), gia);
        double residual = residual(state, f, fresh, gia);
        KernelState best = state;
        KernelState bestFresh = fresh;
        double bestResidual = residual;
        int restarts = 0;
        int iteration = 0;
        while (2 * iteration < settings.maxIterations() && !(residual < settings.tolerance())) {
            iteration++;
            boolean responses = !gia;
            double[] x = state.flatten(d, responses);
            double[] r = fresh.flatten(d, responses);
            for (int i = 0; i < x.length; i++) {
                r[i] -= x[i];
            }
            KernelState next = KernelState.unflatten(anderson.next(x, r), depth, d, responses);
            KernelState nextFresh;
            double[][] nextF;
            try {
                nextF = flow(ntk(next));
                nextFresh = sweep(next, gamma, residuals(nextF), gia);
                residual = residual(next, nextF, nextFresh, gia);
                check(residual);
            } catch (NumericalTrouble trouble) {
                residual = Double.POSITIVE_INFINITY;
                nextF = null;
                nextFresh = null;
            }
            if (!(residual <= 10 * bestResidual)) {
                restarts++;
                anderson.restart();
                state = best;
                fresh = bestFresh;
                f = flow(ntk(state));
                residual = bestResidual;
            } else {
                state = next;
                fresh = nextFresh;
                f = nextF;
            }
            if (residual < bestResidual) {
                best = state;
                bestFresh = fresh;
                bestResidual = residual;
            }
            if (TRACE) {
                System.err.printf("dmft anderson iteration %d (gia %b): residual %.3e, history %d, restarts %d%s%n",
                        iteration, gia, residual, anderson.size(), restarts, fresh == null ? "" : blocks(state, fresh));
            }
        }
        if (residual < settings.tolerance()) {
            return new Solution(grid, state, f, ntk(state), iteration, residual, true, 0, 0);
        }
        return damped(best, gia, iteration);
    }

    private static String blocks(KernelState x, KernelState y) {
        StringBuilder s = new StringBuilder();
        for (int l = 1; l <= x.depth(); l++) {
            s.append(String.format(" phi%d %.1e g%d %.1e", l, Dense.maxDifference(x.phi()[l], y.phi()[l]), l,
                    Dense.maxDifference(x.g()[l], y.g()[l])));
            if (x.a()[l] != null && y.a()[l] != null) {
                s.append(String.format(" a%d %.1e/%.1e b%d %.1e/%.1e", l, Dense.maxDifference(x.a()[l], y.a()[l]),
                        Dense.maxAbs(y.a()[l]), l, Dense.maxDifference(x.b()[l], y.b()[l]), Dense.maxAbs(y.b()[l])));
            }
        }
        return s.toString();
    }

    /**
     * max(|F(x) - x| relative by block, |f[F(x)] - f[x]|) for x = {@code state}, F(x) = {@code fresh}; under the
     * gradient-independence assumption the responses (computed by the layers but not used) are not part of x.
     */
    private double residual(KernelState state, double[][] f, KernelState fresh, boolean gia) {
        double kernels = gia ? state.change(fresh) : state.residual(fresh);
        return Math.max(kernels, Dense.maxDifference(flow(ntk(fresh)), f));
    }

    /** The self-consistent kernels at feature strength {@code gamma} for a given residual trajectory. */
    KernelState atFixedResiduals(KernelState start, double gamma, double[][] delta) {
        if (settings.history() > 0) {
            return acceleratedAtFixedResiduals(start, gamma, delta);
        }
        KernelState state = start;
        double change = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < settings.maxIterations() && !(change < settings.tolerance()); iteration++) {
            KernelState next = state.damped(sweep(state, gamma, delta, false), settings.damping());
            change = next.change(state);
            check(change);
            state = next;
        }
        return state;
    }

    /**
     * {@link #atFixedResiduals} by Anderson acceleration of x -> F(x) = sweep(x) at the fixed residuals, with the
     * safeguard of {@link #accelerated} (back to the best state, history forgotten); the best state if the tolerance
     * is not reached.
     */
    private KernelState acceleratedAtFixedResiduals(KernelState start, double gamma, double[][] delta) {
        int d = grid.dimension();
        int depth = depth();
        Anderson anderson = new Anderson(settings.history(), settings.damping());
        KernelState state = start;
        KernelState fresh = sweep(state, gamma, delta, false);
        double residual = state.residual(fresh);
        KernelState best = state;
        KernelState bestFresh = fresh;
        double bestResidual = residual;
        for (int iteration = 0; iteration < settings.maxIterations() && !(residual < settings.tolerance());
                iteration++) {
            double[] x = state.flatten(d, true);
            double[] r = fresh.flatten(d, true);
            for (int i = 0; i < x.length; i++) {
                r[i] -= x[i];
            }
            KernelState next = KernelState.unflatten(anderson.next(x, r), depth, d, true);
            try {
                KernelState nextFresh = sweep(next, gamma, delta, false);
                residual = next.residual(nextFresh);
                check(residual);
                fresh = nextFresh;
            } catch (NumericalTrouble trouble) {
                residual = Double.POSITIVE_INFINITY;
            }
            if (!(residual <= 10 * bestResidual)) {
                anderson.restart();
                state = best;
                fresh = bestFresh;
                residual = bestResidual;
                continue;
            }
            state = next;
            if (residual < bestResidual) {
                best = state;
                bestFresh = fresh;
                bestResidual = residual;
            }
        }
        return best;
    }

    private static void check(double change) {
        if (!Double.isFinite(change)) {
            throw new NumericalTrouble("the DMFT iteration diverged (a kernel is not finite); try a smaller damping "
                    + "or more time steps");
        }
    }

    private KernelState sweep(KernelState state, double gamma, double[][] delta, boolean gia) {
        int depth = depth();
        KernelState out = KernelState.empty(depth);
        for (int l = 1; l <= depth; l++) {
            double[][] below = l == 1 ? gram : out.phi()[l - 1];
            double[][] above = l == depth ? ones : state.g()[l + 1];
            double[][] responseBelow = gia || l == 1 ? null : out.a()[l - 1];
            double[][] responseAbove = gia || l == depth ? null : state.b()[l];
            LayerInputs in = new LayerInputs(below, above, responseBelow, responseAbove, delta, gamma);
            LayerKernels k = gia ? layers.kernels(l, in) : layers.solve(l, in);
            out.phi()[l] = k.phi();
            out.g()[l] = k.g();
            if (l < depth) {
                out.a()[l] = k.responseToR();
            }
            if (l > 1) {
                out.b()[l - 1] = k.responseToU();
            }
        }
        return out;
    }

    /** K_{mu nu}(t_k) = sum_{l=0}^{L} G^{l+1}_{mu nu}(t_k, t_k) Phi^l_{mu nu}(t_k, t_k), [k][mu][nu]. */
    double[][][] ntk(KernelState state) {
        int p = grid.samples();
        int depth = depth();
        double[][][] k = new double[grid.points()][p][p];
        for (int t = 0; t < grid.points(); t++) {
            for (int mu = 0; mu < p; mu++) {
                for (int nu = 0; nu < p; nu++) {
                    int i = grid.index(t, mu);
                    int j = grid.index(t, nu);
                    double sum = 0;
                    for (int l = 0; l <= depth; l++) {
                        double phi = l == 0 ? gram[i][j] : state.phi()[l][i][j];
                        double g = l == depth ? 1 : state.g()[l + 1][i][j];
                        sum += g * phi;
                    }
                    k[t][mu][nu] = sum;
                }
            }
        }
        return k;
    }

    /**
     * f on the grid from d f/dt = (1/P) K(t) (y - f), f(0) = 0, by the trapezoid rule
     * (I + dt/(2P) K_k) f_k = f_{k-1} + dt/(2P) (K_{k-1} (y - f_{k-1}) + K_k y).
     */
    double[][] flow(double[][][] ntk) {
        return Flows.trapezoid(grid, ntk, problem.targets(), null);
    }

    /** Delta = y - f on the grid. */
    double[][] residuals(double[][] f) {
        double[] y = problem.targets();
        double[][] delta = new double[f.length][y.length];
        for (int k = 0; k < f.length; k++) {
            for (int mu = 0; mu < y.length; mu++) {
                delta[k][mu] = y[mu] - f[k][mu];
            }
        }
        return delta;
    }
}
