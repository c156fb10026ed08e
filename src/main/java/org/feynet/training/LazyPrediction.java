package org.feynet.training;

import org.feynet.model.FourierResidualTraining;
import org.feynet.numerics.FourierResidualKernels;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * The infinite-width (lazy) prediction of training, averaged exactly over the mask patterns (docs/METHOD.md,
 * "Learning curve from the spectrum"). At infinite width a network with mask pattern m has the frozen NTK Theta_m
 * and its initial outputs are Gaussian with the NNGP covariance K_m, so gradient flow from f(0) gives, with
 * E = exp(-Theta t / P) on the training inputs X and A = Theta^-1 (I - E) (kernel regression at time t),
 * <pre>
 *   f(X, t)  = y + E (f0(X) - y),                    f(x*, t) = f0(x*) - Theta(x*, X) A (f0(X) - y),
 *   E loss(t) = (1/(2P)) [ y^T E^2 y + tr(E K_XX E) ],
 *   E test(t) = (1/(2P*)) [ |y* - M y|^2 + tr(K_** - 2 M K_X* + M K_XX M^T) ],   M = Theta(x*, X) A,
 * </pre>
 * the expectation over the initialisation; both are averaged over the patterns with their probabilities
 * p^k (1-p)^(L-k), as are the eigenvalues of Theta_m (descending). A is formed from the eigendecomposition of
 * Theta_m, (1 - exp(-lambda t/P)) / lambda -> t/P as lambda -> 0, so a singular Theta is harmless. The Fourier gram
 * is its m -> infinity limit exp(-2 pi^2 s^2 |x - x'|^2).
 *
 * @param times       t_k
 * @param loss        E loss(t_k)
 * @param testError   E test(t_k) (NaN without a held-out set)
 * @param eigenvalues E_m[lambda_i(Theta_m)], descending by index i
 */
public record LazyPrediction(double[] times, double[] loss, double[] testError, double[] eigenvalues) {

    /** The mask-averaged prediction at {@code times}. */
    public static LazyPrediction maskAveraged(FourierResidualTraining training, double[] times) {
        double[][] train = training.network().inputs();
        double[][] test = training.testInputs();
        int p = train.length;
        int q = test.length;
        double[][] joint = new double[p + q][];
        System.arraycopy(train, 0, joint, 0, p);
        System.arraycopy(test, 0, joint, p, q);
        FourierResidualKernels.MaskAverage average = FourierResidualKernels.maskAverage(training.network(), joint);
        double[] loss = new double[times.length];
        double[] testError = new double[times.length];
        double[] eigenvalues = new double[p];
        for (FourierResidualKernels.MaskPattern pattern : average.patterns()) {
            double weight = pattern.probability();
            double[][] ntk = pattern.kernels().ntk();
            double[][] nngp = pattern.kernels().nngp();
            Pattern one = new Pattern(ntk, nngp, p, training.targets(), training.testTargets());
            double[] lambda = Gram.eigenvalues(block(ntk, 0, p, 0, p));
            for (int i = 0; i < p; i++) {
                eigenvalues[i] += weight * lambda[i];
            }
            for (int k = 0; k < times.length; k++) {
                loss[k] += weight * one.loss(times[k]);
                testError[k] += q == 0 ? Double.NaN : weight * one.testError(times[k]);
            }
        }
        return new LazyPrediction(times.clone(), loss, testError, eigenvalues);
    }

    /** One pattern's kernels on the joint inputs (training first). */
    static final class Pattern {
        private final int p;
        private final double[][] ntkXX;
        private final double[][] ntkStarX;
        private final double[][] kXX;
        private final double[][] kStarX;
        private final double[][] kStarStar;
        private final double[] y;
        private final double[] yStar;
        private final RealMatrix vectors;
        private final double[] lambda;

        Pattern(double[][] ntk, double[][] nngp, int p, double[] y, double[] yStar) {
            int all = ntk.length;
            this.p = p;
            this.ntkXX = block(ntk, 0, p, 0, p);
            this.ntkStarX = block(ntk, p, all, 0, p);
            this.kXX = block(nngp, 0, p, 0, p);
            this.kStarX = block(nngp, p, all, 0, p);
            this.kStarStar = block(nngp, p, all, p, all);
            this.y = y;
            this.yStar = yStar;
            EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(ntkXX));
            this.vectors = eigen.getV();
            this.lambda = eigen.getEigenvalues();
        }

        /** sum_k q_k g(lambda_k) q_k^T. */
        private double[][] spectral(java.util.function.DoubleUnaryOperator g) {
            double[][] out = new double[p][p];
            for (int k = 0; k < p; k++) {
                double gk = g.applyAsDouble(Math.max(lambda[k], 0));
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        out[a][b] += vectors.getEntry(a, k) * gk * vectors.getEntry(b, k);
                    }
                }
            }
            return out;
        }

        double loss(double t) {
            double[][] e2 = spectral(l -> Math.exp(-2 * l * t / p));
            double sum = quadratic(e2, y);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    sum += e2[a][b] * kXX[b][a];
                }
            }
            return sum / (2 * p);
        }

        double testError(double t) {
            double[][] a = spectral(l -> l * t / p < 1e-8 ? t / p : -Math.expm1(-l * t / p) / l);
            double[][] m = multiply(ntkStarX, a);
            int q = m.length;
            double sum = 0;
            double[] my = apply(m, y);
            for (int i = 0; i < q; i++) {
                double d = yStar[i] - my[i];
                sum += d * d;
            }
            double[][] mk = multiply(m, kXX);
            for (int i = 0; i < q; i++) {
                double cross = 0;
                double quad = 0;
                for (int b = 0; b < p; b++) {
                    cross += m[i][b] * kStarX[i][b];
                    quad += mk[i][b] * m[i][b];
                }
                sum += kStarStar[i][i] - 2 * cross + quad;
            }
            return sum / (2 * q);
        }
    }

    static double[][] block(double[][] m, int r0, int r1, int c0, int c1) {
        double[][] out = new double[r1 - r0][c1 - c0];
        for (int i = r0; i < r1; i++) {
            System.arraycopy(m[i], c0, out[i - r0], 0, c1 - c0);
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[] apply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = FourierResidualNet.dot(m[i], v);
        }
        return out;
    }

    private static double quadratic(double[][] m, double[] v) {
        return FourierResidualNet.dot(v, apply(m, v));
    }
}
