package org.feynet.dmft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The deep-linear layer solution, computed with block forward substitution, the push-through identities and
 * low-rank sandwiches, against the closed equations written out directly with Hipparchus' dense LU inverses:
 * S_h = (I - M N)^{-1}, S_z = (I - N M)^{-1}, Phi = S_h (Phi_below + M G_above M^T) S_h^T,
 * G = S_z (G_above + N Phi_below N^T) S_z^T, A = S_h M, B = S_z N (the equations of the original implementation).
 * The inputs are random kernels (one of rank 2, like the repeated input gram, one of full rank), random causal
 * responses and residuals, at a feature strength where the operators are far from the identity.
 */
class LinearLayerTest {

    @Test
    void fastLayerSolutionAgreesWithTheDenseClosedEquations() {
        TimeGrid grid = new TimeGrid(3, 12, 3);
        int d = grid.dimension();
        SplittableRandom random = new SplittableRandom(3);
        double[][] thin = new double[d][2];
        double[][] wide = new double[d + 5][d];
        for (double[] row : thin) {
            row[0] = random.nextDouble(-1, 1);
            row[1] = random.nextDouble(-1, 1);
        }
        for (double[] row : wide) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextDouble(-1, 1) / Math.sqrt(d);
            }
        }
        RealMatrix below = new Array2DRowRealMatrix(thin).multiplyTransposed(new Array2DRowRealMatrix(thin));
        RealMatrix above = new Array2DRowRealMatrix(wide).transposeMultiply(new Array2DRowRealMatrix(wide));
        double[][] responseBelow = causal(d, grid.samples(), random, 0.05);
        double[][] responseAbove = causal(d, grid.samples(), random, 0.05);
        double[][] delta = new double[grid.points()][grid.samples()];
        for (double[] row : delta) {
            for (int mu = 0; mu < row.length; mu++) {
                row[mu] = random.nextDouble(-1, 1);
            }
        }
        LayerInputs in = new LayerInputs(below.getData(), above.getData(), responseBelow, responseAbove, delta, 0.9);
        LayerKernels fast = new LinearLayer(grid).solve(2, in);

        RealMatrix m = new Array2DRowRealMatrix(in.operatorOnG(grid));
        RealMatrix n = new Array2DRowRealMatrix(in.operatorOnSigma(grid));
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(d);
        RealMatrix sh = new LUDecomposition(identity.subtract(m.multiply(n))).getSolver().getInverse();
        RealMatrix sz = new LUDecomposition(identity.subtract(n.multiply(m))).getSolver().getInverse();
        RealMatrix phi = sh.multiply(below.add(m.multiply(above).multiplyTransposed(m))).multiplyTransposed(sh);
        RealMatrix g = sz.multiply(above.add(n.multiply(below).multiplyTransposed(n))).multiplyTransposed(sz);
        assertClose(phi, fast.phi());
        assertClose(g, fast.g());
        assertClose(sh.multiply(m), fast.responseToR());
        assertClose(sz.multiply(n), fast.responseToU());
    }

    /** Random entries in the causal part (block lower-triangular, the equal-time block included). */
    private static double[][] causal(int d, int block, SplittableRandom random, double size) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < (i / block + 1) * block; j++) {
                m[i][j] = random.nextDouble(-size, size);
            }
        }
        return m;
    }

    private static void assertClose(RealMatrix expected, double[][] actual) {
        double scale = Math.max(1, expected.getNorm1());
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                assertEquals(expected.getEntry(i, j), actual[i][j], 1e-11 * scale, "entry " + i + ", " + j);
            }
        }
    }
}
