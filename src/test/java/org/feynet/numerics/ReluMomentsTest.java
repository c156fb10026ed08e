package org.feynet.numerics;

import static org.feynet.numerics.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ReluMomentsTest {

    private final ReluMoments relu = new ReluMoments();

    private double e(double[][] k, int[] m, int[] d) {
        return relu.expect(k, m, d);
    }

    @Test
    void oneSampleMomentsAreHalfGaussianMoments() {
        double k = 1.7;
        assertClose(Math.sqrt(k / (2 * Math.PI)), e(new double[][] {{k}}, new int[] {1}, new int[] {0}), 1e-15, 0, "m=1");
        assertClose(k / 2, e(new double[][] {{k}}, new int[] {2}, new int[] {0}), 1e-15, 0, "E relu^2 = K/2");
        assertClose(2 * Math.pow(k, 1.5) / Math.sqrt(2 * Math.PI), e(new double[][] {{k}}, new int[] {3}, new int[] {0}),
            1e-15, 0, "m=3");
        assertClose(1.5 * k * k, e(new double[][] {{k}}, new int[] {4}, new int[] {0}), 1e-15, 0, "E relu^4 = 3K^2/2");
        assertClose(0.5, e(new double[][] {{k}}, new int[] {1}, new int[] {1}), 1e-15, 0, "E theta = 1/2");
        assertClose(1 / Math.sqrt(2 * Math.PI * k), e(new double[][] {{k}}, new int[] {1}, new int[] {2}), 1e-15, 0,
            "E delta = phi(0; K)");
        assertEquals(0.0, e(new double[][] {{k}}, new int[] {1}, new int[] {3}), "E delta' = 0");
    }

    @Test
    void twoPointFunctionIsTheArcCosineKernel() {
        for (double rho : new double[] {-0.999, -0.6, 0.0, 0.3, 0.9, 0.999}) {
            double k11 = 0.7;
            double k22 = 2.3;
            double k12 = rho * Math.sqrt(k11 * k22);
            assertClose(ClosedFormKernels.relu(k11, k12, k22),
                e(new double[][] {{k11, k12}, {k12, k22}}, new int[] {1, 1}, new int[] {0, 0}), 1e-13, 1e-15, "rho " + rho);
            assertClose(OrthantProbability.two(rho),
                e(new double[][] {{k11, k12}, {k12, k22}}, new int[] {1, 1}, new int[] {1, 1}), 1e-14, 1e-16,
                "P(z1>0, z2>0) at rho " + rho);
        }
    }

    @Test
    void fourSampleOrthantProbabilitiesMatchKnownCases() {
        double[][] equi = new double[4][4];
        for (double[] row : equi) {
            Arrays.fill(row, 0.5);
        }
        for (int a = 0; a < 4; a++) {
            equi[a][a] = 1.0;
        }
        int[] ones = {1, 1, 1, 1};
        assertClose(0.2, e(equi, ones, ones), 1e-14, 0, "equicorrelation 1/2: 1/(n+1)");
        double[][] blocks = {{1, 0.7, 0, 0}, {0.7, 1, 0, 0}, {0, 0, 2, -1.9}, {0, 0, -1.9, 2}};
        assertClose(OrthantProbability.two(0.7) * OrthantProbability.two(-0.95), e(blocks, ones, ones), 1e-14, 0,
            "block diagonal: product");
        double[][] three = {{1, 0.3, -0.5, 0}, {0.3, 1, 0.6, 0}, {-0.5, 0.6, 1.4, 0}, {0, 0, 0, 0.5}};
        double p3 = 0.125 + (Math.asin(0.3) + Math.asin(-0.5 / Math.sqrt(1.4)) + Math.asin(0.6 / Math.sqrt(1.4)))
            / (4 * Math.PI);
        assertClose(p3 / 2, e(three, ones, ones), 1e-14, 0, "independent fourth sample");
        double[][] near = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                near[a][b] = a == b ? 1 : 0.999;
            }
        }
        double p = e(near, ones, ones);
        assertTrue(p > 0.45 && p < 0.5, "nearly identical samples: " + p);
    }

    /**
     * Three- and four-sample truncated moments against 10^7 Monte Carlo draws (fixed seed), within five
     * standard errors.
     */
    @Tag("slow")
    @Test
    void threeAndFourSampleMomentsMatchMonteCarlo() {
        double[][] k = {{1.0, 0.6, -0.3, 0.4}, {0.6, 1.5, 0.2, 0.7}, {-0.3, 0.2, 0.8, -0.1}, {0.4, 0.7, -0.1, 1.2}};
        int[][] powers = {{1, 1, 1, 1}, {2, 1, 1, 0}, {1, 2, 0, 3}, {1, 1, 1, 0}, {2, 2, 1, 1}, {0, 1, 4, 1}, {1, 1, 1, 2}};
        double[][] mc = ReluMonteCarlo.estimate(k, powers, 10_000_000, 20240531L);
        for (int c = 0; c < powers.length; c++) {
            double mean = mc[c][0];
            double se = mc[c][1];
            double exact = e(k, powers[c], new int[4]);
            assertTrue(Math.abs(exact - mean) <= 5 * se,
                "powers " + Arrays.toString(powers[c]) + ": exact " + exact + ", Monte Carlo " + mean + " +- " + se);
        }
    }

    /**
     * Price's theorem links every derivative case to a lower one: E[d1^{a+1} d2^{b+1} F] = dE[d1^a d2^b F]/dK12 and
     * E[d1^{a+2} d2^b F] = 2 dE[d1^a d2^b F]/dK11, checked by 4-point central differences (error ~1e-9).
     */
    @Test
    void derivativeMomentsAreKernelDerivativesOfLowerOnes() {
        double[][] k = {{1.1, 0.45}, {0.45, 0.8}};
        for (int m1 = 0; m1 <= 2; m1++) {
            for (int m2 = 1; m2 <= 2; m2++) {
                for (int d1 = 0; d1 <= 4; d1++) {
                    for (int d2 = 0; d2 + d1 <= 6; d2++) {
                        int[] m = {m1, m2};
                        int[] d = {d1, d2};
                        double mixed = e(k, m, new int[] {d1 + 1, d2 + 1});
                        double fd12 = centralDifference(m, d, 0, 1, k);
                        assertClose(fd12, mixed, 1e-7, 1e-9, "d/dK12 of m=" + Arrays.toString(m) + " d=" + Arrays.toString(d));
                        double same = e(k, m, new int[] {d1 + 2, d2});
                        double fd11 = 2 * centralDifference(m, d, 0, 0, k);
                        assertClose(fd11, same, 1e-7, 1e-9, "2 d/dK11 of m=" + Arrays.toString(m) + " d=" + Arrays.toString(d));
                    }
                }
            }
        }
        for (int m = 1; m <= 2; m++) {
            for (int d = 0; d <= 6; d++) {
                double h = 1e-3;
                double k0 = 0.9;
                double fd = (-f1(m, d, k0 + 2 * h) + 8 * f1(m, d, k0 + h) - 8 * f1(m, d, k0 - h) + f1(m, d, k0 - 2 * h)) / (12 * h);
                assertClose(2 * fd, e(new double[][] {{k0}}, new int[] {m}, new int[] {d + 2}), 1e-7, 1e-9,
                    "one sample m=" + m + " d=" + d);
            }
        }
    }

    private double f1(int m, int d, double k) {
        return e(new double[][] {{k}}, new int[] {m}, new int[] {d});
    }

    private double centralDifference(int[] m, int[] d, int a, int b, double[][] k) {
        double h = 1e-3;
        double[] c = {-2, -1, 1, 2};
        double[] w = {1, -8, 8, -1};
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double[][] kk = {k[0].clone(), k[1].clone()};
            kk[a][b] += c[i] * h;
            if (a != b) {
                kk[b][a] += c[i] * h;
            }
            s += w[i] * e(kk, m, d);
        }
        return s / (12 * h);
    }

    /**
     * Equicorrelated samples z_i = sqrt(r) x + sqrt(1 - r) g_i reduce to one dimension:
     * P_4 = E_x[Phi(c x)^4] and E[prod z_i theta(z_i)] = (1 - r)^2 E_x[M(c x)^4], c = sqrt(r / (1 - r)),
     * M(mu) = mu Phi(mu) + phi(mu); the 1-D integrals by adaptive Gauss-Legendre on [-12, 12].
     */
    @Test
    void equicorrelatedFourSampleMomentsMatchOneDimensionalReductions() {
        for (double r : new double[] {0.1, 0.5, 0.9, 0.999}) {
            double[][] k = new double[4][4];
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    k[a][b] = a == b ? 1 : r;
                }
            }
            double c = Math.sqrt(r / (1 - r));
            double p4 = GaussLegendre.integrate(x -> phi(x) * Math.pow(cdf(c * x), 4), -12, 12, 1e-16);
            double m4 = (1 - r) * (1 - r) * GaussLegendre.integrate(
                x -> phi(x) * Math.pow(c * x * cdf(c * x) + phi(c * x), 4), -12, 12, 1e-16);
            int[] ones = {1, 1, 1, 1};
            assertClose(p4, e(k, ones, ones), 1e-12, 1e-15, "P_4 at r = " + r);
            assertClose(m4, e(k, ones, new int[4]), 1e-12, 1e-15, "E prod relu at r = " + r);
        }
    }

    private static double phi(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    private static double cdf(double x) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2));
    }

    @Test
    void twoDeltaFunctionsGiveTheDensityAtTheOrigin() {
        double[][] k = {{1.1, 0.45}, {0.45, 0.8}};
        double det = 1.1 * 0.8 - 0.45 * 0.45;
        assertClose(1 / (2 * Math.PI * Math.sqrt(det)), e(k, new int[] {1, 1}, new int[] {2, 2}), 1e-15, 0, "E delta delta");
        assertClose(0.45 / det / (2 * Math.PI * Math.sqrt(det)), e(k, new int[] {1, 1}, new int[] {3, 3}), 1e-14, 0,
            "E delta' delta' = -P12 phi_K(0)");
    }

    @Test
    void identicalSamplesGiveTheLowerDimensionalMoment() {
        assertClose(0.5, e(new double[][] {{1, 1}, {1, 1}}, new int[] {1, 1}, new int[] {0, 0}), 1e-15, 0, "twins");
        assertClose(1.0, e(new double[][] {{1, 2}, {2, 4}}, new int[] {1, 1}, new int[] {0, 0}), 1e-15, 0, "z2 = 2 z1");
        assertEquals(0.0, e(new double[][] {{1, -1}, {-1, 1}}, new int[] {1, 1}, new int[] {0, 0}), "z2 = -z1");
        double[][] k3 = {{1.0, 0.6, -0.3}, {0.6, 1.5, 0.2}, {-0.3, 0.2, 0.8}};
        double[][] k4 = {{1.0, 0.6, -0.3, 1.0}, {0.6, 1.5, 0.2, 0.6}, {-0.3, 0.2, 0.8, -0.3}, {1.0, 0.6, -0.3, 1.0}};
        assertClose(e(k3, new int[] {3, 1, 2}, new int[] {0, 0, 0}), e(k4, new int[] {1, 1, 2, 2}, new int[] {0, 0, 0, 0}),
            1e-14, 0, "a twin among four samples");
        assertClose(e(k3, new int[] {1, 1, 1}, new int[] {0, 0, 0}), e(k4, new int[] {1, 1, 1, 1}, new int[] {0, 0, 0, 1}),
            1e-14, 0, "d/dz relu(z) relu(z) = theta(z) relu(z) on twins");
        double[][] zero = {{0, 0}, {0, 1.3}};
        assertEquals(0.0, e(zero, new int[] {1, 2}, new int[] {0, 0}), "relu(0) = 0");
    }

    @Test
    void singularCasesAreReportedAsNumericalTrouble() {
        assertThrows(NumericalTrouble.class, () -> e(new double[][] {{1, 1}, {1, 1}}, new int[] {1, 1}, new int[] {2, 0}));
        assertThrows(NumericalTrouble.class, () -> e(new double[][] {{0, 0}, {0, 1}}, new int[] {1, 1}, new int[] {1, 0}));
        double[][] sum = {{1, 0, 1}, {0, 1, 1}, {1, 1, 2}}; // z3 = z1 + z2
        NumericalTrouble t = assertThrows(NumericalTrouble.class, () -> e(sum, new int[] {1, 1, 1}, new int[] {3, 0, 0}));
        assertTrue(t.getMessage().contains("singular"), t.getMessage());
        assertThrows(NumericalTrouble.class, () -> e(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}, new int[] {1, 1}, new int[] {0, 0}));
        assertThrows(NumericalTrouble.class, () -> e(new double[][] {{1, 1.5}, {1.5, 1}}, new int[] {1, 1}, new int[] {0, 0}));
    }

    /**
     * A rank-deficient covariance without delta factors is handled by a ridge: with z3 = z1 + z2 (z1, z2
     * independent standard normals), relu(z1) relu(z2) relu(z3) = z1 z2 (z1 + z2) on z1, z2 > 0, so the moment is
     * 2 E[z1^2 theta(z1)] E[z2 theta(z2)] = 1 / sqrt(2 pi).
     */
    @Test
    void singularCovarianceWithoutDeltasIsHandledByARidge() {
        double[][] sum = {{1, 0, 1}, {0, 1, 1}, {1, 1, 2}};
        assertClose(1 / Math.sqrt(2 * Math.PI), e(sum, new int[] {1, 1, 1}, new int[] {0, 0, 0}), 1e-10, 0,
                "z3 = z1 + z2");
    }

    @Test
    void deltaFactorsWithFiveSamplesAreUnsupported() {
        double[][] k5 = new double[5][5];
        for (int a = 0; a < 5; a++) {
            k5[a][a] = 1.0;
        }
        int[] ones = {1, 1, 1, 1, 1};
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
            () -> e(k5, ones, new int[] {2, 0, 0, 0, 0}));
        assertTrue(u.getMessage().contains("delta"), u.getMessage());
        assertClose(Math.pow(2 * Math.PI, -2.5), e(k5, ones, new int[5]), 1e-15, 0, "independent samples factorize");
    }

}
