package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turned quadrature grids of {@link GaussianPairs} (for the nearly singular covariances of the NTK's coupled
 * copies) against an independent integration: the trapezoid rule in the coordinates (s, e) = the sum and the
 * difference, which converges geometrically for these analytic integrands.
 */
class TurnedGridTest {

    /** E[tanh(z_a) tanh(z_b)] (and E[tanh(z_a)^2]) for Var z = k, Cov = k - d, by the trapezoid rule. */
    static double[] reference(double k, double d) {
        double ss = Math.sqrt(k - d / 2);
        double se = Math.sqrt(d / 2);
        double h = 0.02;
        double same = 0;
        double cross = 0;
        for (double x = -13; x <= 13; x += h) {
            for (double y = -13; y <= 13; y += h) {
                double w = Math.exp(-(x * x + y * y) / 2) / (2 * Math.PI) * h * h;
                double a = Math.tanh(ss * x + se * y);
                double b = Math.tanh(ss * x - se * y);
                same += w * a * a;
                cross += w * a * b;
            }
        }
        return new double[] {same, cross};
    }

    @Test
    void nearlyEqualCopiesAreIntegratedAccurately() {
        double k = 3.3;
        double d = 0.05;
        double[] expected = reference(k, d);
        double[][] cov = {{k, k - d}, {k - d, k}};
        GaussianPairs turned = new GaussianPairs(Math::tanh, 2, 20, 60, 20, 20, true);
        double[] mean = turned.single(cov, StreamFunction.symmetric(StreamFunction.Kind.SS, 2)).mean();
        assertEquals(expected[0], mean[0], 1e-10);
        assertEquals(expected[1], mean[1], 1e-10);
        // the quantity the NTK needs: the difference quotient, here (E[s_a s_a] - E[s_a s_b]) / d
        assertEquals((expected[0] - expected[1]) / d, (mean[0] - mean[1]) / d, 1e-8);
    }

    /** Turning keeps the Hermite weights of the derivatives: E[d_a d_b g] agrees with the plain grid. */
    @Test
    void derivativesAgreeWithThePlainGrid() {
        double[][] cov = {{1.0, 0.4}, {0.4, 0.8}};
        List<StreamFunction> ss = StreamFunction.symmetric(StreamFunction.Kind.SS, 2);
        GaussianPairs.Single plain = new GaussianPairs(Math::tanh, 2, 20, 80).single(cov, ss);
        GaussianPairs.Single turned = new GaussianPairs(Math::tanh, 2, 20, 80, 20, 20, true).single(cov, ss);
        for (int f = 0; f < ss.size(); f++) {
            assertEquals(plain.mean()[f], turned.mean()[f], 1e-10);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(plain.second()[f][a][b], turned.second()[f][a][b], 1e-8, "second " + f + a + b);
                }
            }
        }
    }
}
