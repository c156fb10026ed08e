package org.feynet.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.model.Activation;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.CollectiveFieldTheory;
import org.feynet.numerics.GaussianEngines;
import org.junit.jupiter.api.Test;

/**
 * The collective-field route for a linear weight-tied network (sigma(z) = z, Cb = 0) against the exact finite-n
 * moments from Wick's theorem for Gaussian matrices ({@link GaussianMatrixWick}, the formulas of
 * {@link TiedSamplerTest}): with m = t - 1,
 * <pre>
 *   E[R^(t)_ab] = K_ab Cw^m n^(-m-1) E tr((G^m)^T G^m),
 *   n Cov(R_ab, R_cd) = Cw^(2m) n^(-2m-1) [E tr(((G^m)^T G^m)^2) (K_ac K_bd + K_ad K_bc) + Var tr((G^m)^T G^m) K_ab K_cd].
 * </pre>
 * K1 = lim n (E[R] - K0) and V4 = lim n Cov are taken from these exact polynomials by Richardson extrapolation
 * between n = 10^4 and 2 10^4 (error O(1/n^2) ~ 1e-8). Here Sigma = Cov(O) is singular (phi = z, so the phi-pairs of
 * steps 2..T-1 equal the z-pairs), which the route must handle. Tolerance: 4.5 quasi-Monte Carlo standard errors plus
 * 1e-6; the errors must be below 2% of the values compared, so the check is not empty.
 */
class CollectiveFieldWickTest {

    private static final double[][] GRAM = {{1.0, 0.5}, {0.5, 0.8}};
    private static final double CW = 1.3;
    private static final int STEPS = 4;

    @Test
    void linearTiedNetworkMatchesWickAtOrderOneOverN() {
        Activation linear = Networks.linear();
        CollectiveFieldTheory.Result field = CollectiveFieldTheory.evaluate(ScalarFunction.of(linear.expression()),
                GaussianEngines.forActivation(linear, Evaluators.jet(new ActivationCalculus(linear))), 0, CW, GRAM,
                STEPS, true, new CollectiveFieldTheory.Quadrature(16, 1 << 13, 5));
        double scale = 0;
        for (int t = 2; t <= STEPS; t++) {
            int m = t - 1;
            double k1 = GaussianMatrixWick.richardson(n -> n * (Math.pow(CW, m) * Math.pow(n, -m - 1)
                    * GaussianMatrixWick.traceOfPowers(true, m, m, n) - Math.pow(CW, m)));
            double pairCoefficient = GaussianMatrixWick.richardson(n -> Math.pow(CW, 2 * m) * Math.pow(n, -2 * m - 1)
                    * GaussianMatrixWick.traceOfSquare(true, m, n));
            double productCoefficient = GaussianMatrixWick.richardson(n -> {
                double trace = GaussianMatrixWick.traceOfPowers(true, m, m, n);
                return Math.pow(CW, 2 * m) * Math.pow(n, -2 * m - 1)
                        * (GaussianMatrixWick.squareOfTrace(true, m, n) - trace * trace);
            });
            CollectiveFieldTheory.Step step = field.step(t);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertEquals(Math.pow(CW, m) * GRAM[a][b], step.k0()[a][b], 1e-12);
                    assertEquals(k1 * GRAM[a][b], step.k1()[a][b], 4.5 * step.k1Error()[a][b] + 1e-6,
                            "K1[" + a + b + "] at step " + t);
                    for (int c = 0; c < 2; c++) {
                        for (int d = 0; d < 2; d++) {
                            double exact = pairCoefficient * (GRAM[a][c] * GRAM[b][d] + GRAM[a][d] * GRAM[b][c])
                                    + productCoefficient * GRAM[a][b] * GRAM[c][d];
                            double error = step.v4Error()[a][b][c][d];
                            assertEquals(exact, step.v4()[a][b][c][d], 4.5 * error + 1e-6,
                                    "V4[" + a + b + c + d + "] at step " + t);
                            assertTrue(error < 0.02 * Math.abs(exact) + 1e-9, "V4 error " + error);
                            scale = Math.max(scale, Math.abs(exact));
                        }
                    }
                }
            }
        }
        assertTrue(scale > 1, "V4 is of order Cw^(2m) (K K + K K)");
    }
}
