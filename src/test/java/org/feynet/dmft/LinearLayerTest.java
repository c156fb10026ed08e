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
        LayerInputs in = RandomLayerInputs.draw(grid, random);
        RealMatrix below = new Array2DRowRealMatrix(in.below());
        RealMatrix above = new Array2DRowRealMatrix(in.above());
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

    private static void assertClose(RealMatrix expected, double[][] actual) {
        double scale = Math.max(1, expected.getNorm1());
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                assertEquals(expected.getEntry(i, j), actual[i][j], 1e-11 * scale, "entry " + i + ", " + j);
            }
        }
    }
}
