package org.feynet.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.numerics.MetricStatistics;
import org.feynet.sampling.Comparison;
import org.feynet.sampling.ComparisonResult;
import org.feynet.sampling.ComponentComparison;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dNTK (P, Q) and ddNTK (R, S, T, U) recursions against real networks whose differentials are computed by exact
 * automatic differentiation ({@link org.feynet.sampling.DntkSampler}), for a smooth odd activation, a smooth one
 * without symmetry and relu. At every layer and every independent component the sampled n E[...] is fitted over the
 * widths by D + E/n and D compared with the prediction.
 *
 * <p>Tolerance: with about 300 components per activation, correlated within a layer, the largest of that many
 * standard normal pulls stays below 4 with probability above 0.98; a wrong term in a recursion (a factor 2, a missing
 * source) moves its components by many standard errors at 2000 networks per width (the errors are 1 to 5 percent of
 * the values at the last layer).
 */
@Tag("slow")
class DntkSamplingTest {

    private static MlpModel model(String activation) {
        String text = "network m {\n  width n\n  depth L = 3\n  activation sigma(z) = " + activation + "\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.15, Cw = 1.4\n"
                + "  learning rates lambda_b = 0.3, lambda_W = 1.2\n"
                + "  input x = [[1.0, 0.5, -0.3], [0.2, -1.1, 0.7]]\n"
                + "  z[1] = b[1] + W[1] . x\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\n"
                + "derive ddntk to order 1/n\n";
        return ModelReader.parse("m.fnet", text).networks().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh(z)", "0.5*z*(1 + erf(z/sqrt(2)))", "relu(z)"})
    void everyDifferentialAgreesWithSampledNetworks(String activation) {
        MlpModel model = model(activation);
        MetricStatistics theory = Pipeline.evaluate(new Subject.Network(Path.of("m.fnet"), "", model), false);
        ComparisonResult result = Comparison.of(model, theory).widths(List.of(32, 64, 128, 256)).networks(2000)
                .seed(11).progress(false).run();
        int compared = 0;
        for (int l = 2; l <= model.depth(); l++) {
            for (ComponentComparison c : result.components(l)) {
                if (c.kind().differential() == null) {
                    continue;
                }
                compared++;
                assertFalse(Double.isNaN(c.pulls()[0]), c.label());
                assertTrue(Math.abs(c.pulls()[0]) < 4, activation + " layer " + l + " " + c.label() + ": theory "
                        + c.theory()[0] + ", fit " + c.fit().coefficients()[0] + " +- " + c.fit().errors()[0]);
            }
        }
        assertTrue(compared > 100, "compared " + compared);
    }
}
