package org.feynet.training;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/** Small dense linear algebra on P x P Gram matrices. */
public final class Gram {

    private Gram() {}

    /** The eigenvalues of the symmetric matrix m, descending. */
    public static double[] eigenvalues(double[][] m) {
        double[] values = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, true)).getEigenvalues().clone();
        Arrays.sort(values);
        for (int i = 0; i < values.length / 2; i++) {
            double t = values[i];
            values[i] = values[values.length - 1 - i];
            values[values.length - 1 - i] = t;
        }
        return values;
    }

    /** ||a - b||_F. */
    public static double frobeniusDistance(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = a[i][j] - b[i][j];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
    }

    /** The Euclidean norm of v. */
    public static double norm(double[] v) {
        return Math.sqrt(FourierResidualNet.dot(v, v));
    }

    /**
     * exp(-Theta t / P) r and its time integral int_0^t exp(-Theta s / P) r ds = sum_k q_k (q_k . r)
     * P (1 - exp(-lambda_k t / P)) / lambda_k (t when lambda_k = 0), by the eigendecomposition of the symmetric
     * positive semidefinite Theta: {lazy residual, its integral}.
     */
    public static double[][] lazyResidual(double[][] theta, double[] r, double t) {
        int p = r.length;
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(theta, true));
        RealMatrix q = eigen.getV();
        double[] lambda = eigen.getEigenvalues();
        double[] decayed = new double[p];
        double[] integral = new double[p];
        for (int k = 0; k < p; k++) {
            double overlap = 0;
            for (int a = 0; a < p; a++) {
                overlap += q.getEntry(a, k) * r[a];
            }
            double rate = Math.max(lambda[k], 0) / p;
            double decay = Math.exp(-rate * t);
            double area = rate * t < 1e-8 ? t * (1 - rate * t / 2) : -Math.expm1(-rate * t) / rate;
            for (int a = 0; a < p; a++) {
                decayed[a] += q.getEntry(a, k) * overlap * decay;
                integral[a] += q.getEntry(a, k) * overlap * area;
            }
        }
        return new double[][] {decayed, integral};
    }
}
