package org.feynet.numerics;

import java.util.function.DoubleFunction;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * Taylor coefficients of analytic functions of one variable, by polynomial interpolation of degree d at the d + 1
 * Chebyshev points x_k = r cos(pi (k + 1/2) / (d + 1)) of [-r, r]: with t = x / r, f(r t) = sum_j b_j t^j, and the
 * coefficient of x^j is b_j / r^j. Accurate while r is well inside the radius of convergence (truncation ~ (r/R)^(d+1)).
 */
public final class TaylorCoefficients {

    private TaylorCoefficients() {}

    /**
     * @param values  x -&gt; the values of several functions at x (the same count at every x)
     * @param degree  d, the interpolation degree
     * @param radius  r
     * @return [function][j], the coefficient of x^j, j = 0 .. d
     */
    public static double[][] of(DoubleFunction<double[]> values, int degree, double radius) {
        double[][] vandermonde = new double[degree + 1][degree + 1];
        double[][] samples = new double[degree + 1][];
        for (int k = 0; k <= degree; k++) {
            double t = Math.cos(Math.PI * (k + 0.5) / (degree + 1));
            for (int j = 0; j <= degree; j++) {
                vandermonde[k][j] = Math.pow(t, j);
            }
            samples[k] = values.apply(radius * t);
        }
        DecompositionSolver solver = new LUDecomposition(MatrixUtils.createRealMatrix(vandermonde)).getSolver();
        double[][] coefficients = new double[samples[0].length][];
        for (int f = 0; f < coefficients.length; f++) {
            double[] column = new double[degree + 1];
            for (int k = 0; k <= degree; k++) {
                column[k] = samples[k][f];
            }
            coefficients[f] = solver.solve(MatrixUtils.createRealVector(column)).toArray();
            for (int j = 0; j <= degree; j++) {
                coefficients[f][j] /= Math.pow(radius, j);
            }
        }
        return coefficients;
    }
}
