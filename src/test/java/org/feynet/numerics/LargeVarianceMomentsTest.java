package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Gaussian expectations at large variance are accurate or refused, never silently wrong. References are independent
 * of the engines: closed forms for sin, and a composite Simpson rule on a fine grid in z for tanh.
 */
class LargeVarianceMomentsTest {

    /**
     * E[sin z1 sin z2] = (e^{-(K11 + K22 - 2 K12)/2} - e^{-(K11 + K22 + 2 K12)/2}) / 2 and E[cos z1 cos z2] the same with
     * a plus sign. With K11 = K22 = k, K12 = k - 1 and k = 1e15 the exponent of the first term is -1 exactly, but
     * summing w^T K w in floating point loses it to rounding (errors of order 0.1); the engine sums it exactly.
     */
    @Test
    void sinMomentsOfAHugeNearlySingularKernelAreExact() {
        SinMoments sin = new SinMoments();
        for (double k : new double[] {1e12, 1e14, 1e15}) {
            double[][] c = {{k, k - 1}, {k - 1, k}};
            double expected = 0.5 * Math.exp(-1.0); // the second term underflows
            assertEquals(expected, sin.expect(c, new int[] {1, 1}, new int[] {0, 0}), 1e-15 * expected);
            assertEquals(expected, sin.expect(c, new int[] {1, 1}, new int[] {1, 1}), 1e-15 * expected);
        }
    }

    /** The exact quadratic form is used only where rounding could matter; elsewhere the plain sum is the same. */
    @Test
    void quadraticFormIsExactForHugeEntriesAndPlainForSmallOnes() {
        double k = 1e15;
        assertEquals(2.0, SinMoments.quadraticForm(new double[][] {{k, k - 1}, {k - 1, k}}, new double[] {1, -1}), 0);
        // 2^2 0.5 + 2 (2 1 0.3) + 1^2 0.5 = 3.7
        assertEquals(3.7, SinMoments.quadraticForm(new double[][] {{0.5, 0.3}, {0.3, 0.5}}, new double[] {2, 1}), 1e-15);
    }

    /**
     * tanh^2 at variance 30 is within the quadrature's reach and accurate (Simpson on |z| <= 12 sqrt K, 2e6 panels);
     * at variance 1e3, 1e6 and 1e308 the rule cannot resolve tanh and the expectation is refused.
     */
    @Test
    void tanhAtHugeVarianceIsRefusedNotZeroOrWrong() {
        GaussHermiteMoments tanh = new GaussHermiteMoments(TestJets.TANH);
        double k = 30;
        assertEquals(simpsonTanhSquared(k), tanh.expect(new double[][] {{k}}, new int[] {2}, new int[] {0}), 1e-10);
        for (double huge : new double[] {1e3, 1e6, 1e308}) {
            NumericalTrouble e = assertThrows(NumericalTrouble.class,
                    () -> tanh.expect(new double[][] {{huge}}, new int[] {2}, new int[] {0}));
            assertTrue(e.getMessage().contains("Gauss-Hermite nodes per dimension, more than"), e.getMessage());
        }
    }

    private static double simpsonTanhSquared(double variance) {
        double s = Math.sqrt(variance);
        int panels = 2_000_000;
        double a = -12 * s;
        double h = 24 * s / panels;
        double sum = 0;
        for (int i = 0; i <= panels; i++) {
            double z = a + i * h;
            double f = Math.pow(Math.tanh(z), 2) * Math.exp(-z * z / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
            sum += f * (i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
