package org.feynet.dmft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.feynet.model.ActivationSlope;
import org.feynet.model.KinkSmoothing;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.feynet.model.TrainingProblem;

/**
 * The DMFT of a kinked activation (relu, leaky relu, abs: an expression with max or abs) at depth L &gt;= 2 as the limit
 * of smooth ones. The kinks are smoothed into softplus of inverse width beta ({@link KinkSmoothing}); each smooth
 * activation sigma_beta has a converging iteration with pathwise responses (docs/METHOD.md), whose sigma_beta'' is
 * a peak of unit mass and width 1/beta: the kink's delta function, which the pathwise derivatives of the kinked
 * activation itself miss. Any quantity q (loss, f, NTK, kernels) is solved at each beta of a ladder, with the same
 * replicas' noise at every beta (common random numbers, so that the differences between rungs carry little Monte
 * Carlo error), and extrapolated to 1/beta = 0 by the polynomial in x = 1/beta through the rungs (Neville's
 * extrapolation, the Lagrange weights w_k = prod_{j != k} x_j / (x_j - x_k)):
 * <pre>
 *   q(beta) = q_inf + c1 / beta + c2 / beta^2 + ...,   q_inf ~ sum_k w_k q(beta_k).
 * </pre>
 * Both orders are present: kernels of sigma differ from the kinked ones by O(1/beta^2) (s_beta(x) - max(0, x) is even
 * with integral pi^2 / (6 beta^2)), averages of sigma' alone by O(1/beta^2) (the difference sigmoid(beta x) - 1[x > 0]
 * is odd), but the equal-time G(t, t) = &lt;sigma'(h)^2 z^2&gt; by O(1/beta) (sigmoid^2 - 1[x &gt; 0] integrates to
 * -1/beta). Each replica is extrapolated, so the replicas' spread of the extrapolated values is its Monte Carlo error
 * (amplified by sum |w_k|). The extrapolation error is estimated by the difference from the extrapolation of one
 * order less (the rungs without the smallest beta), the size of the last term kept.
 */
final class KinkLimit {

    /** The default ladder of beta. */
    static final double[] LADDER = {8, 16, 32};
    /** The default population: at 400 the rung beta = 32 of docs/METHOD.md's relu problem does not converge. */
    static final int POPULATION = 1600;

    private KinkLimit() {}

    /** Whether {@code problem} is solved by this limit by default: a kinked activation at depth &gt;= 2. */
    static boolean applies(TrainingProblem problem) {
        return problem.network().depth() >= 2 && ScalarExpr.hasKink(problem.network().activation().expression());
    }

    /**
     * w_k = prod_{j != k} x_j / (x_j - x_k), x = 1/beta: the value at x = 0 of the polynomial through (x_k, q_k) is
     * sum_k w_k q_k.
     */
    static double[] weights(double[] betas) {
        int n = betas.length;
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1;
            for (int j = 0; j < n; j++) {
                if (j != k) {
                    double xj = 1 / betas[j];
                    w[k] *= xj / (xj - 1 / betas[k]);
                }
            }
        }
        return w;
    }

    /** The smooth activation of {@code problem} at {@code beta} as a population solver of its layers. */
    static SampledLayer layer(TrainingProblem problem, TimeGrid grid, int population, long seed, double beta) {
        ScalarExpr smooth = KinkSmoothing.smoothed(problem.network().activation().expression(), beta);
        return new SampledLayer(grid, ScalarFunction.of(smooth), ActivationSlope.of(smooth),
                problem.network().depth(), population, seed, 0, ResponseEstimator.PATHWISE, false);
    }

    /** One replica at every rung of the ladder. */
    record Replica(List<DmftSolver.Solution> rungs, List<Curves> curves) {}

    static Replica replica(TrainingProblem problem, TimeGrid grid, Dynamics.Options options, double[] betas, long seed,
            int[] report, Stopwatch watch, int index) {
        List<DmftSolver.Solution> rungs = new ArrayList<>();
        List<Curves> curves = new ArrayList<>();
        for (double beta : betas) {
            DmftSolver solver = new DmftSolver(problem, grid, layer(problem, grid, options.population(), seed, beta),
                    new DmftSolver.Settings(options.damping(), options.tolerance(), options.maxIterations(),
                            options.history()));
            DmftSolver.Solution solution = solver.solve(solver.lazy(), false);
            watch.lap(String.format(java.util.Locale.ROOT, "replica %d, beta %s: full solution, %d iterations",
                    index + 1, beta, solution.iterations()));
            rungs.add(solution);
            curves.add(Curves.of(solution.f(), solution.ntk(), report, problem.targets()));
        }
        return new Replica(rungs, curves);
    }

    /** The replica's curves extrapolated to 1/beta = 0 with {@code weights} over the last weights.length rungs. */
    static Curves extrapolated(Replica replica, double[] weights) {
        List<Curves> all = replica.curves();
        return Curves.combination(all.subList(all.size() - weights.length, all.size()), weights);
    }

    /**
     * |mean over replicas of (full extrapolation - one order less)|, entry by entry: the extrapolation error of
     * {@code full}.
     */
    static Curves extrapolationError(List<Replica> replicas, double[] betas) {
        double[] full = weights(betas);
        double[] lower = weights(Arrays.copyOfRange(betas, 1, betas.length));
        List<Curves> differences = new ArrayList<>();
        for (Replica r : replicas) {
            differences.add(Curves.combination(List.of(extrapolated(r, full), extrapolated(r, lower)),
                    new double[] {1, -1}));
        }
        Curves mean = Dynamics.mean(differences);
        return mean.absolute();
    }

    /** The kernels of a replica at every rung, combined with {@code weights}: an extrapolated state. */
    static KernelState kernels(Replica replica, double[] weights) {
        KernelState first = replica.rungs().get(0).kernels();
        int depth = first.depth();
        KernelState out = KernelState.empty(depth);
        int d = first.phi()[1].length;
        for (int l = 1; l <= depth; l++) {
            out.phi()[l] = new double[d][d];
            out.g()[l] = new double[d][d];
            for (int k = 0; k < weights.length; k++) {
                KernelState s = replica.rungs().get(k).kernels();
                out.phi()[l] = Dense.plus(out.phi()[l], weights[k], s.phi()[l]);
                out.g()[l] = Dense.plus(out.g()[l], weights[k], s.g()[l]);
            }
        }
        return out;
    }
}
