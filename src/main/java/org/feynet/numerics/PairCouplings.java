package org.feynet.numerics;

import org.feynet.model.Matrices;

/**
 * The bias and weight (co)variances of a residual network's increments, pair of samples by pair of samples: given
 * layer l the increments xi_a = b_a + sum_j W_aj sigma(z_j) on samples a, b have Cov(xi_a, xi_b) = Cb_ab + Cw_ab
 * G_ab, G = (1/n) sigma(z).sigma(z). One network has Cb_ab = Cb and Cw_ab = Cw for every pair; two copies of a
 * network whose parameters are correlated (the NTK's coupled copies, {@link FourierResidualNtk}) have other values
 * for the pairs that join a sample of one copy to a sample of the other. The exact O(1/n) route holds for any
 * symmetric Cb, Cw for which every increment covariance is positive semidefinite (docs/METHOD.md, "The 1/n
 * correction of the NTK").
 *
 * @param cb Cb_ab, P x P symmetric
 * @param cw Cw_ab, P x P symmetric
 */
public record PairCouplings(double[][] cb, double[][] cw) {

    public PairCouplings {
        cb = Matrices.copy(cb);
        cw = Matrices.copy(cw);
        if (cb.length != cw.length) {
            throw new IllegalArgumentException("Cb and Cw of different sizes");
        }
        for (int a = 0; a < cb.length; a++) {
            for (int b = 0; b < cb.length; b++) {
                if (cb[a][b] != cb[b][a] || cw[a][b] != cw[b][a]) {
                    throw new IllegalArgumentException("pair couplings must be symmetric");
                }
            }
        }
    }

    /** One network: Cb and Cw for every pair of its p samples. */
    public static PairCouplings uniform(double cb, double cw, int p) {
        double[][] b = new double[p][p];
        double[][] w = new double[p][p];
        for (int a = 0; a < p; a++) {
            java.util.Arrays.fill(b[a], cb);
            java.util.Arrays.fill(w[a], cw);
        }
        return new PairCouplings(b, w);
    }

    /** P, the number of samples. */
    public int samples() {
        return cb.length;
    }

    /** Cb_ab. */
    public double cb(int a, int b) {
        return cb[a][b];
    }

    /** Cw_ab. */
    public double cw(int a, int b) {
        return cw[a][b];
    }

    /** Whether every pair has the same Cb and Cw (one network). */
    public boolean isUniform() {
        for (double[][] m : new double[][][] {cb, cw}) {
            for (double[] row : m) {
                for (double x : row) {
                    if (x != m[0][0]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Cb and Cw by sample pair a &lt;= b ({@link StreamFunction#symmetricIndex}), as the exact route reads them. */
    ResidualTensors tensors(int n, int nl) {
        int p = samples();
        int ns = p * (p + 1) / 2;
        double[] b = new double[ns];
        double[] w = new double[ns];
        for (int x = 0; x < p; x++) {
            for (int y = x; y < p; y++) {
                b[StreamFunction.symmetricIndex(x, y, p)] = cb[x][y];
                w[StreamFunction.symmetricIndex(x, y, p)] = cw[x][y];
            }
        }
        return ResidualTensors.of(n, ns, nl).with("Cb", b).with("Cw", w);
    }
}
