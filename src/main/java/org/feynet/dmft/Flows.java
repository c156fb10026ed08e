package org.feynet.dmft;

import org.feynet.numerics.NumericalTrouble;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

/** Linear output flows on the time grid, by the implicit trapezoid rule (second order, A-stable). */
final class Flows {

    private Flows() {}

    /**
     * The solution of d x/dt = (1/P) (K(t) (y - x) + s(t)), x(0) = 0, on the grid, for a PSD kernel path K and a
     * source s (null for none):
     * (I + dt/(2P) K_k) x_k = x_{k-1} + dt/(2P) (K_{k-1} (y - x_{k-1}) + s_{k-1} + K_k y + s_k).
     */
    static double[][] trapezoid(TimeGrid grid, double[][][] kernel, double[] y, double[][] source) {
        int p = y.length;
        double c = grid.dt() / (2 * p);
        double[][] x = new double[grid.points()][p];
        for (int k = 1; k < grid.points(); k++) {
            double[][] lhs = new double[p][p];
            double[] rhs = new double[p];
            for (int mu = 0; mu < p; mu++) {
                double sum = x[k - 1][mu];
                for (int nu = 0; nu < p; nu++) {
                    sum += c * (kernel[k - 1][mu][nu] * (y[nu] - x[k - 1][nu]) + kernel[k][mu][nu] * y[nu]);
                    lhs[mu][nu] = (mu == nu ? 1 : 0) + c * kernel[k][mu][nu];
                }
                if (source != null) {
                    sum += c * (source[k - 1][mu] + source[k][mu]);
                }
                rhs[mu] = sum;
            }
            x[k] = step(lhs, rhs, grid.time(k));
        }
        return x;
    }

    /**
     * One implicit step. With a finite PSD kernel the matrix I + dt/(2P) K is positive definite; a non-finite or
     * singular system means the kernels have diverged (typically a time step T/steps far too large for the
     * self-consistent sweep), which is numerical trouble, not a bug.
     */
    private static double[] step(double[][] lhs, double[] rhs, double time) {
        String trouble = "the DMFT kernels diverged by t = " + time + " (the output flow's system is %s); use more"
                + " time steps (--steps) or a shorter horizon";
        for (int mu = 0; mu < rhs.length; mu++) {
            boolean finite = Double.isFinite(rhs[mu]);
            for (double entry : lhs[mu]) {
                finite &= Double.isFinite(entry);
            }
            if (!finite) {
                throw new NumericalTrouble(String.format(java.util.Locale.ROOT, trouble, "not finite"));
            }
        }
        try {
            RealVector solution = new LUDecomposition(new Array2DRowRealMatrix(lhs, false)).getSolver()
                    .solve(new ArrayRealVector(rhs, false));
            return solution.toArray();
        } catch (MathIllegalArgumentException singular) {
            throw new NumericalTrouble(String.format(java.util.Locale.ROOT, trouble, "singular"));
        }
    }
}
