package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.feynet.lang.ModelReader;
import org.feynet.model.FieldTheory;
import org.feynet.theory.Monomial;
import org.feynet.theory.Polynomial;
import org.feynet.theory.TheoryExpansion;
import org.feynet.theory.TheoryResult;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * The large-N route of the O(N) model S = phi.phi/2 + lambda/(8N) (phi.phi)^2 (examples/on_model.fnet) against two
 * independent evaluations: the exact finite-N integral (a one-dimensional quadrature in rho = phi.phi/N) and the
 * perturbative series of feynet's diagram engine.
 */
class VectorModelLargeNTest {

    private static VectorModelLargeN.Result onModel(double lambda) {
        return VectorModelLargeN.evaluate(new VectorModelLargeN.Action(1, new double[] {0, 0, lambda / 8}));
    }

    /**
     * Exact moments E[rho], Var(rho) at finite N for S = phi.phi/2 + N U(phi.phi/N): the density of rho = r^2/N is
     * proportional to rho^(N/2 - 1) exp(-N (rho/2 + U(rho))) (the radial integral int r^(N-1) ... dr), integrated by
     * the trapezoidal rule on a window of +-40 widths about the mode (located on a grid, the width from the
     * curvature of the log density there); exponentially accurate, since the integrand and its derivatives vanish at
     * both ends.
     */
    private static double[] exact(int n, DoubleUnaryOperator u) {
        double a = n / 2.0 - 1;
        DoubleUnaryOperator log = rho -> a * Math.log(rho) - n * (rho / 2 + u.applyAsDouble(rho));
        double mode = 1e-3;
        for (double rho = 1e-3; rho < 10; rho += 1e-4) {
            if (log.applyAsDouble(rho) > log.applyAsDouble(mode)) {
                mode = rho;
            }
        }
        double step = 1e-4;
        double curvature = (log.applyAsDouble(mode + step) - 2 * log.applyAsDouble(mode) + log.applyAsDouble(mode - step))
                / (step * step);
        double width = 1 / Math.sqrt(-curvature);
        double lo = Math.max(0, mode - 40 * width);
        double hi = mode + 40 * width;
        int points = 40000;
        double h = (hi - lo) / points;
        double peak = log.applyAsDouble(mode);
        double z = 0;
        double m1 = 0;
        double m2 = 0;
        for (int k = 0; k <= points; k++) {
            double rho = lo + k * h;
            if (rho <= 0) {
                continue;
            }
            double w = Math.exp(log.applyAsDouble(rho) - peak) * (k == 0 || k == points ? 0.5 : 1);
            z += w;
            m1 += w * rho;
            m2 += w * rho * rho;
        }
        double mean = m1 / z;
        return new double[] {mean, m2 / z - mean * mean};
    }

    private static double[] exact(int n, double lambda) {
        return exact(n, rho -> lambda * rho * rho / 8);
    }

    @Test
    void closedFormsOfTheOnModel() {
        for (double lambda : new double[] {0.1, 0.5, 2, 10}) {
            double s = (Math.sqrt(1 + 2 * lambda) - 1) / lambda;
            VectorModelLargeN.Result r = onModel(lambda);
            assertEquals(s, r.saddle(), 1e-14 * s, "rho* at lambda = " + lambda);
            assertEquals(-2 * s * (1 - s) / ((2 - s) * (2 - s)), r.meanShift(), 1e-13, "K1 at lambda = " + lambda);
            assertEquals(2 * s * s / (2 - s), r.variance(), 1e-13, "V at lambda = " + lambda);
            assertFalse(r.metastable());
        }
    }

    /**
     * (a) E[rho] at N = 50, 100, 200, 400 against rho* + K1/N: the residual times N^2 is bounded and settles
     * (log-log slope of |residual| between N = 200 and 400 within 0.05 of -2, measured -1.997; N^2 residual 0.1170 and
     * 0.1172 at N = 200, 400 for lambda = 0.5, agreeing within 2%), at a coupling inside (0.5) and outside (2) the
     * perturbative series' radius of convergence 1/2. The quadrature is exact to ~1e-13, far below the smallest
     * residual (7e-7 at N = 400). N Var(rho) tends to V with a residual below 1/N (0.014 at N = 50).
     */
    @Test
    void largeNMatchesTheExactIntegralWithAnOneOverNSquaredResidual() {
        int[] sizes = {50, 100, 200, 400};
        for (double lambda : new double[] {0.5, 2}) {
            VectorModelLargeN.Result r = onModel(lambda);
            double[] residual = new double[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                int n = sizes[k];
                double[] e = exact(n, lambda);
                residual[k] = e[0] - r.mean(n);
                assertEquals(r.variance(), n * e[1], 1.0 / n, "N Var(rho) at N = " + n + ", lambda = " + lambda);
                // the 1/N term itself is resolved: the residual is far below K1/N
                assertTrue(Math.abs(residual[k]) < 0.1 * Math.abs(r.meanShift()) / n,
                        "residual " + residual[k] + " vs K1/N = " + r.meanShift() / n);
            }
            double slope = Math.log(Math.abs(residual[3] / residual[2])) / Math.log(2);
            assertEquals(-2, slope, 0.05, "log-log slope of the residual at lambda = " + lambda);
            double c2 = residual[3] * 400 * 400;
            assertEquals(c2, residual[2] * 200 * 200, 0.02 * Math.abs(c2), "N^2 residual at lambda = " + lambda);
        }
    }

    /**
     * (b) The Taylor coefficients in lambda of rho* and K1, extracted by interpolation at 17 Chebyshev points of
     * [-0.1, 0.1] (negative lambda: the metastable saddle, the analytic continuation; the radius of convergence is
     * 1/2, so the truncation error is ~0.2^17 relative, and the interpolation's conditioning ~1e5 gives an absolute
     * error ~1e-7 on the lambda^4 coefficient), equal the coefficients of N^0 and N^-1 in the perturbative series
     * of <phi[1] phi[1]> that the diagram engine derives for examples/on_model.fnet (orders lambda .. lambda^4).
     */
    @Test
    void lambdaExpansionReproducesTheDiagramSeries() {
        FieldTheory theory = ModelReader.read(Path.of("examples/on_model.fnet")).theories().get(0);
        TheoryResult series = new TheoryExpansion(theory).compute(theory.requests().get(0));
        double[][] b = TaylorCoefficients.of(lambda -> {
            VectorModelLargeN.Result r = onModel(lambda);
            assertEquals(lambda < 0, r.metastable());
            return new double[] {r.saddle(), r.meanShift()};
        }, 16, 0.1);
        double[] b0 = b[0];
        double[] b1 = b[1];
        Polynomial p = series.series();
        int checked = 0;
        for (Map.Entry<Monomial, BigFraction> e : p.terms().entrySet()) {
            int power = e.getKey().power(0);
            int size = e.getKey().size();
            double expected = e.getValue().doubleValue();
            double[] coefficients = size == 0 ? b0 : b1;
            assertTrue(size == 0 || size == -1, "power of N " + size);
            assertEquals(expected, coefficients[power], 1e-5,
                    "coefficient of lambda^" + power + " N^" + size);
            checked++;
        }
        assertEquals(9, checked, "terms 1, lambda..lambda^4 at N^0 and lambda..lambda^4 at N^-1");
        for (int power = 1; power <= 4; power++) {
            assertTrue(p.coefficient(new Monomial(new int[] {power}, -1)).doubleValue() != 0);
        }
        assertEquals(0, b1[0], 1e-12, "no 1/N correction in the free theory");
    }

    @Test
    void anActionWithoutAStableSaddleIsReported() {
        // U = -rho^2: unbounded below, and 1/rho = 1 - 4 rho has roots only where F has maxima or none at all
        assertThrows(NumericalTrouble.class,
                () -> VectorModelLargeN.evaluate(new VectorModelLargeN.Action(1, new double[] {0, 0, -1})));
    }

    /**
     * U = lambda rho^2/8 + g rho^3 has H3 = 6 g != 0, which exercises the cubic-vertex term of {@link OneLoop}: the
     * residual of rho* + K1/N against the exact integral still falls as 1/N^2 (slope within 0.1 of -2 between
     * N = 200 and 400), which it would not if either one-loop term were wrong (a wrong K1 leaves a 1/N residual).
     */
    @Test
    void aCubicVertexPotentialMatchesTheExactIntegral() {
        double lambda = 0.5;
        double g = 0.3;
        VectorModelLargeN.Result r = VectorModelLargeN.evaluate(
                new VectorModelLargeN.Action(1, new double[] {0, 0, lambda / 8, g}));
        assertTrue(r.h3() != 0);
        double s = r.saddle();
        assertEquals(1 / s, 1 + lambda * s / 2 + 6 * g * s * s, 1e-13, "gap equation 1/rho* = 1 + 2 U'(rho*)");
        double[] residual = new double[2];
        int[] sizes = {200, 400};
        for (int k = 0; k < 2; k++) {
            residual[k] = exact(sizes[k], rho -> lambda * rho * rho / 8 + g * rho * rho * rho)[0] - r.mean(sizes[k]);
            assertTrue(Math.abs(residual[k]) < 0.1 * Math.abs(r.meanShift()) / sizes[k]);
        }
        assertEquals(-2, Math.log(Math.abs(residual[1] / residual[0])) / Math.log(2), 0.1);
    }
}
