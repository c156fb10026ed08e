package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** The spectral residual decay against gradient flow integrated directly, and the refusal of singular Grams. */
class NtkSpectrumTest {

    static final double[][] THETA = {{2.0, 0.7, 0.3, 0.1}, {0.7, 1.5, 0.4, 0.2}, {0.3, 0.4, 1.2, 0.5},
            {0.1, 0.2, 0.5, 0.9}};
    static final double[] Y = {1.0, -0.4, 0.6, 0.2};

    /**
     * df/dt = -(1/P) Theta (f - y) from f = 0, integrated by Dormand–Prince 8(5,3) to 1e-12: ||f(t) - y||^2 / ||y||^2
     * matches the eigen-expansion to 1e-9.
     */
    @Test
    void residualDecayIsGradientFlow() {
        NtkSpectrum spectrum = NtkSpectrum.of(THETA);
        double[] times = {0, 0.5, 2, 7};
        double[] predicted = spectrum.residual(Y, times);
        int p = Y.length;
        OrdinaryDifferentialEquation flow = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return p;
            }

            @Override
            public double[] computeDerivatives(double t, double[] f) {
                double[] df = new double[p];
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        df[a] -= THETA[a][b] * (f[b] - Y[b]) / p;
                    }
                }
                return df;
            }
        };
        double norm = 0;
        for (double y : Y) {
            norm += y * y;
        }
        for (int i = 0; i < times.length; i++) {
            double[] f = new double[p];
            if (times[i] > 0) {
                f = new DormandPrince853Integrator(1e-6, 1, 1e-13, 1e-13)
                        .integrate(flow, new ODEState(0, new double[p]), times[i]).getPrimaryState();
            }
            double r2 = 0;
            for (int a = 0; a < p; a++) {
                r2 += (f[a] - Y[a]) * (f[a] - Y[a]);
            }
            assertEquals(r2 / norm, predicted[i], 1e-9, "t = " + times[i]);
        }
        double[] values = spectrum.eigenvalues();
        double trace = 0;
        for (int k = 0; k < p; k++) {
            trace += values[k];
            if (k > 0) {
                assertEquals(true, values[k] <= values[k - 1], "descending");
            }
        }
        assertEquals(2.0 + 1.5 + 1.2 + 0.9, trace, 1e-12);
    }

    @Test
    void singularOrNonFiniteGramsAreNumericalTrouble() {
        assertThrows(NumericalTrouble.class, () -> NtkSpectrum.of(new double[][] {{1, 1}, {1, 1}}));
        assertThrows(NumericalTrouble.class, () -> NtkSpectrum.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
    }
}
