package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExactEnginesTest {

    @Test
    void sinMomentsMatchElementaryIntegrals() {
        SinMoments sin = new SinMoments();
        double k = 0.8;
        assertClose(0.5 * (1 - Math.exp(-2 * k)), sin.expect(new double[][] {{k}}, new int[] {2}, new int[] {0}), 1e-15, 0,
            "E sin^2 z");
        assertClose(Math.exp(-k / 2), sin.expect(new double[][] {{k}}, new int[] {1}, new int[] {1}), 1e-15, 0, "E cos z");
        assertClose(2 * Math.exp(-2 * k), sin.expect(new double[][] {{k}}, new int[] {2}, new int[] {2}), 1e-14, 0,
            "E (sin^2)'' = E 2 cos 2z");
        assertEquals(0.0, sin.expect(new double[][] {{k}}, new int[] {1}, new int[] {0}));
        double[][] cov = {{0.7, 0.3}, {0.3, 1.9}};
        assertClose(ClosedFormKernels.sin(0.7, 0.3, 1.9), sin.expect(cov, new int[] {1, 1}, new int[] {0, 0}), 1e-15, 0,
            "two-point function");
    }

    @Test
    void linearMomentsFollowIsserlis() {
        LinearMoments lin = new LinearMoments();
        double[][] cov = {{0.7, 0.3}, {0.3, 1.9}};
        assertClose(3 * 0.49, lin.expect(new double[][] {{0.7}}, new int[] {4}, new int[] {0}), 1e-15, 0, "E z^4 = 3K^2");
        assertClose(0.7 * 1.9 + 2 * 0.09, lin.expect(cov, new int[] {2, 2}, new int[] {0, 0}), 1e-15, 0, "E z1^2 z2^2");
        assertClose(2 * 0.3, lin.expect(cov, new int[] {2, 1}, new int[] {1, 0}), 1e-15, 0, "E[(z1^2)' z2] = 2 K12");
        assertEquals(0.0, lin.expect(cov, new int[] {2, 1}, new int[] {1, 1}), "E[2 z1] = 0");
        assertEquals(0.0, lin.expect(cov, new int[] {1, 1}, new int[] {2, 0}));
        double[][] four = {{1, 0.5, 0.2, 0.1}, {0.5, 1, 0.3, 0.4}, {0.2, 0.3, 1, 0.6}, {0.1, 0.4, 0.6, 1}};
        double wick = 0.5 * 0.6 + 0.2 * 0.4 + 0.1 * 0.3;
        assertClose(wick, lin.expect(four, new int[] {1, 1, 1, 1}, new int[4]), 1e-15, 0, "three pairings");
    }

    @Test
    void closedFormKernelsAgreeWithTheMomentEngines() {
        double[][] ks = {{0.05, 0.02, 0.3}, {1.0, -0.7, 0.9}, {5.0, 4.99, 5.0}, {2.0, 0.0, 3.0}};
        ReluMoments relu = new ReluMoments();
        SinMoments sin = new SinMoments();
        GaussHermiteMoments ghSin = new GaussHermiteMoments(TestJets.SIN);
        GaussHermiteMoments ghErf = new GaussHermiteMoments(TestJets.ERF);
        int[] ones = {1, 1};
        int[] zeros = {0, 0};
        for (double[] k : ks) {
            double[][] cov = {{k[0], k[1]}, {k[1], k[2]}};
            assertClose(ClosedFormKernels.relu(k[0], k[1], k[2]), relu.expect(cov, ones, zeros), 1e-13, 1e-16, "relu");
            assertClose(ClosedFormKernels.sin(k[0], k[1], k[2]), sin.expect(cov, ones, zeros), 1e-14, 1e-16, "sin exact");
            assertClose(ClosedFormKernels.sin(k[0], k[1], k[2]), ghSin.expect(cov, ones, zeros), 1e-9, 1e-12, "sin GH");
            assertClose(ClosedFormKernels.erf(k[0], k[1], k[2]), ghErf.expect(cov, ones, zeros), 1e-9, 1e-12, "erf GH");
            assertEquals(k[1], ClosedFormKernels.linear(k[0], k[1], k[2]));
        }
        assertEquals(0.0, ClosedFormKernels.relu(0.0, 0.0, 1.0));
        assertClose(0.5, ClosedFormKernels.relu(1.0, 1.0, 1.0), 1e-15, 0, "E relu^2 = K/2");
        assertThrows(NumericalTrouble.class, () -> ClosedFormKernels.relu(1, 2, 1));
        assertThrows(NumericalTrouble.class, () -> ClosedFormKernels.erf(Double.NaN, 0, 1));
    }
}
