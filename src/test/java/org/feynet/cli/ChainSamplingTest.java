package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.numerics.MetricStatistics;
import org.feynet.sampling.Comparison;
import org.feynet.sampling.ComparisonResult;
import org.feynet.sampling.ComponentComparison;
import org.feynet.sampling.NetworkSampler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chain sampler against the derived theory: a tanh network (two inputs, L = 5, order 1/n^2) sampled by the
 * chain at five widths, fitted as mean(n) = A + B/n + C/n^2 and n Cov(n) = D + E/n; at every layer the fits agree
 * with K0, K1 and V4 within four standard errors. The pulls are standard normal when the sampler draws the right law
 * (the fit's free extra coefficient absorbs the first omitted order), so four sigma over the 36 pulls gives a false
 * alarm below 0.3%.
 */
@Tag("slow")
class ChainSamplingTest {

    @Test
    void chainSamplesAgreeWithTheDerivedStatisticsAtEveryLayer() {
        double[][] gram = {{1.0, 0.5}, {0.5, 0.8}};
        Subject.Network network = Pipeline.parse("tanh.fnet", Models.mlp("tanh5", "tanh(z)", 0.0, 1.0, 5, gram, 2));
        MetricStatistics theory = Pipeline.evaluate(network, false);
        ComparisonResult result = Comparison.of(network.model(), theory).widths(List.of(12, 16, 24, 32, 48))
                .networks(40_000).seed(9).method(NetworkSampler.Method.CHAIN).progress(false).run();
        for (int layer = 2; layer <= 5; layer++) {
            for (ComponentComparison c : result.components(layer)) {
                assertTrue(c.maxAbsPull() < 4, c.label() + " at layer " + layer + ": pull " + c.maxAbsPull());
            }
        }
    }
}
