package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.feynet.lang.ModelReader;
import org.feynet.model.ActivationSlope;
import org.feynet.model.KinkSmoothing;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.junit.jupiter.api.Test;

/**
 * The smoothing of kinks ({@link KinkSmoothing}) against the softplus written out, and the extrapolation weights of
 * {@link KinkLimit} against polynomials they must reproduce exactly.
 */
class KinkLimitTest {

    private static ScalarExpr activation(String sigma) {
        return ModelReader.parse("k.fnet", "network m {\n  width n\n  depth L = 1\n  activation sigma(z) = " + sigma
                + "\n  init W ~ normal(0, 1)\n  input x = [[1, 0]]\n  z[1] = W[1] . x / sqrt(n0)\n"
                + "  output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = 1\n}\n"
                + "train m {\n  targets y = [1]\n  loss mse\n  gradient flow with rate gamma0^2 * n for t = 0 .. 1\n}\n")
                .trainings().get(0).network().activation().expression();
    }

    private static double softplus(double x, double beta) {
        return Math.log1p(Math.exp(beta * x)) / beta;
    }

    /**
     * relu, abs and a leaky relu become their softplus forms (written out here with log1p, evaluated where no
     * overflow occurs) to 1e-12, with slopes sigmoid(beta x) to 1e-12, and approach the kinked activation within
     * log(2) / beta (per kink, times its coefficient).
     */
    @Test
    void kinksBecomeSoftplusOfWidthOneOverBeta() {
        double beta = 16;
        DoubleUnaryOperator relu = ScalarFunction.of(KinkSmoothing.smoothed(activation("relu(z)"), beta));
        DoubleUnaryOperator reluSlope = ActivationSlope.of(KinkSmoothing.smoothed(activation("relu(z)"), beta));
        DoubleUnaryOperator abs = ScalarFunction.of(KinkSmoothing.smoothed(activation("abs(z)"), beta));
        DoubleUnaryOperator leaky = ScalarFunction.of(
                KinkSmoothing.smoothed(activation("relu(z) - 0.2 * relu(-z)"), beta));
        for (double z = -3.05; z < 3; z += 0.1) {
            assertEquals(softplus(z, beta), relu.applyAsDouble(z), 1e-12, "relu at " + z);
            assertEquals(1 / (1 + Math.exp(-beta * z)), reluSlope.applyAsDouble(z), 1e-12, "slope at " + z);
            assertEquals(-z + softplus(2 * z, beta), abs.applyAsDouble(z), 1e-12, "abs at " + z);
            assertEquals(softplus(z, beta) - 0.2 * softplus(-z, beta), leaky.applyAsDouble(z), 1e-12, "leaky at " + z);
            double gap = relu.applyAsDouble(z) - Math.max(0, z);
            assertTrue(gap >= 0 && gap <= Math.log(2) / beta + 1e-15, "gap " + gap + " at " + z);
        }
        assertEquals(50, relu.applyAsDouble(50), 1e-12, "no overflow far from the kink");
        assertEquals(0, relu.applyAsDouble(-50), 1e-12);
    }

    /** The weights at 1/beta = 0 reproduce q_inf exactly for q = q_inf + c1/beta + c2/beta^2 (three rungs). */
    @Test
    void weightsExtrapolateAQuadraticInOneOverBetaExactly() {
        double[] betas = KinkLimit.LADDER;
        double[] w = KinkLimit.weights(betas);
        double sum = 0;
        double value = 0;
        for (int k = 0; k < betas.length; k++) {
            sum += w[k];
            value += w[k] * (0.3 + 1.7 / betas[k] - 4.1 / (betas[k] * betas[k]));
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(0.3, value, 1e-12);
        assertEquals(1.0 / 3, w[0], 1e-12);
        assertEquals(-2, w[1], 1e-12);
        assertEquals(8.0 / 3, w[2], 1e-12);
        double[] two = KinkLimit.weights(new double[] {16, 32});
        assertEquals(-1, two[0], 1e-12);
        assertEquals(2, two[1], 1e-12);
    }

    /** Kinked activations at depth 2 take the smoothed limit by default; at depth 1 (no responses used) Stein. */
    @Test
    void theSmoothedLimitIsTheDefaultForKinksAtDepthTwo() {
        for (String sigma : new String[] {"relu(z)", "abs(z)", "relu(z) - 0.5 * relu(-z)", "relu(z) - 0.4"}) {
            assertEquals(ResponseEstimator.SMOOTHED, Dynamics.responsesFor(Problems.of(2, sigma, 0.5, 1), null), sigma);
            assertEquals(ResponseEstimator.STEIN, Dynamics.responsesFor(Problems.of(1, sigma, 0.5, 1), null), sigma);
        }
        assertEquals(ResponseEstimator.STEIN,
                Dynamics.responsesFor(Problems.of(2, "relu(z)", 0.5, 1), ResponseEstimator.STEIN));
    }
}
