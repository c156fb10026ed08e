package org.feynet.numerics;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The eigen-decomposition of an NTK Gram Theta (P x P, symmetric) and the lazy-regime prediction of gradient flow
 * on the mean squared error (1/(2P)) sum_mu (f_mu - y_mu)^2 from f = 0 at rate 1: df/dt = -(1/P) Theta (f - y), so
 * the residual r = f - y obeys r(t) = exp(-Theta t / P) r(0), r(0) = -y, and with Theta = sum_k lambda_k v_k v_k^T,
 * <pre>
 *   ||r(t)||^2 / ||r(0)||^2 = sum_k c_k exp(-2 lambda_k t / P),      c_k = (v_k . y)^2 / ||y||^2,   sum_k c_k = 1.
 * </pre>
 * Eigenvalues by Hipparchus' {@link EigenDecompositionSymmetric}, in descending order.
 *
 * @param eigenvalues  lambda_1 &gt;= ... &gt;= lambda_P
 * @param eigenvectors eigenvectors[k] = v_k, unit length
 */
public record NtkSpectrum(double[] eigenvalues, double[][] eigenvectors) {

    /** Below this fraction of the largest eigenvalue, an eigenvalue counts as zero (a singular Gram). */
    public static final double SINGULAR = 1e-12;

    public NtkSpectrum {
        eigenvalues = eigenvalues.clone();
        eigenvectors = org.feynet.model.Matrices.copy(eigenvectors);
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[][] eigenvectors() {
        return org.feynet.model.Matrices.copy(eigenvectors);
    }

    /**
     * The spectrum of {@code gram}.
     *
     * @throws NumericalTrouble when an entry is not finite, the Gram is not symmetric (to 1e-10 relative), or it is
     *                          singular or indefinite (smallest eigenvalue below {@value #SINGULAR} times the largest)
     */
    public static NtkSpectrum of(double[][] gram) {
        int p = gram.length;
        double scale = 0;
        for (double[] row : gram) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new NumericalTrouble("the NTK Gram has a non-finite entry");
                }
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                if (Math.abs(gram[a][b] - gram[b][a]) > 1e-10 * scale) {
                    throw new NumericalTrouble("the NTK Gram is not symmetric at (" + a + ", " + b + ")");
                }
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(gram, true));
        double[] raw = eigen.getEigenvalues();
        Integer[] order = new Integer[p];
        for (int k = 0; k < p; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(raw[j], raw[i]));
        double[] values = new double[p];
        double[][] vectors = new double[p][];
        for (int k = 0; k < p; k++) {
            values[k] = raw[order[k]];
            vectors[k] = eigen.getEigenvector(order[k]).toArray();
        }
        if (!(values[p - 1] > SINGULAR * values[0])) {
            throw new NumericalTrouble("the NTK Gram is singular (smallest eigenvalue " + values[p - 1]
                    + ", largest " + values[0] + "): are two inputs equal, or is the kernel degenerate?");
        }
        return new NtkSpectrum(values, vectors);
    }

    /** c_k = (v_k . y)^2 / ||y||^2, the share of the targets along each eigenvector. */
    public double[] targetShares(double[] targets) {
        double norm = 0;
        for (double y : targets) {
            norm += y * y;
        }
        if (!(norm > 0)) {
            throw new IllegalArgumentException("the targets are all zero: the residual has nothing to decay");
        }
        double[] c = new double[eigenvalues.length];
        for (int k = 0; k < c.length; k++) {
            double dot = 0;
            for (int mu = 0; mu < targets.length; mu++) {
                dot += eigenvectors[k][mu] * targets[mu];
            }
            c[k] = dot * dot / norm;
        }
        return c;
    }

    /** ||r(t)||^2 / ||r(0)||^2 at each time, for targets y (P of them). */
    public double[] residual(double[] targets, double[] times) {
        double[] c = targetShares(targets);
        int p = targets.length;
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            double sum = 0;
            for (int k = 0; k < c.length; k++) {
                sum += c[k] * Math.exp(-2 * eigenvalues[k] * times[i] / p);
            }
            out[i] = sum;
        }
        return out;
    }
}
