package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.feynet.dmft.Curves;
import org.feynet.dmft.DmftResult;
import org.feynet.dmft.Dynamics;
import org.feynet.model.TrainingProblem;
import org.feynet.sampling.WidthSeriesFit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real finite-width training against the infinite-width DMFT (the independent check of every factor of gamma0 and
 * P in both). Networks of widths 64, 128 and 256 are trained from 8 seeds each; each quantity's seed mean is fitted
 * as q(n) = q_inf + c/n with weights from the standard errors of a variance pooled over the widths
 * ({@link PooledSeedErrors}, as {@code compare} does), and q_inf must agree with the DMFT within
 * four combined standard errors (extrapolation error, the DMFT's Monte Carlo error between replicas, and three
 * times its estimated time-discretisation error for the sampling solver). The compared quantities move with feature
 * learning (gamma0 = 0.7), so a wrong factor would show.
 */
@Tag("slow")
class TrainingAgainstDmftTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"z, 80, false", "tanh(z), 40, true"})
    void extrapolatedTrainingAgreesWithDmft(String sigma, int steps, boolean sampling) {
        TrainingProblem problem = GradientFlowTrainerTest.problem(sigma, 2, 4).withGamma0(0.7);
        DmftResult dmft = Dynamics.solve(problem, new Dynamics.Options(steps, sampling, 500, 3, 11, 0.6, 1e-7, 300,
                false, false, false, sampling, 1e-4));
        double timeError = sampling ? 3 * dmft.timeError() : 0;
        List<Integer> widths = List.of(64, 128, 256);
        List<Ensemble> ensembles = eightSeeds(problem, widths);
        double[] y = problem.targets();
        check("loss(T/2)", r -> r.observations().get(10).loss(), dmft.full().loss()[10],
                err(dmft, c -> c.loss()[10]) + timeError, widths, ensembles);
        check("K_11(T)", r -> r.observations().get(20).ntk()[0][0], dmft.full().ntk()[20][0][0],
                err(dmft, c -> c.ntk()[20][0][0]) + timeError, widths, ensembles);
        check("K_12(T)", r -> r.observations().get(20).ntk()[0][1], dmft.full().ntk()[20][0][1],
                err(dmft, c -> c.ntk()[20][0][1]) + timeError, widths, ensembles);
        check("f_1(T/4)", r -> r.observations().get(5).f()[0], dmft.full().f()[5][0],
                err(dmft, c -> c.f()[5][0]) + timeError, widths, ensembles);
        check("alignment(T)", r -> Curves.alignment(r.observations().get(20).ntk(), y), dmft.full().alignment()[20],
                err(dmft, c -> c.alignment()[20]) + timeError, widths, ensembles);
    }

    /**
     * relu at depth 2 with the Stein responses ({@code --responses stein}; the default is now the smoothed limit,
     * SmoothedReluAgainstTrainingTest), where the sampling iteration does not settle (docs/METHOD.md) and the solution
     * is the mean of the last 50 of 100 iterates, with the default ridge: the same extrapolated comparison on the same data
     * (15 s). `compare` on this problem (widths 64 to 256, 8 seeds, 300 iterations) gave every pull within 1.6. A
     * doubled feature-learning drive makes loss(T) fail with a pull of 10; this comparison cannot tell the full
     * solution from the gradient-independence one, nor the tail average from the last iterate (both pass too).
     */
    @org.junit.jupiter.api.Test
    void extrapolatedReluTrainingAgreesWithTheAveragedDmft() {
        TrainingProblem problem = GradientFlowTrainerTest.problem("relu(z)", 2, 4).withGamma0(0.7);
        DmftResult dmft = Dynamics.solve(problem, new Dynamics.Options(40, false, 400, 4, 1, 0.6, 1e-6, 100,
                false, false, false, false, Dynamics.Options.RIDGE, Dynamics.Options.HISTORY,
                org.feynet.dmft.ResponseEstimator.STEIN));
        List<Integer> widths = List.of(64, 128, 256);
        List<Ensemble> ensembles = eightSeeds(problem, widths);
        double[] y = problem.targets();
        check("loss(T/2)", r -> r.observations().get(10).loss(), dmft.full().loss()[10],
                err(dmft, c -> c.loss()[10]), widths, ensembles);
        check("loss(T)", r -> r.observations().get(20).loss(), dmft.full().loss()[20],
                err(dmft, c -> c.loss()[20]), widths, ensembles);
        check("K_11(T)", r -> r.observations().get(20).ntk()[0][0], dmft.full().ntk()[20][0][0],
                err(dmft, c -> c.ntk()[20][0][0]), widths, ensembles);
        check("f_1(T/4)", r -> r.observations().get(5).f()[0], dmft.full().f()[5][0],
                err(dmft, c -> c.f()[5][0]), widths, ensembles);
        check("alignment(T)", r -> Curves.alignment(r.observations().get(20).ntk(), y), dmft.full().alignment()[20],
                err(dmft, c -> c.alignment()[20]), widths, ensembles);
    }

    private static double err(DmftResult dmft, java.util.function.Function<Curves, Double> q) {
        return dmft.fullError() == null ? 0 : q.apply(dmft.fullError());
    }

    private static void check(String name, ToDoubleFunction<Trajectory> q, double theory, double theoryError,
            List<Integer> widths, List<Ensemble> ensembles) {
        PooledSeedErrors seeds = PooledSeedErrors.of(ensembles, q);
        WidthSeriesFit fit = WidthSeriesFit.of(widths, seeds.means(), seeds.errors(), 2);
        double sigma = Math.sqrt(fit.errors()[0] * fit.errors()[0] + theoryError * theoryError);
        double pull = (fit.coefficients()[0] - theory) / sigma;
        assertTrue(Math.abs(pull) < 4, name + ": extrapolated " + fit.coefficients()[0] + " +- " + fit.errors()[0]
                + ", DMFT " + theory + " +- " + theoryError + ", pull " + pull);
    }

    /** Eight trained networks (seed 1 on, RK4 step 0.1) at each width. */
    private static List<Ensemble> eightSeeds(TrainingProblem problem, List<Integer> widths) {
        List<Ensemble> ensembles = new ArrayList<>();
        for (int w : widths) {
            ensembles.add(Ensemble.train(problem, w, 8, 1, 0.1, Dynamics.INTERVALS));
        }
        return ensembles;
    }
}
