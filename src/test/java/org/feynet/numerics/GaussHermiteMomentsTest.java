package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussHermiteMomentsTest {

    private static final double REL = 1e-9;
    private static final double ABS = 1e-12;

    /** Random (m, d) with m in 1..maxM, d in 0..maxD, checked against an exact engine. */
    private static void assertMatchesExact(ActivationJet jet, GaussianMoments exact, int k, double kmax,
                                           int cases, int maxM, int maxD, long seed) {
        GaussHermiteMoments gh = new GaussHermiteMoments(jet);
        Random rnd = new Random(seed);
        for (int c = 0; c < cases; c++) {
            double[][] cov = GaussHermiteConvergenceProbe.randomKernel(rnd, k, kmax, c % 2 == 0 ? 0.999 : 0.5);
            int[] m = new int[k];
            int[] d = new int[k];
            for (int x = 0; x < k; x++) {
                m[x] = 1 + rnd.nextInt(maxM);
                d[x] = rnd.nextInt(maxD + 1);
            }
            double want = exact.expect(cov, m, d);
            double got = gh.expect(cov, m, d);
            double size = 1.0; // typical size of the integrand, for moments that vanish by symmetry
            for (int x = 0; x < k; x++) {
                size *= Math.pow(Math.max(1.0, cov[x][x]), 0.5 * m[x]);
            }
            assertClose(want, got, REL, 10 * ABS * size,
                "k=" + k + " m=" + java.util.Arrays.toString(m) + " d=" + java.util.Arrays.toString(d)
                    + " K=" + java.util.Arrays.deepToString(cov));
        }
    }

    @Test
    void sinMomentsOfOneAndTwoSamplesAreExactOverTheWholeKernelRange() {
        assertMatchesExact(TestJets.SIN, new SinMoments(), 1, 5.0, 12, 4, 4, 11);
        assertMatchesExact(TestJets.SIN, new SinMoments(), 2, 5.0, 12, 4, 4, 12);
    }

    @Test
    void sinMomentsOfThreeAndFourSamplesAreExact() {
        assertMatchesExact(TestJets.SIN, new SinMoments(), 3, 2.0, 8, 3, 2, 13);
        assertMatchesExact(TestJets.SIN, new SinMoments(), 4, 1.0, 6, 2, 2, 14);
    }

    @Test
    void linearMomentsAreExactForOneToFourSamples() {
        assertMatchesExact(TestJets.LINEAR, new LinearMoments(), 1, 5.0, 10, 4, 4, 21);
        assertMatchesExact(TestJets.LINEAR, new LinearMoments(), 2, 5.0, 10, 4, 4, 22);
        assertMatchesExact(TestJets.LINEAR, new LinearMoments(), 3, 2.0, 6, 4, 2, 23);
        assertMatchesExact(TestJets.LINEAR, new LinearMoments(), 4, 1.0, 4, 4, 2, 24);
    }

    @Test
    void erfTwoPointFunctionIsTheArcsineKernel() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.ERF);
        double[][] ks = {{0.05, 0.04, 0.07}, {1.0, 0.3, 0.8}, {5.0, 4.99, 5.0}, {2.0, -1.2, 3.0}, {4.0, 3.0, 5.0}};
        for (double[] k : ks) {
            double[][] cov = {{k[0], k[1]}, {k[1], k[2]}};
            assertClose(ClosedFormKernels.erf(k[0], k[1], k[2]), gh.expect(cov, new int[] {1, 1}, new int[] {0, 0}),
                REL, ABS, "erf kernel at " + java.util.Arrays.toString(k));
        }
    }

    /** Price: E[d1 d2 F] = dE[F]/dK12 and E[d1^2 F] = 2 dE[F]/dK11, from the analytic derivative of the arcsine. */
    @Test
    void erfKernelDerivativesFollowPricesTheorem() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.ERF);
        double k11 = 1.3;
        double k12 = 0.9;
        double k22 = 2.1;
        double[][] cov = {{k11, k12}, {k12, k22}};
        double a = 1 + 2 * k11;
        double b = 1 + 2 * k22;
        double x = 2 * k12 / Math.sqrt(a * b);
        double dAsin = 2 / Math.PI / Math.sqrt(1 - x * x);
        double dK12 = dAsin * 2 / Math.sqrt(a * b);
        double dK11 = dAsin * (-x / a);
        assertClose(dK12, gh.expect(cov, new int[] {1, 1}, new int[] {1, 1}), REL, ABS, "d/dK12");
        assertClose(2 * dK11, gh.expect(cov, new int[] {1, 1}, new int[] {2, 0}), REL, ABS, "2 d/dK11");
    }

    @Test
    void tanhMomentsAgreeWithTwiceTheNodes() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.TANH);
        GaussHermiteMoments fine = new GaussHermiteMoments(TestJets.TANH, 2 * GaussHermiteMoments.DEFAULT_NODES);
        double[][] cov2 = {{5.0, 1.8}, {1.8, 0.7}};
        double[][] cov3 = {{1.0, 0.8, 0.5}, {0.8, 1.2, 0.7}, {0.5, 0.7, 0.9}};
        int[][][] cases2 = {{{1, 1}, {0, 0}}, {{4, 2}, {4, 3}}, {{2, 1}, {1, 0}}};
        for (int[][] c : cases2) {
            assertClose(fine.expect(cov2, c[0], c[1]), gh.expect(cov2, c[0], c[1]), REL, ABS, "tanh k=2");
        }
        int[] m = {2, 1, 1};
        int[] d = {2, 1, 0};
        assertClose(fine.expect(cov3, m, d), gh.expect(cov3, m, d), REL, ABS, "tanh k=3");
    }

    @Test
    void fourSampleTanhMomentIsFastAndMatchesRefinement() {
        double[][] cov = GaussHermiteTimingProbe.corr(1.0, 0.9);
        int[] m = {1, 1, 1, 1};
        int[] d = {1, 1, 0, 0};
        double v = new GaussHermiteMoments(TestJets.TANH).expect(cov, m, d);
        double w = new GaussHermiteMoments(TestJets.TANH, 2 * GaussHermiteMoments.DEFAULT_NODES).expect(cov, m, d);
        assertClose(w, v, REL, ABS, "tanh k=4");
    }

    @Test
    void identicalSamplesGiveTheLowerDimensionalMoment() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.TANH);
        double[][] twin = {{0.7, 0.7, 0.2}, {0.7, 0.7, 0.2}, {0.2, 0.2, 1.1}};
        double[][] merged = {{0.7, 0.2}, {0.2, 1.1}};
        // d/dz (tanh^1) at the twin times tanh^2 at the twin = (1/3) d/dz tanh^3: not the same; use plain powers
        assertClose(gh.expect(merged, new int[] {3, 1}, new int[] {0, 1}),
            gh.expect(twin, new int[] {1, 2, 1}, new int[] {0, 0, 1}), 1e-12, 1e-14, "twin samples");
        double[][] zero = {{0.0, 0.0}, {0.0, 0.9}};
        assertClose(0.0, gh.expect(zero, new int[] {1, 2}, new int[] {0, 0}), 0, 1e-15, "tanh(0) = 0");
        double cosh0 = 1.0;
        assertClose(cosh0 * gh.expect(new double[][] {{0.9}}, new int[] {2}, new int[] {0}),
            gh.expect(zero, new int[] {1, 2}, new int[] {1, 0}), 1e-12, 1e-15, "tanh'(0) = 1");
    }

    @Test
    void derivativeOfTheConstantOneIsZero() {
        assertEquals(0.0, new GaussHermiteMoments(TestJets.TANH).expect(new double[][] {{1}}, new int[] {0}, new int[] {2}));
    }

    @Test
    void badCovariancesAreReportedAsNumericalTrouble() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.TANH);
        NumericalTrouble nan = assertThrows(NumericalTrouble.class,
            () -> gh.expect(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}, new int[] {1, 1}, new int[] {0, 0}));
        assertTrue(nan.getMessage().contains("not finite (undefined)"), nan.getMessage());
        NumericalTrouble psd = assertThrows(NumericalTrouble.class,
            () -> gh.expect(new double[][] {{1, 2}, {2, 1}}, new int[] {1, 1}, new int[] {0, 0}));
        assertTrue(psd.getMessage().contains("positive semidefinite"), psd.getMessage());
        assertThrows(NumericalTrouble.class, () -> gh.expect(new double[][] {{-1}}, new int[] {1}, new int[] {0}));
        ActivationJet blowUp = (z, out) -> java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        assertThrows(NumericalTrouble.class,
            () -> new GaussHermiteMoments(blowUp).expect(new double[][] {{1}}, new int[] {1}, new int[] {0}));
    }

    @Test
    void malformedArgumentsFailAtTheBoundary() {
        GaussHermiteMoments gh = new GaussHermiteMoments(TestJets.TANH);
        assertThrows(IllegalArgumentException.class, () -> gh.expect(new double[7][7], new int[7], new int[7]));
        assertThrows(IllegalArgumentException.class, () -> gh.expect(new double[][] {{1}}, new int[] {1, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> gh.expect(new double[][] {{1}}, new int[] {1}, new int[] {9}));
        assertThrows(IllegalArgumentException.class,
            () -> gh.expect(new double[][] {{1, 0.5}, {0.4, 1}}, new int[] {1, 1}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new GaussHermiteMoments(TestJets.TANH, 1));
    }
}
