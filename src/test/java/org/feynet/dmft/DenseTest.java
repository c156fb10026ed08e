package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The structured dense kernels of the DMFT solvers against Hipparchus' general dense algebra on random matrices:
 * products that skip the zero blocks of causal (block lower-triangular) factors, the symmetric Gram product, block
 * forward substitution against an LU inverse, the pivoted Cholesky factor against the matrix it factors. Sizes are
 * chosen odd (not multiples of the block sizes) so that every edge of the blocking is exercised; tolerances are a
 * few hundred ulps of the entries' size.
 */
class DenseTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(42);

    @Test
    void productsOfCausalAndDenseFactorsAgreeWithTheGeneralProduct() {
        int block = 4;
        double[][] lower = blockLower(203, block);
        double[][] otherLower = blockLower(203, block);
        double[][] dense = random(203, 131);
        double[][] wide = random(97, 203);
        assertClose(reference(lower, otherLower), Dense.multiply(lower, otherLower), 1e-11);
        assertClose(reference(lower, dense), Dense.multiply(lower, dense), 1e-11);
        assertClose(reference(wide, lower), Dense.multiply(wide, lower), 1e-11);
        assertClose(reference(lower, Dense.transpose(otherLower)),
                Dense.multiply(lower, Dense.transpose(otherLower)), 1e-11);
        assertClose(reference(Dense.transpose(wide), wide), Dense.gram(wide), 1e-11);
    }

    @Test
    void blockForwardSubstitutionInvertsACausalMatrix() {
        double[][] a = blockLower(203, 4);
        for (int i = 0; i < a.length; i++) {
            a[i][i] += 8;
        }
        double[][] expected = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse().getData();
        assertClose(expected, Dense.inverseBlockLower(a, 4, "test"), 1e-11);
        a[0][150] = 0.5;
        double[][] general = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse().getData();
        assertClose(general, Dense.inverseBlockLower(a, 4, "test"), 1e-11);
    }

    @Test
    void pivotedCholeskyFindsTheRankAndReproducesTheMatrix() {
        double[][] thin = random(150, 3);
        double[][] lowRank = reference(thin, Dense.transpose(thin));
        double[][] factor = Dense.lowRankFactor(lowRank, 10);
        assertNotNull(factor);
        assertEquals(3, factor[0].length);
        assertClose(lowRank, reference(factor, Dense.transpose(factor)), 1e-11);
        double[][] wide = random(200, 150);
        double[][] fullRank = reference(Dense.transpose(wide), wide);
        assertNull(Dense.lowRankFactor(fullRank, 10));
        double[][] complete = Dense.lowRankFactor(fullRank, 150);
        assertClose(fullRank, reference(complete, Dense.transpose(complete)), 1e-10);
    }

    @Test
    void sandwichAgreesWithTheTripleProductForLowAndFullRank() {
        double[][] a = blockLower(121, 4);
        double[][] thin = random(121, 2);
        double[][] lowRank = reference(thin, Dense.transpose(thin));
        double[][] wide = random(150, 121);
        double[][] fullRank = reference(Dense.transpose(wide), wide);
        for (double[][] c : new double[][][] {lowRank, fullRank}) {
            assertClose(reference(reference(a, c), Dense.transpose(a)), Dense.sandwich(a, c), 1e-10);
        }
    }

    @Test
    void choleskyFactorAndItsInverse() {
        double[][] wide = random(150, 101);
        double[][] c = reference(Dense.transpose(wide), wide);
        double[][][] factor = Dense.cholesky(c, 0);
        assertClose(c, reference(factor[0], Dense.transpose(factor[0])), 1e-10);
        assertClose(Dense.identity(101), reference(factor[0], factor[1]), 1e-10);
    }

    private static double[][] reference(double[][] a, double[][] b) {
        RealMatrix product = new Array2DRowRealMatrix(a).multiply(new Array2DRowRealMatrix(b));
        return product.getData();
    }

    private static double[][] random(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = RANDOM.nextDouble(-1, 1);
            }
        }
        return m;
    }

    /** Random entries on and below the diagonal blocks, zeros above. */
    private static double[][] blockLower(int d, int block) {
        double[][] m = random(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = (i / block + 1) * block; j < d; j++) {
                m[i][j] = 0;
            }
        }
        return m;
    }

    private static void assertClose(double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        double scale = Math.max(1, Dense.maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tolerance * scale, "entry " + i + ", " + j);
            }
        }
    }
}
