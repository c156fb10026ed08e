package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class GaussHermiteCalibrationTest {

    /**
     * 1/(1+z^2) = Im(1/(z - i)), so its k-th derivative is (-1)^k k! Im((z - i)^{-(k+1)}); its poles at +-i are
     * closer to the real axis than tanh's.
     */
    private static final ActivationJet LORENTZIAN = (z, out) -> {
        double modulus2 = z * z + 1;
        double re = z / modulus2;
        double im = 1 / modulus2;
        double powRe = re;
        double powIm = im;
        double factorial = 1;
        for (int k = 0; k < out.length; k++) {
            out[k] = (k % 2 == 0 ? 1 : -1) * factorial * powIm;
            double nextRe = powRe * re - powIm * im;
            double nextIm = powRe * im + powIm * re;
            powRe = nextRe;
            powIm = nextIm;
            factorial *= k + 1;
        }
    };

    @Test
    void tanhKeepsTheDefaultNodeCount() {
        assertEquals(GaussHermiteMoments.DEFAULT_NODES,
                GaussHermiteMoments.calibrated(TestJets.TANH).nodesPerDimension());
    }

    @Tag("slow")
    @Test
    void anActivationWithPolesCloserToTheAxisGetsMoreNodesAndMeetsTheAccuracyTarget() {
        GaussHermiteMoments calibrated = GaussHermiteMoments.calibrated(LORENTZIAN);
        assertTrue(calibrated.nodesPerDimension() > GaussHermiteMoments.DEFAULT_NODES);
        GaussHermiteMoments reference = new GaussHermiteMoments(LORENTZIAN, 1200);
        double[][] k = {{0.8, 0.4}, {0.4, 1.0}};
        int[] powers = {1, 1};
        double exact = reference.expect(k, powers, new int[] {0, 0});
        assertEquals(exact, calibrated.expect(k, powers, new int[] {0, 0}), 1e-10 * Math.abs(exact));
        double defaultError = Math.abs(new GaussHermiteMoments(LORENTZIAN).expect(k, powers, new int[] {0, 0}) - exact);
        assertTrue(defaultError > 1e-10 * Math.abs(exact), "the default count alone would already do: " + defaultError);
    }
}
