package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.sampling.Comparison;
import org.feynet.sampling.ComparisonResult;
import org.feynet.sampling.ComponentComparison;
import org.feynet.sampling.WidthSeriesFit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The predictions for a tanh network (two inputs, L = 5, derived to order 1/n^2) against sampled real networks,
 * with tolerances from the sampling's standard errors, sharp enough that a K1 off by a factor of 2 or 1/2 fails.
 */
@Tag("slow")
class TanhSamplingTest {

    private static final List<Integer> WIDTHS = List.of(12, 16, 24, 32, 48);
    private static final int LAST = 5;

    private static MetricStatistics theory;
    private static ComparisonResult result;

    @BeforeAll
    static void sample() {
        double[][] gram = {{1.0, 0.5}, {0.5, 0.8}};
        Subject.Network network = Pipeline.parse("tanh.fnet", Models.mlp("tanh5", "tanh(z)", 0.0, 1.0, LAST, gram, 2));
        theory = Pipeline.evaluate(network, false);
        result = Comparison.of(network.model(), theory).widths(WIDTHS).networks(40000).seed(7).progress(false).run();
        System.out.print(result.table(LAST));
    }

    /** Every layer: the free fits mean(n) = A + B/n + C/n^2 and n Cov(n) = D + E/n agree within four errors. */
    @Test
    void freeWidthFitsAgreeWithTheDerivedStatisticsAtEveryLayer() {
        for (int layer = 2; layer <= LAST; layer++) {
            for (ComponentComparison c : result.components(layer)) {
                assertTrue(c.maxAbsPull() < 4, c.label() + " at layer " + layer + ": pull " + c.maxAbsPull());
            }
        }
    }

    /**
     * K1 at the last layer, sharply: with K0 and K2 known (K0 is checked against closed forms, K2 against 10^6
     * networks elsewhere), y(n) = n (mean(n) - K0) - K2/n = K1 + K3/n^2 + ... is fitted as K1 + c/n^2, which measures
     * K1 to better than a tenth of its size. The derived K1 must lie within four errors, and K1 doubled or halved
     * must lie more than four errors away, so that this test fails for a K1 off by either factor.
     */
    @Test
    void meanCorrectionIsMeasuredToAnEighthAndAgrees() {
        for (ComponentComparison c : result.components(LAST)) {
            if (c.kind() != ComponentComparison.Kind.MEAN) {
                continue;
            }
            int a = c.indices().get(0);
            int b = c.indices().get(1);
            double k0 = theory.layer(LAST).get(Statistic.K0, a, b);
            double k1 = theory.layer(LAST).get(Statistic.K1, a, b);
            double k2 = theory.layer(LAST).get(Statistic.K2, a, b);
            double[] y = new double[WIDTHS.size()];
            double[] errors = new double[WIDTHS.size()];
            for (int i = 0; i < WIDTHS.size(); i++) {
                int n = WIDTHS.get(i);
                y[i] = n * (c.sampled()[i] - k0) - k2 / n;
                errors[i] = n * c.errors()[i];
            }
            List<Integer> squares = WIDTHS.stream().map(n -> n * n).toList();
            WidthSeriesFit fit = WidthSeriesFit.of(squares, y, errors, 2);
            double measured = fit.coefficients()[0];
            double error = fit.errors()[0];
            String what = c.label() + ": K1 measured " + measured + " +- " + error + ", derived " + k1;
            assertTrue(error < Math.abs(k1) / 8, what);
            assertTrue(Math.abs(measured - k1) < 4 * error, what);
            assertTrue(Math.abs(measured - 2 * k1) > 4 * error, what + " (cannot tell K1 from 2 K1)");
            assertTrue(Math.abs(measured - k1 / 2) > 4 * error, what + " (cannot tell K1 from K1/2)");
        }
    }

    /** V4 at the last layer is measured to a fifth of its size by the free fit. */
    @Test
    void fourPointVertexIsWellMeasured() {
        for (ComponentComparison c : result.components(LAST)) {
            if (c.kind() == ComponentComparison.Kind.COVARIANCE) {
                assertTrue(c.fit().errors()[0] < Math.abs(c.theory()[0]) / 5, c.label() + ": V4 poorly measured");
            }
        }
    }
}
