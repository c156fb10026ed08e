package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

class SymmetricEigenvaluesTest {

    /**
     * Against Hipparchus' symmetric eigendecomposition (Householder tridiagonalisation and QL, an independent
     * algorithm): random symmetric matrices of sizes 1 to 9, general, positive semidefinite of low rank (the case
     * the gram check is about) and with entries of very different sizes. Both methods are backward stable, so the
     * eigenvalues agree to a small multiple of n ulps of the largest entry.
     */
    @Test
    void agreesWithAnIndependentEigendecomposition() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 600; trial++) {
            int n = 1 + trial % 9;
            double[][] a = switch (trial % 3) {
                case 0 -> symmetric(n, random);
                case 1 -> lowRankGram(n, 1 + random.nextInt(n), random);
                default -> graded(n, random);
            };
            double[] mine = sorted(SymmetricEigenvalues.of(a));
            double[] theirs = sorted(new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a)).getEigenvalues());
            double scale = Arrays.stream(a).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
            assertArrayEquals(theirs, mine, 64 * n * Math.ulp(scale), "trial " + trial);
        }
    }

    @Test
    void leavesItsArgumentAloneAndHandlesDiagonalAndExactCases() {
        double[][] a = {{2, 1}, {1, 2}};
        assertArrayEquals(new double[] {1, 3}, sorted(SymmetricEigenvalues.of(a)), 1e-15);
        assertArrayEquals(new double[] {2, 1}, a[0]);
        assertArrayEquals(new double[] {-1, 0, 5}, sorted(SymmetricEigenvalues.of(
                new double[][] {{5, 0, 0}, {0, -1, 0}, {0, 0, 0}})), 0);
        // all-ones: rank one, eigenvalues 0 (twice) and 3
        double[] ones = sorted(SymmetricEigenvalues.of(new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}));
        assertEquals(0, ones[0], 1e-15);
        assertEquals(0, ones[1], 1e-15);
        assertEquals(3, ones[2], 1e-15);
    }

    private static double[][] symmetric(int n, SplittableRandom random) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextDouble(-1, 1);
            }
        }
        return a;
    }

    private static double[][] lowRankGram(int n, int rank, SplittableRandom random) {
        double[][] x = new double[n][rank];
        for (double[] row : x) {
            for (int k = 0; k < rank; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < rank; k++) {
                    a[i][j] += x[i][k] * x[j][k];
                }
            }
        }
        return a;
    }

    private static double[][] graded(int n, SplittableRandom random) {
        double[][] a = symmetric(n, random);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] *= Math.pow(10, -3.0 * (i + j) / Math.max(1, n - 1));
            }
        }
        return a;
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
