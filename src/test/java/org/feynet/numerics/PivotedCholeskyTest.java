package org.feynet.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PivotedCholeskyTest {

    /** L L^T for L = [[3, 0, 0], [1, 2, 0], [1, 1, 1]]: every step is exact in floating point. */
    private static final double[][] A = {{9, 3, 3}, {3, 5, 3}, {3, 3, 3}};
    private static final double[][] L = {{3, 0, 0}, {1, 2, 0}, {1, 1, 1}};

    private static void assertRootOf(double[][] k, double[][] r, double tolerance) {
        for (int a = 0; a < k.length; a++) {
            for (int b = 0; b < k.length; b++) {
                double sum = 0;
                for (int c = 0; c < r[a].length; c++) {
                    sum += r[a][c] * r[b][c];
                }
                assertEquals(k[a][b], sum, tolerance, "(R R^T)[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void aKnownThreeByThreeFactorIsReproducedExactly() {
        PivotedCholesky c = PivotedCholesky.of("A", A);
        assertEquals(3, c.rank());
        assertArrayEquals(new int[] {0, 1, 2}, c.pivots());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(L[i], c.lower()[i], 0.0);
            assertArrayEquals(L[i], c.root()[i], 0.0);
        }
    }

    /** The same matrix with its indices relabelled: the largest remaining diagonal is taken first, whatever its index. */
    @Test
    void pivotsFollowTheLargestRemainingDiagonal() {
        int[] relabel = {1, 2, 0}; // index relabel[j] of B is index j of A
        double[][] b = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[relabel[i]][relabel[j]] = A[i][j];
            }
        }
        PivotedCholesky c = PivotedCholesky.of("B", b);
        assertArrayEquals(relabel, c.pivots());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(L[i], c.lower()[i], 0.0);
        }
        assertRootOf(b, c.root(), 0.0);
    }

    @Test
    void fullRankKernelIsFactoredToRounding() {
        double[][] k = {{1.0, 0.5, 0.2}, {0.5, 0.8, 0.1}, {0.2, 0.1, 2.0}};
        PivotedCholesky c = PivotedCholesky.of("K", k);
        assertEquals(3, c.rank());
        assertEquals(2, c.pivots()[0], "the largest variance first");
        assertRootOf(k, c.root(), 1e-15);
    }

    @Test
    void rankDeficientKernelGetsAThinRoot() {
        double[][] k = {{1, 2, 0}, {2, 4, 0}, {0, 0, 0}};
        double[][] r = PivotedCholesky.of("K", k).root();
        assertEquals(1, r[0].length);
        assertRootOf(k, r, 1e-15);
    }

    /** Four inner products of vectors in the plane: rank 2, and R R^T gives the matrix back. */
    @Test
    void rankDeficientGramOfFourPlanarVectorsIsReproducedByItsRoot() {
        double[][] x = {{1.0, 0.0}, {0.5, 1.5}, {0.3, -0.2}, {1.0, 1.0}};
        double[][] k = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                k[a][b] = x[a][0] * x[b][0] + x[a][1] * x[b][1];
            }
        }
        PivotedCholesky c = PivotedCholesky.of("K", k);
        assertEquals(2, c.rank());
        assertEquals(2, c.root()[0].length);
        assertRootOf(k, c.root(), 1e-14);
    }

    @Test
    void zeroMatrixHasRankZeroAndAnEmptyRoot() {
        PivotedCholesky c = PivotedCholesky.of("K", new double[2][2]);
        assertEquals(0, c.rank());
        assertEquals(0, c.root()[1].length);
    }

    @Test
    void pivotingBoundsEachColumnByItsDiagonal() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(6);
            double[][] g = new double[n][n];
            for (double[] row : g) {
                for (int j = 0; j < n; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            double[][] k = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < n; j++) {
                        k[a][b] += g[a][j] * g[b][j];
                    }
                }
            }
            PivotedCholesky c = PivotedCholesky.of("K", k);
            double[][] l = c.lower();
            for (int j = 0; j < c.rank(); j++) {
                assertTrue(j == 0 || l[j][j] <= l[j - 1][j - 1], "decreasing diagonal");
                for (int i = j + 1; i < n; i++) {
                    assertTrue(Math.abs(l[i][j]) <= l[j][j] * (1 + 1e-15), "|L[i][j]| <= L[j][j]");
                }
            }
            assertRootOf(k, c.root(), 1e-13 * n);
        }
    }

    @Test
    void indefiniteMatricesAreNumericalTroubleNamingTheEntry() {
        NumericalTrouble swap = assertThrows(NumericalTrouble.class,
                () -> PivotedCholesky.of("first-layer metric K^(1)", new double[][] {{0, 1}, {1, 0}}));
        assertTrue(swap.getMessage().startsWith("first-layer metric K^(1) is not positive semidefinite"),
                swap.getMessage());
        NumericalTrouble negative = assertThrows(NumericalTrouble.class,
                () -> PivotedCholesky.of("K", new double[][] {{1, 0}, {0, -1}}));
        assertTrue(negative.getMessage().contains("[2][2] is -1.0"), negative.getMessage());
        NumericalTrouble strong = assertThrows(NumericalTrouble.class,
                () -> PivotedCholesky.of("K", new double[][] {{1, 2}, {2, 1}}));
        assertTrue(strong.getMessage().contains("after 1 pivot of") && strong.getMessage().contains("[2][2] is -3.0"),
                strong.getMessage());
        assertThrows(NumericalTrouble.class, () -> PivotedCholesky.of("K", new double[][] {{-1}}));
    }

    @Test
    void nonFiniteEntriesAreNumericalTroubleWithOneBasedIndices() {
        NumericalTrouble nan = assertThrows(NumericalTrouble.class,
                () -> PivotedCholesky.of("covariance", new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertEquals("covariance has an entry that is not finite (undefined) at [1][2]", nan.getMessage());
        NumericalTrouble inf = assertThrows(NumericalTrouble.class,
                () -> PivotedCholesky.of("K", new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}));
        assertTrue(inf.getMessage().contains("not finite (overflow) at [2][2]"), inf.getMessage());
    }

    @Test
    void malformedMatricesFailAtTheBoundary() {
        IllegalArgumentException asymmetric = assertThrows(IllegalArgumentException.class,
                () -> PivotedCholesky.of("K", new double[][] {{1, 0.5}, {0.4, 1}}));
        assertEquals("K is not symmetric: [1][2] = 0.5 but [2][1] = 0.4", asymmetric.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> PivotedCholesky.of("K", new double[][] {{1, 0}, {0, 1, 2}}));
        assertEquals("K must be square: row 2 has 3 entries, expected 2", ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of("K", new double[0][0]));
        assertThrows(IllegalArgumentException.class, () -> PivotedCholesky.of("K", null));
    }

    @Test
    void toleranceGovernsTheRankDecision() {
        double[][] nearlySingular = {{1, 1}, {1, 1 + 1e-9}};
        assertEquals(2, PivotedCholesky.of("K", nearlySingular).rank());
        PivotedCholesky.Tolerances coarse = new PivotedCholesky.Tolerances(1e-10, 1e-8, 1e-8);
        assertEquals(1, PivotedCholesky.of("K", nearlySingular, coarse).rank());
        assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky.Tolerances(1e-10, 1e-8, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky.Tolerances(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PivotedCholesky.Tolerances(0, -1e-12, 0));
    }
}
