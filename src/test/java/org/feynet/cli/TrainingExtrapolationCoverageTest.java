package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.feynet.training.Ensemble;
import org.feynet.training.Observation;
import org.feynet.training.PooledSeedErrors;
import org.feynet.training.Trajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The n -&gt; infinity extrapolation of {@code compare} of a train block states honest errors: on synthetic ensembles
 * drawn from the law of trained networks (seed means q_inf + c/n, Gaussian spread sd = s / sqrt(n), the law measured
 * on tanh networks of widths 64 to 2048, docs/METHOD.md) with the default design (widths 256 to 2048, 4 seeds) and
 * that of issue 12 (256 to 1024, 6 seeds), the pulls (q_fit - q_inf) / se over 4000 experiments must be standard
 * normal within their sampling error: rms in [0.9, 1.1] (its sampling error about 0.012), P(|pull| &gt; 2) in [0.03,
 * 0.065] (normal 0.0455, sampling error 0.0033) and P(|pull| &gt; 3) below 0.012 (normal 0.0027; Student t with the
 * pooled 12 to 15 degrees of freedom 0.011 to 0.009, which the chi^2 scale factor narrows). Measured: rms 0.96 and
 * 0.98, P(&gt; 2) 0.044 and 0.052, P(&gt; 3) 0.004 and 0.007. Fits weighted by each width's own few-seed standard
 * error fail (rms 1.28 and 1.10, P(&gt; 2) 0.107 and 0.073, P(&gt; 3) 0.031 and 0.018), which is how the DMFT looked 3.5
 * to 5 standard errors off.
 */
class TrainingExtrapolationCoverageTest {

    private static final int EXPERIMENTS = 4000;
    private static final ToDoubleFunction<Trajectory> LOSS = r -> r.observations().get(0).loss();

    @ParameterizedTest(name = "widths {0}, {1} seeds")
    @CsvSource({"256;512;1024;2048, 4", "256;512;1024, 6"})
    void extrapolatedPullsAreStandardNormal(String widthList, int seeds) {
        double infinite = 0.19;
        double slope = 0.5;
        double spread = 0.086;
        SplittableRandom random = new SplittableRandom(20261202L + seeds);
        double sumSquares = 0;
        int beyondTwo = 0;
        int beyondThree = 0;
        for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
            List<Ensemble> ensembles = new ArrayList<>();
            for (String w : widthList.split(";")) {
                int n = Integer.parseInt(w);
                List<Trajectory> runs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    runs.add(run(infinite + slope / n + spread / Math.sqrt(n) * gaussian(random)));
                }
                ensembles.add(new Ensemble(n, runs));
            }
            TrainingComparison.Extrapolation fit = TrainingComparison.Extrapolation.of(ensembles,
                    PooledSeedErrors.of(ensembles, LOSS));
            double pull = (fit.value() - infinite) / fit.error();
            sumSquares += pull * pull;
            beyondTwo += Math.abs(pull) > 2 ? 1 : 0;
            beyondThree += Math.abs(pull) > 3 ? 1 : 0;
        }
        double rms = Math.sqrt(sumSquares / EXPERIMENTS);
        double two = beyondTwo / (double) EXPERIMENTS;
        double three = beyondThree / (double) EXPERIMENTS;
        String summary = String.format("rms pull %.3f, P(|pull| > 2) = %.4f, P(|pull| > 3) = %.4f", rms, two, three);
        assertTrue(rms > 0.9 && rms < 1.1, summary);
        assertTrue(two > 0.03 && two < 0.065, summary);
        assertTrue(three < 0.012, summary);
    }

    /** A trajectory whose only observation has loss {@code value}. */
    private static Trajectory run(double value) {
        Observation o = new Observation(new double[1], value, new double[1][1], new double[0][][], new double[0][][]);
        return new Trajectory(new double[1], List.of(o), new double[0][][]);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
