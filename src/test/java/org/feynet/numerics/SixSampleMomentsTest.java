package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The six-point cumulant T6 at order 1/n^2 has up to six distinct samples: the Gauss-Hermite engine handles five and
 * six, checked against the exact linear (Isserlis) and sin (characteristic function) engines.
 */
class SixSampleMomentsTest {

    private static double[][] kernel(int k) {
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                c[i][j] = i == j ? 0.6 + 0.1 * i : 0.25 + 0.02 * (i + j);
            }
        }
        return c;
    }

    @Tag("slow")
    @Test
    void fiveAndSixSampleMomentsMatchTheExactEngines() {
        GaussHermiteMoments linear = new GaussHermiteMoments(TestJets.LINEAR);
        GaussHermiteMoments sin = new GaussHermiteMoments(TestJets.SIN);
        for (int k = 5; k <= 6; k++) {
            double[][] c = kernel(k);
            int[] powers = new int[k];
            java.util.Arrays.fill(powers, 1);
            powers[0] = 2;
            int[] derivatives = new int[k];
            derivatives[1] = 1;
            double exactLinear = new LinearMoments().expect(c, powers, derivatives);
            assertEquals(exactLinear, linear.expect(c, powers, derivatives), 1e-10 * Math.abs(exactLinear) + 1e-13);
            int[] even = new int[k];
            java.util.Arrays.fill(even, 1);
            even[0] = 7 - k;
            double exactSin = new SinMoments().expect(c, even, new int[k]);
            assertTrue(Math.abs(exactSin) > 1e-3, "an even product of sines does not vanish: " + exactSin);
            assertEquals(exactSin, sin.expect(c, even, new int[k]), 1e-9 * Math.abs(exactSin));
        }
    }

    @Test
    void exactReluMomentsWithDeltaFactorsStopAtFourSamples() {
        int[] ones = {1, 1, 1, 1, 1};
        assertThrows(UnsupportedOperationException.class,
                () -> new ReluMoments().expect(kernel(5), ones, new int[] {0, 2, 0, 0, 0}));
        assertTrue(new ReluMoments().expect(kernel(5), ones, new int[5]) > 0, "no derivatives: supported");
    }
}
