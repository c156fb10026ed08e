package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collective-field prediction for weight-tied tanh and relu networks (Cb = 0.1, Cw = 1.5, T = 4, two inputs)
 * against sampled weight-tied networks ({@link org.feynet.sampling.TiedSampler}) at widths 32, 64, 128, 256 with
 * 4000 networks each: K1 from the fit n (mean - K0) = K1 + c/n and V4 from n Cov = V4 + c/n, weighted by the batch-means
 * standard errors. Each pull divides by the fit's standard error and the quadrature error in quadrature; with 26
 * compared numbers per activation, fit errors from 32 batches (~13% uncertain) and an O(1/n^2) remainder the fit
 * does not model, |pull| &lt; 4 is the bound (a 4 sigma excursion among 26 normals has probability ~0.2%).
 * Seed fixed (3).
 */
@Tag("slow")
class TiedSamplingTest {

    @ParameterizedTest
    @ValueSource(strings = {"tanh(z)", "max(0, z)"})
    void weightTiedNetworksMatchTheCollectiveFieldPrediction(String activation) {
        String text = String.format(java.util.Locale.ROOT, "network tied {%n  width n%n  depth T = 4%n"
                + "  activation sigma(z) = %s%n  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1.5%n"
                + "  input gram [[1.0, 0.5], [0.5, 0.8]]%n  z[t+1] = b + W . sigma(z[t])   for t = 1 .. T-1%n}%n"
                + "derive metric to order 1/n%n", activation);
        var model = Pipeline.parse("tied.fnet", text).model();
        List<TiedComparison.Row> rows = TiedComparison.rows(model, List.of(32, 64, 128, 256), 4000, 3, false);
        System.out.print(activation + "\n" + TiedComparison.table(rows));
        for (TiedComparison.Row r : rows) {
            assertTrue(Math.abs(r.tiedPull()) < 4, "step " + r.step() + " " + r.statistic() + ": pull "
                    + r.tiedPull());
        }
    }
}
