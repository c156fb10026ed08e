package org.feynet.dmft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.ScalarFunction;
import org.feynet.model.TrainingProblem;
import org.feynet.model.ActivationSlope;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The infinite-width (DMFT) dynamics of a training problem and its approximations: the entry point of
 * {@code feynet dmft}. The deep-linear closed equations ({@link LinearLayer}) when sigma is the identity, the
 * alternating sampling solver ({@link SampledLayer}) otherwise (or on request), iterated by {@link DmftSolver}.
 * Approximations:
 * <ul>
 *   <li>static NTK: kernel regression with the initial NTK, f(t) = (I - exp(-K(0) t / P)) y, exactly;</li>
 *   <li>gradient independence: the same iteration without the responses A and B;</li>
 *   <li>perturbative: the leading correction in gamma0 around the lazy solution f0 = static NTK,
 *       K(t) = K0 + gamma0^2 K1(t), f = f0 + gamma0^2 f1 with d f1/dt = (1/P) (K1 Delta0 - K0 f1), f1(0) = 0; K1 is the
 *       second derivative in gamma of the self-consistent kernels at the lazy residuals Delta0, by the symmetric
 *       difference [K(eps) + K(-eps) - 2 K(0)] / (2 eps^2) (error O(eps^2); odd orders, present through the Monte
 *       Carlo noise of the responses, cancel).</li>
 * </ul>
 */
public final class Dynamics {

    /** The curves are reported at these many equal intervals of [0, T]. */
    public static final int INTERVALS = 20;
    private static final double EPSILON = 0.02;

    /**
     * @param steps         N, time steps of the grid (a multiple of 40)
     * @param sampling      use the sampling solver even for a linear network
     * @param population    neurons per layer per replica (sampling solver)
     * @param replicas      independent replicas, for the Monte Carlo error (sampling solver)
     * @param seed          random seed (sampling solver)
     * @param damping       beta of the iteration
     * @param tolerance     largest relative kernel change accepted
     * @param maxIterations the most iterations
     * @param staticNtk     include the static-NTK solution
     * @param gia           include the gradient-independence solution
     * @param perturbative  include leading-order perturbation theory in gamma0
     * @param timeError     estimate the time-discretisation error by a solve with N/2 steps
     * @param ridge         sampling solver: the ridge of the responses' regularised inverse root, relative to the
     *                      largest eigenvalue (a bias of that order, and stability against Monte Carlo noise); used by
     *                      the Stein responses only
     * @param history       Anderson acceleration's history m ({@link Anderson}); 0 for plain damping
     * @param responses     sampling solver: how the responses are estimated, or null for
     *                      {@link #responsesFor(TrainingProblem, ResponseEstimator) the activation's default}
     */
    public record Options(int steps, boolean sampling, int population, int replicas, long seed, double damping,
            double tolerance, int maxIterations, boolean staticNtk, boolean gia, boolean perturbative,
            boolean timeError, double ridge, int history, ResponseEstimator responses) {

        /** The default ridge of the sampling solver's responses. */
        public static final double RIDGE = 3e-3;
        /** The default history of Anderson acceleration. */
        public static final int HISTORY = 5;

        public static Options defaults() {
            return new Options(40, false, 400, 4, 1, 0.6, 1e-6, 300, true, true, true, true, RIDGE, HISTORY, null);
        }

        /** These options with the default acceleration and responses. */
        public Options(int steps, boolean sampling, int population, int replicas, long seed, double damping,
                double tolerance, int maxIterations, boolean staticNtk, boolean gia, boolean perturbative,
                boolean timeError, double ridge) {
            this(steps, sampling, population, replicas, seed, damping, tolerance, maxIterations, staticNtk, gia,
                    perturbative, timeError, ridge, HISTORY, null);
        }

        /** These options without a ridge argument: the default ridge. */
        public Options(int steps, boolean sampling, int population, int replicas, long seed, double damping,
                double tolerance, int maxIterations, boolean staticNtk, boolean gia, boolean perturbative,
                boolean timeError) {
            this(steps, sampling, population, replicas, seed, damping, tolerance, maxIterations, staticNtk, gia,
                    perturbative, timeError, RIDGE);
        }
    }

    private Dynamics() {}

    /**
     * The fewest neurons per layer and replica whose noise the sampling solver whitens on a grid of {@code steps}
     * steps and {@code samples} inputs: 2 (steps + 1) P, the number of noise coordinates (u and r together). Below it
     * ({@link SampledLayer}) the Gaussian parts of the kernels carry Monte Carlo error and the responses at gamma0 = 0
     * do not vanish; with 200 neurons on a 40-step, 3-input grid (246 needed) the iteration of a depth-3 network was
     * seen to wander (tanh) or diverge (relu, even at gamma0 = 0.01).
     */
    public static int minimumPopulation(int steps, int samples) {
        return 2 * (steps + 1) * samples;
    }

    /**
     * The default population of the sampling solver: {@link KinkLimit#POPULATION} where a kinked activation's DMFT is
     * the limit of smoothed ones (its sharpest rung, beta = 32, puts few neurons in the peak of sigma'' and did not
     * converge with 400, docs/METHOD.md), otherwise {@link Options#defaults()}'s 400.
     */
    public static int defaultPopulation(TrainingProblem problem) {
        return KinkLimit.applies(problem) ? KinkLimit.POPULATION : Options.defaults().population();
    }

    /**
     * Whether {@link #solve} uses the alternating sampling solver (not the deep-linear closed equations), given
     * {@link Options#sampling()}: for every non-linear network, and for a linear one when asked.
     */
    public static boolean samples(TrainingProblem problem, boolean sampling) {
        return sampling || !problem.network().linear();
    }

    /**
     * The response estimator of the sampling solver: {@code asked} if given, otherwise the limit of smoothed kinks
     * ({@link KinkLimit}) for a kinked activation (max or abs in its expression) at depth L >= 2, pathwise for a smooth activation
     * with an even part (softplus, gelu: no relu, abs or max in its expression, and sigma(z) + sigma(-z) not constant),
     * where the integration by parts leaves the iteration unsettled (docs/METHOD.md), and integration by parts (Stein)
     * otherwise: for a kinked activation at depth 1 (whose responses are not used), and for
     * an odd one up to a constant (tanh, erf, sigmoid, the identity), whose iteration converges with it at a tenth of
     * the pathwise cost.
     */
    public static ResponseEstimator responsesFor(TrainingProblem problem, ResponseEstimator asked) {
        if (asked != null) {
            return asked;
        }
        if (KinkLimit.applies(problem)) {
            return ResponseEstimator.SMOOTHED;
        }
        org.feynet.model.ScalarExpr expr = problem.network().activation().expression();
        return !org.feynet.model.ScalarExpr.hasKink(expr) && hasEvenPart(ScalarFunction.of(expr))
                ? ResponseEstimator.PATHWISE : ResponseEstimator.STEIN;
    }

    /**
     * Whether sigma(z) + sigma(-z) varies: compared with 2 sigma(0) at z = 0.25, 0.5, .., 4, relative to 1e-9 of the
     * largest |sigma| there (an odd function up to a constant gives rounding only).
     */
    static boolean hasEvenPart(java.util.function.DoubleUnaryOperator sigma) {
        double centre = 2 * sigma.applyAsDouble(0);
        double scale = Math.abs(centre);
        double largest = 0;
        for (int k = 1; k <= 16; k++) {
            double z = 0.25 * k;
            double plus = sigma.applyAsDouble(z);
            double minus = sigma.applyAsDouble(-z);
            scale = Math.max(scale, Math.max(Math.abs(plus), Math.abs(minus)));
            largest = Math.max(largest, Math.abs(plus + minus - centre));
        }
        return largest > 1e-9 * Math.max(scale, Double.MIN_NORMAL);
    }

    public static DmftResult solve(TrainingProblem problem, Options options) {
        return solve(problem, options, line -> { });
    }

    /** {@link #solve(TrainingProblem, Options)}, reporting the wall and CPU time of each phase to {@code timing}. */
    public static DmftResult solve(TrainingProblem problem, Options options, java.util.function.Consumer<String> timing) {
        Stopwatch watch = new Stopwatch(timing);
        boolean exact = !samples(problem, options.sampling());
        int replicas = exact ? 1 : options.replicas();
        TimeGrid grid = new TimeGrid(problem.time(), options.steps(), problem.network().samples());
        int[] report = reportIndices(grid);
        double[] times = new double[report.length];
        for (int i = 0; i < report.length; i++) {
            times[i] = grid.time(report[i]);
        }
        ResponseEstimator responses = exact ? null : responsesFor(problem, options.responses());
        double[] betas = responses == ResponseEstimator.SMOOTHED ? KinkLimit.LADDER : null;
        List<Replica> runs = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            runs.add(replica(problem, grid, options, exact, options.seed() + 7919L * r, report, watch, r, betas));
        }
        Replica first = runs.get(0);
        double timeError = Double.NaN;
        if (options.timeError()) {
            TimeGrid coarse = grid.coarser();
            DmftSolver solver = first.ladder == null ? solver(problem, coarse, options, exact, options.seed())
                    : smoothSolver(problem, coarse, options, options.seed(), betas[betas.length - 1]);
            DmftSolver.Solution solution = solver.solve(solver.lazy(), false);
            watch.lap(String.format(java.util.Locale.ROOT, "time error: full solution with %d steps, %d iterations",
                    coarse.steps(), solution.iterations()));
            Curves coarseCurves = Curves.of(solution.f(), solution.ntk(), reportIndices(coarse), problem.targets());
            Curves fine = first.ladder == null ? first.full
                    : first.ladder.curves().get(first.ladder.curves().size() - 1);
            timeError = 0;
            for (int i = 0; i < report.length; i++) {
                for (int mu = 0; mu < grid.samples(); mu++) {
                    timeError = Math.max(timeError, Math.abs(fine.f()[i][mu] - coarseCurves.f()[i][mu]) / 3);
                }
            }
        }
        Map<String, Curves> approximations = new LinkedHashMap<>();
        for (String name : first.approximations.keySet()) {
            List<Curves> each = new ArrayList<>();
            for (Replica run : runs) {
                each.add(run.approximations.get(name));
            }
            approximations.put(name, mean(each));
        }
        List<Curves> fulls = new ArrayList<>();
        int iterations = 0;
        double change = 0;
        boolean converged = true;
        int averaged = 0;
        double spread = 0;
        for (Replica run : runs) {
            fulls.add(run.full);
            iterations = Math.max(iterations, run.solution.iterations());
            change = Math.max(change, run.solution.change());
            converged &= run.solution.converged();
            averaged = Math.max(averaged, run.solution.averaged());
            spread = Math.max(spread, run.solution.spread());
        }
        double[][][][] phi = meanKernels(runs, true);
        double[][][][] g = meanKernels(runs, false);
        double[][][] twoTime = new double[problem.network().depth()][][];
        for (int l = 1; l <= problem.network().depth(); l++) {
            double[][] sum = new double[grid.samples()][grid.samples()];
            for (Replica run : runs) {
                double[][] kernel = run.solution.kernels().phi()[l];
                for (int mu = 0; mu < grid.samples(); mu++) {
                    for (int nu = 0; nu < grid.samples(); nu++) {
                        sum[mu][nu] += kernel[grid.index(grid.steps(), mu)][grid.index(0, nu)] / runs.size();
                    }
                }
            }
            twoTime[l - 1] = sum;
        }
        return new DmftResult(exact ? "deep-linear" : "sampling", times, mean(fulls),
                exact ? null : standardError(fulls), phi, g, twoTime, approximations, iterations, change, converged,
                averaged, spread, options.tolerance(), timeError, options.steps(), exact ? 0 : options.population(), replicas,
                options.history(), responses, betas == null ? null : smoothing(runs, betas));
    }

    /**
     * One replica's solution, its curves and approximations; for the limit of smoothed kinks also its solution at
     * every rung ({@code ladder}, else null), whose extrapolation the solution and curves are.
     */
    private record Replica(DmftSolver.Solution solution, Curves full, Map<String, Curves> approximations,
            KinkLimit.Replica ladder) {}

    private static Smoothing smoothing(List<Replica> runs, double[] betas) {
        List<KinkLimit.Replica> ladders = runs.stream().map(Replica::ladder).toList();
        List<Curves> rungs = new ArrayList<>();
        for (int k = 0; k < betas.length; k++) {
            List<Curves> each = new ArrayList<>();
            for (KinkLimit.Replica l : ladders) {
                each.add(l.curves().get(k));
            }
            rungs.add(mean(each));
        }
        return new Smoothing(betas.clone(), KinkLimit.weights(betas), KinkLimit.extrapolationError(ladders, betas),
                rungs);
    }

    /**
     * The smoothed activation's solutions at every beta of {@code betas}, extrapolated to 1/beta = 0 ({@link KinkLimit}):
     * the kernels and curves of the extrapolation, the iteration statistics the worst over the rungs.
     */
    private static Replica smoothedReplica(TrainingProblem problem, TimeGrid grid, Options options, long seed,
            int[] report, Stopwatch watch, int index, double[] betas) {
        KinkLimit.Replica ladder = KinkLimit.replica(problem, grid, options, betas, seed, report, watch, index);
        double[] weights = KinkLimit.weights(betas);
        int iterations = 0;
        double change = 0;
        boolean converged = true;
        int averaged = 0;
        double spread = 0;
        for (DmftSolver.Solution s : ladder.rungs()) {
            iterations = Math.max(iterations, s.iterations());
            change = Math.max(change, s.change());
            converged &= s.converged();
            averaged = Math.max(averaged, s.averaged());
            spread = Math.max(spread, s.spread());
        }
        DmftSolver.Solution solution = new DmftSolver.Solution(grid, KinkLimit.kernels(ladder, weights), null, null,
                iterations, change, converged, averaged, spread);
        DmftSolver raw = solver(problem, grid, options, false, seed);
        Map<String, Curves> approximations = approximations(problem, raw, raw.lazy(), options, report, watch,
                "replica " + (index + 1) + ", ");
        return new Replica(solution, KinkLimit.extrapolated(ladder, weights), approximations, ladder);
    }

    private static DmftSolver smoothSolver(TrainingProblem problem, TimeGrid grid, Options options, long seed,
            double beta) {
        return new DmftSolver(problem, grid, KinkLimit.layer(problem, grid, options.population(), seed, beta),
                new DmftSolver.Settings(options.damping(), options.tolerance(), options.maxIterations(),
                        options.history()));
    }

    private static Replica replica(TrainingProblem problem, TimeGrid grid, Options options, boolean exact, long seed,
            int[] report, Stopwatch watch, int index, double[] betas) {
        if (betas != null) {
            return smoothedReplica(problem, grid, options, seed, report, watch, index, betas);
        }
        String name = exact ? "" : "replica " + (index + 1) + ", ";
        DmftSolver solver = solver(problem, grid, options, exact, seed);
        double[] y = problem.targets();
        KernelState lazy = solver.lazy();
        watch.lap(name + "lazy kernels (" + (problem.network().depth() + 1) + " sweeps)");
        DmftSolver.Solution full = solver.solve(lazy, false);
        watch.lap(name + "full solution, " + full.iterations() + " iterations");
        return new Replica(full, Curves.of(full.f(), full.ntk(), report, y),
                approximations(problem, solver, lazy, options, report, watch, name), null);
    }

    /** The requested approximations (static NTK, gradient independence, perturbative) of one replica. */
    private static Map<String, Curves> approximations(TrainingProblem problem, DmftSolver solver, KernelState lazy,
            Options options, int[] report, Stopwatch watch, String name) {
        TimeGrid grid = solver.grid();
        double[] y = problem.targets();
        Map<String, Curves> approximations = new LinkedHashMap<>();
        double[][] k0 = solver.ntk(lazy)[0];
        double[][] staticF = kernelRegression(k0, y, grid);
        double[][][] staticNtk = new double[grid.points()][][];
        java.util.Arrays.fill(staticNtk, k0);
        if (options.staticNtk()) {
            approximations.put("static_ntk", Curves.of(staticF, staticNtk, report, y));
        }
        if (options.gia()) {
            DmftSolver.Solution gia = solver.solve(lazy, true);
            watch.lap(name + "gradient independence, " + gia.iterations() + " iterations");
            approximations.put("gia", Curves.of(gia.f(), gia.ntk(), report, y));
        }
        if (options.perturbative()) {
            approximations.put("perturbative", perturbative(problem, solver, lazy, staticF, staticNtk, report));
            watch.lap(name + "perturbative (kernels at gamma = 0, +-" + EPSILON + ")");
        }
        return approximations;
    }

    private static DmftSolver solver(TrainingProblem problem, TimeGrid grid, Options options, boolean exact, long seed) {
        ResponseEstimator responses = responsesFor(problem, options.responses());
        LayerSolver layers = exact ? new LinearLayer(grid)
                : new SampledLayer(grid, ScalarFunction.of(problem.network().activation().expression()),
                        ActivationSlope.of(problem.network().activation().expression()), problem.network().depth(),
                        options.population(), seed, options.ridge(),
                        responses == ResponseEstimator.SMOOTHED ? ResponseEstimator.STEIN : responses,
                        org.feynet.model.ScalarExpr.hasKink(problem.network().activation().expression()));
        return new DmftSolver(problem, grid, layers,
                new DmftSolver.Settings(options.damping(), options.tolerance(), options.maxIterations(),
                        options.history()));
    }

    /** f(t_k) = (I - exp(-K0 t_k / P)) y by the eigendecomposition of K0. */
    static double[][] kernelRegression(double[][] k0, double[] y, TimeGrid grid) {
        int p = y.length;
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(k0, true));
        double[] values = eigen.getEigenvalues();
        double[][] v = eigen.getV().getData();
        double[][] f = new double[grid.points()][p];
        for (int k = 0; k < grid.points(); k++) {
            for (int e = 0; e < p; e++) {
                double projection = 0;
                for (int nu = 0; nu < p; nu++) {
                    projection += v[nu][e] * y[nu];
                }
                double factor = (1 - Math.exp(-values[e] * grid.time(k) / p)) * projection;
                for (int mu = 0; mu < p; mu++) {
                    f[k][mu] += v[mu][e] * factor;
                }
            }
        }
        return f;
    }

    private static Curves perturbative(TrainingProblem problem, DmftSolver solver, KernelState lazy, double[][] f0,
            double[][][] k0, int[] report) {
        TimeGrid grid = solver.grid();
        int p = grid.samples();
        double[][] delta0 = solver.residuals(f0);
        double[][][] plus = solver.ntk(solver.atFixedResiduals(lazy, EPSILON, delta0));
        double[][][] minus = solver.ntk(solver.atFixedResiduals(lazy, -EPSILON, delta0));
        double[][][] zero = solver.ntk(solver.atFixedResiduals(lazy, 0, delta0));
        double gamma2 = problem.network().gamma0() * problem.network().gamma0();
        double[][][] k = new double[grid.points()][p][p];
        double[][] source = new double[grid.points()][p];
        for (int t = 0; t < grid.points(); t++) {
            for (int mu = 0; mu < p; mu++) {
                for (int nu = 0; nu < p; nu++) {
                    double k1 = (plus[t][mu][nu] + minus[t][mu][nu] - 2 * zero[t][mu][nu]) / (2 * EPSILON * EPSILON);
                    k[t][mu][nu] = k0[t][mu][nu] + gamma2 * k1;
                    source[t][mu] += k1 * delta0[t][nu];
                }
            }
        }
        double[][] f1 = Flows.trapezoid(grid, k0, new double[p], source);
        double[][] f = new double[grid.points()][p];
        for (int t = 0; t < grid.points(); t++) {
            for (int mu = 0; mu < p; mu++) {
                f[t][mu] = f0[t][mu] + gamma2 * f1[t][mu];
            }
        }
        return Curves.of(f, k, report, problem.targets());
    }

    private static int[] reportIndices(TimeGrid grid) {
        int[] indices = new int[INTERVALS + 1];
        for (int i = 0; i <= INTERVALS; i++) {
            indices[i] = i * grid.steps() / INTERVALS;
        }
        return indices;
    }

    private static double[][][][] meanKernels(List<Replica> runs, boolean phi) {
        DmftSolver.Solution s = runs.get(0).solution();
        TimeGrid grid = s.grid();
        int depth = s.kernels().depth();
        int[] report = reportIndices(grid);
        int p = grid.samples();
        double[][][][] out = new double[depth][report.length][p][p];
        for (Replica run : runs) {
            for (int l = 1; l <= depth; l++) {
                double[][] kernel = phi ? run.solution.kernels().phi()[l] : run.solution.kernels().g()[l];
                for (int i = 0; i < report.length; i++) {
                    for (int mu = 0; mu < p; mu++) {
                        for (int nu = 0; nu < p; nu++) {
                            out[l - 1][i][mu][nu] += kernel[grid.index(report[i], mu)][grid.index(report[i], nu)]
                                    / runs.size();
                        }
                    }
                }
            }
        }
        return out;
    }

    static Curves mean(List<Curves> all) {
        return combine(all, false);
    }

    private static Curves standardError(List<Curves> all) {
        return combine(all, true);
    }

    /** The mean of each entry over {@code all}, or its standard error sd / sqrt(count). */
    private static Curves combine(List<Curves> all, boolean error) {
        Curves first = all.get(0);
        int times = first.loss().length;
        int p = first.f()[0].length;
        double[] loss = new double[times];
        double[][] f = new double[times][p];
        double[][][] ntk = new double[times][p][p];
        double[] alignment = new double[times];
        for (int i = 0; i < times; i++) {
            final int t = i;
            loss[i] = statistic(all.stream().mapToDouble(c -> c.loss()[t]).toArray(), error);
            alignment[i] = statistic(all.stream().mapToDouble(c -> c.alignment()[t]).toArray(), error);
            for (int mu = 0; mu < p; mu++) {
                final int m = mu;
                f[i][mu] = statistic(all.stream().mapToDouble(c -> c.f()[t][m]).toArray(), error);
                for (int nu = 0; nu < p; nu++) {
                    final int n = nu;
                    ntk[i][mu][nu] = statistic(all.stream().mapToDouble(c -> c.ntk()[t][m][n]).toArray(), error);
                }
            }
        }
        return new Curves(loss, f, ntk, alignment);
    }

    static double statistic(double[] values, boolean error) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        if (!error) {
            return mean;
        }
        if (values.length < 2) {
            return Double.NaN;
        }
        double variance = 0;
        for (double v : values) {
            variance += (v - mean) * (v - mean) / (values.length - 1);
        }
        return Math.sqrt(variance / values.length);
    }
}
