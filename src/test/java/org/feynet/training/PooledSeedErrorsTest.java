package org.feynet.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.feynet.model.TrainingProblem;
import org.junit.jupiter.api.Test;

/**
 * The pooled seed errors of {@code compare}: the estimator of n Var_n(q) is unbiased under the law Var_n = v / n, and
 * trained networks obey that law.
 */
class PooledSeedErrorsTest {

    private static final ToDoubleFunction<Trajectory> LOSS = r -> r.observations().get(0).loss();

    /**
     * Widths 100, 400, 1600 with 3, 5 and 8 seeds (13 degrees of freedom), spread 2 / sqrt(n): over 2000 experiments
     * the mean of v_hat is 4 within 3 of its standard errors (v sqrt(2/13) / sqrt(2000) = 0.035), and every se_i is
     * sqrt(v_hat / (n_i k_i)).
     */
    @Test
    void pooledVarianceOfAKnownSpreadIsUnbiased() {
        int[] widths = {100, 400, 1600};
        int[] seeds = {3, 5, 8};
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        int experiments = 2000;
        for (int e = 0; e < experiments; e++) {
            List<Ensemble> ensembles = new ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                List<Trajectory> runs = new ArrayList<>();
                for (int s = 0; s < seeds[i]; s++) {
                    runs.add(run(1 + 2 / Math.sqrt(widths[i]) * gaussian(random)));
                }
                ensembles.add(new Ensemble(widths[i], runs));
            }
            PooledSeedErrors pooled = PooledSeedErrors.of(ensembles, LOSS);
            assertEquals(13, pooled.degreesOfFreedom());
            for (int i = 0; i < widths.length; i++) {
                assertEquals(Math.sqrt(pooled.variance() / (widths[i] * seeds[i])), pooled.errors()[i], 1e-15);
                assertEquals(ensembles.get(i).mean(LOSS), pooled.means()[i], 1e-15);
            }
            sum += pooled.variance();
        }
        assertEquals(4, sum / experiments, 3 * 4 * Math.sqrt(2.0 / 13) / Math.sqrt(experiments));
    }

    @Test
    void singleSeedsHaveNoDegreeOfFreedom() {
        List<Ensemble> ensembles = List.of(new Ensemble(10, List.of(run(1))), new Ensemble(20, List.of(run(2))));
        assertThrows(IllegalArgumentException.class, () -> PooledSeedErrors.of(ensembles, LOSS));
    }

    /**
     * Tanh networks (depth 2, gamma0 = 0.7, T = 2) of widths 32 and 256, 40 seeds each: n times the seeds' sample
     * variance of the loss at T/4, of f_1 at T/4 and of K_11 at T agrees between the widths, the ratio within the
     * two-sided 99.9 % interval of F(39, 39), [0.338, 2.96]. A variance independent of n (or falling as 1/n^2) would
     * give a ratio near 8 (1/8).
     */
    @Test
    void seedSpreadOfTrainedNetworksFallsAsOneOverWidth() {
        TrainingProblem problem = GradientFlowTrainerTest.problem("tanh(z)", 2, 2).withGamma0(0.7);
        Ensemble narrow = Ensemble.train(problem, 32, 40, 5, 0.2, 20);
        Ensemble wide = Ensemble.train(problem, 256, 40, 5, 0.2, 20);
        List<ToDoubleFunction<Trajectory>> quantities = List.of(r -> r.observations().get(5).loss(),
                r -> r.observations().get(5).f()[0], r -> r.observations().get(20).ntk()[0][0]);
        for (ToDoubleFunction<Trajectory> q : quantities) {
            double ratio = scaledVariance(wide, q) / scaledVariance(narrow, q);
            assertTrue(ratio > 0.338 && ratio < 2.96, "n Var(256) / n Var(32) = " + ratio);
        }
    }

    private static double scaledVariance(Ensemble e, ToDoubleFunction<Trajectory> q) {
        double se = e.standardError(q);
        return e.width() * se * se * e.runs().size();
    }

    private static Trajectory run(double value) {
        Observation o = new Observation(new double[1], value, new double[1][1], new double[0][][], new double[0][][]);
        return new Trajectory(new double[1], List.of(o), new double[0][][]);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
