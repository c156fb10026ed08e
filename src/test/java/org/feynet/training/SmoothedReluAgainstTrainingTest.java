package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.feynet.dmft.Curves;
import org.feynet.dmft.DmftResult;
import org.feynet.dmft.Dynamics;
import org.feynet.dmft.ResponseEstimator;
import org.feynet.model.TrainingProblem;
import org.feynet.sampling.WidthSeriesFit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * relu at depth 2 by the limit of smoothed kinks (the default for a kinked activation at L >= 2, docs/METHOD.md):
 * softplus of width 1/beta at beta = 8, 16, 32, each solved with pathwise responses, extrapolated to 1/beta = 0. On
 * a two-input problem (inputs [1, 0], [0.5, 1], targets (1, -1), gamma0 = 0.7, T = 4, 40 steps, 1600 neurons, 4
 * replicas) against trained relu networks of widths 64, 128, 256 (8 seeds each, RK4 step 0.1) fitted as
 * q_inf + c/n with pooled errors: every compared quantity within 3 combined standard errors (the fit's, the DMFT's
 * Monte Carlo error between replicas and its extrapolation error).
 */
@Tag("slow")
class SmoothedReluAgainstTrainingTest {

    private static TrainingProblem problem() {
        return org.feynet.lang.ModelReader.parse("t.fnet", "network m {\n  width n\n  depth L = 2\n"
                + "  activation sigma(z) = relu(z)\n  init W ~ normal(0, 1)\n"
                + "  input x = [[1, 0], [0.5, 1]]\n  z[1] = W[1] . x / sqrt(n0)\n"
                + "  z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1\n"
                + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = 0.7\n}\n"
                + "train m {\n  targets y = [1, -1]\n  loss mse\n"
                + "  gradient flow with rate gamma0^2 * n for t = 0 .. 4\n}\n").trainings().get(0);
    }

    @Test
    void smoothedReluDmftAgreesWithTrainedReluNetworks() {
        TrainingProblem problem = problem();
        assertEquals(ResponseEstimator.SMOOTHED, Dynamics.responsesFor(problem, null));
        DmftResult dmft = Dynamics.solve(problem, new Dynamics.Options(40, false, 1600, 4, 1, 0.6, 1e-6, 200,
                false, false, false, false));
        assertNotNull(dmft.smoothing());
        List<Integer> widths = List.of(64, 128, 256);
        List<Ensemble> ensembles = new ArrayList<>();
        for (int w : widths) {
            ensembles.add(Ensemble.train(problem, w, 8, 1, 0.1, Dynamics.INTERVALS));
        }
        double[] y = problem.targets();
        check("loss(T/2)", r -> r.observations().get(10).loss(), dmft, c -> c.loss()[10], widths, ensembles);
        check("loss(T)", r -> r.observations().get(20).loss(), dmft, c -> c.loss()[20], widths, ensembles);
        check("K_11(T)", r -> r.observations().get(20).ntk()[0][0], dmft, c -> c.ntk()[20][0][0], widths, ensembles);
        check("f_1(T/4)", r -> r.observations().get(5).f()[0], dmft, c -> c.f()[5][0], widths, ensembles);
        check("alignment(T)", r -> Curves.alignment(r.observations().get(20).ntk(), y), dmft, c -> c.alignment()[20],
                widths, ensembles);
    }

    private static void check(String name, ToDoubleFunction<Trajectory> q, DmftResult dmft,
            ToDoubleFunction<Curves> c, List<Integer> widths, List<Ensemble> ensembles) {
        PooledSeedErrors seeds = PooledSeedErrors.of(ensembles, q);
        WidthSeriesFit fit = WidthSeriesFit.of(widths, seeds.means(), seeds.errors(), 2);
        double theory = c.applyAsDouble(dmft.full());
        double theoryError = Math.hypot(c.applyAsDouble(dmft.fullError()),
                c.applyAsDouble(dmft.smoothing().extrapolationError()));
        double sigma = Math.hypot(fit.errors()[0], theoryError);
        double pull = (fit.coefficients()[0] - theory) / sigma;
        System.out.printf("%s: trained %.5f +- %.1e, DMFT %.5f +- %.1e, pull %.2f%n", name, fit.coefficients()[0],
                fit.errors()[0], theory, theoryError, pull);
        assertTrue(Math.abs(pull) < 3, name + ": extrapolated " + fit.coefficients()[0] + " +- " + fit.errors()[0]
                + ", DMFT " + theory + " +- " + theoryError + ", pull " + pull);
    }
}
