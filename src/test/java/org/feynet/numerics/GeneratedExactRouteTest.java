package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feynet.codegen.Evaluators;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generated exact route (the layer-indexed tensor equations of org.feynet.derive.ResidualSystem for closure
 * exact, written by codegen and fed by {@link ExactResidualMoments}) gives the numbers of the direct evaluation on
 * nested arrays ({@link DirectExactRoute}, the pre-generation code), which shares only the Gaussian integrals with it,
 * for three activations (a kink among them), P = 1 and 2, constant and per-layer eps, at depth 4 (so that the state
 * spans several later layers and D is read at layers l + 2 and beyond). Both sides sum the same products in nearly the
 * same order (the generated side sums second and fourth derivatives over the ordered pairs of a symmetric pair first),
 * so they agree to rounding: 1e-12 of each tensor's largest entry at the layer.
 */
class GeneratedExactRouteTest {

    private static final List<String> GRAMS = List.of("[[0.9]]", "[[1.0, 0.5], [0.5, 0.8]]");
    private static final List<String> SCALES = List.of("0.4", "[0.5, 0.2, 0.7, 0.3]");

    @Test
    void generatedExactRouteMatchesTheDirectEvaluationForTanh() {
        matchesTheDirectEvaluation("tanh(z)");
    }

    @Test
    @Tag("slow")
    void generatedExactRouteMatchesTheDirectEvaluationForErf() {
        matchesTheDirectEvaluation("erf(z)");
    }

    @Test
    @Tag("slow")
    void generatedExactRouteMatchesTheDirectEvaluationForRelu() {
        matchesTheDirectEvaluation("relu(z)");
    }

    private static void matchesTheDirectEvaluation(String activation) {
        for (String gram : GRAMS) {
            for (String scales : SCALES) {
                ResidualModel m = GeneratedResidualClosuresTest.model(activation, gram, scales, 4, Closure.EXACT);
                String where = activation + " " + gram + " eps " + scales;
                GeneratedResidualClosuresTest.assertSame(new DirectExactRoute(m).run(),
                        new ResidualTheory(m).run(Evaluators.residual(Closure.EXACT), null), where);
            }
        }
    }

    /**
     * The compared corrections are not zero: K1 of the metric at layer 3 comes from the cross term (D) and the Hessian
     * term, V4 from C, and the exact route's K1 differs from the regression closure RGM's (so the layer-indexed state
     * matters and the comparison does not pass for a kernel closure's numbers).
     */
    @Test
    void theComparedCorrectionsAreNotZero() {
        ResidualModel m = GeneratedResidualClosuresTest.model("tanh(z)", GRAMS.get(1), "0.4", 3, Closure.EXACT);
        ResidualStatistics s = new ResidualTheory(m).run(Evaluators.residual(Closure.EXACT), null);
        double k1 = s.layers().get(3).metric().k1()[0][1];
        assertTrue(Math.abs(k1) > 1e-4, "K1 " + k1);
        assertTrue(Math.abs(s.layers().get(3).stream().v4()[0][1][0][1]) > 1e-2);
        ResidualModel rgm = GeneratedResidualClosuresTest.model("tanh(z)", GRAMS.get(1), "0.4", 3, Closure.RGM);
        double other = new ResidualTheory(rgm).run(Evaluators.residual(Closure.RGM), null).layers().get(3).metric()
                .k1()[0][1];
        assertTrue(Math.abs(k1 - other) > 1e-3 * Math.abs(k1), k1 + " vs RGM " + other);
    }
}
