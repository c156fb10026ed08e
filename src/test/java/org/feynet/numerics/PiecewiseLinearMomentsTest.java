package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiecewiseLinearMomentsTest {

    private static final double[][] K = {{1.0, 0.4, -0.3}, {0.4, 0.8, 0.2}, {-0.3, 0.2, 1.3}};

    @Test
    void slopesAreRecognisedOnlyForKinksAtTheOrigin() {
        assertArrayEquals(new double[] {1, 1}, PiecewiseLinearMoments.slopes(Math::abs).orElseThrow(), 0);
        assertArrayEquals(new double[] {1, -0.1},
                PiecewiseLinearMoments.slopes(z -> Math.max(z, 0.1 * z)).orElseThrow(), 1e-15);
        assertTrue(PiecewiseLinearMoments.slopes(z -> Math.max(0, z - 1)).isEmpty());
        assertTrue(PiecewiseLinearMoments.slopes(z -> Math.abs(z) * z).isEmpty());
        assertArrayEquals(new double[] {1, -1, 2}, PiecewiseLinearMoments.shape(z -> Math.abs(z) * z).orElseThrow(), 0);
        assertArrayEquals(new double[] {1, 0, 2},
                PiecewiseLinearMoments.shape(z -> Math.pow(Math.max(0, z), 2)).orElseThrow(), 0);
        assertTrue(PiecewiseLinearMoments.shape(z -> Math.max(0, z) * z * z + z).isEmpty());
        assertTrue(PiecewiseLinearMoments.slopes(Math::tanh).isEmpty());
    }

    @Test
    void identityWrittenWithKinksReproducesTheLinearMoments() {
        PiecewiseLinearMoments identity = new PiecewiseLinearMoments(1, -1);
        LinearMoments exact = new LinearMoments();
        int[][] powers = {{1, 1, 0}, {2, 1, 1}, {1, 1, 1}, {2, 2, 0}};
        int[][] derivatives = {{0, 0, 0}, {1, 1, 0}, {1, 0, 0}, {2, 0, 0}};
        for (int i = 0; i < powers.length; i++) {
            double expected = exact.expect(K, powers[i], derivatives[i]);
            assertEquals(expected, identity.expect(K, powers[i], derivatives[i]), 1e-11 * (1 + Math.abs(expected)));
        }
    }

    @Test
    void absoluteValueMatchesItsClosedForms() {
        PiecewiseLinearMoments abs = new PiecewiseLinearMoments(1, 1);
        double[][] two = {{1.0, 0.4}, {0.4, 0.8}};
        double rho = 0.4 / Math.sqrt(0.8);
        // E|z1 z2| = (2/pi) sqrt(K11 K22) (sqrt(1 - rho^2) + rho asin rho)
        double expected = 2 / Math.PI * Math.sqrt(0.8) * (Math.sqrt(1 - rho * rho) + rho * Math.asin(rho));
        assertEquals(expected, abs.expect(two, new int[] {1, 1}, new int[] {0, 0}), 1e-12);
        // sign(z1) sign(z2) has expectation (2/pi) asin rho
        assertEquals(2 / Math.PI * Math.asin(rho), abs.expect(two, new int[] {1, 1}, new int[] {1, 1}), 1e-12);
    }

    /** z|z| = relu(z)^2 - relu(-z)^2: its moments follow from the odd powers of z times signs, checked on z^2 sign. */
    @Test
    void squaredPowersMatchTheirOneSampleClosedForms() {
        PiecewiseLinearMoments squaredRelu = new PiecewiseLinearMoments(1, 0, 2);
        double k = 1.3;
        // E[relu(z)^4] = 3 K^2 / 2, E[(relu^2)''] = E[2 theta] = 1
        assertEquals(1.5 * k * k, squaredRelu.expect(new double[][] {{k}}, new int[] {2}, new int[] {0}), 1e-12);
        assertEquals(1.0, squaredRelu.expect(new double[][] {{k}}, new int[] {1}, new int[] {2}), 1e-12);
        PiecewiseLinearMoments zAbsZ = new PiecewiseLinearMoments(1, -1, 2);
        // (z|z|)^2 = z^4: E = 3 K^2; (z|z|)' = 2|z|: E = 2 sqrt(2K/pi)
        assertEquals(3 * k * k, zAbsZ.expect(new double[][] {{k}}, new int[] {2}, new int[] {0}), 1e-12);
        assertEquals(2 * Math.sqrt(2 * k / Math.PI), zAbsZ.expect(new double[][] {{k}}, new int[] {1}, new int[] {1}),
                1e-12);
    }
}
