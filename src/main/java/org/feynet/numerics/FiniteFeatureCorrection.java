package org.feynet.numerics;

import java.util.function.Function;
import org.feynet.model.FourierResidualNetwork;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The leading finite-feature (1/m) correction of the infinite-width output kernels of a Fourier-feature residual
 * network, by the second-order delta method.
 *
 * <p>With m frequencies the stream gram is G_B = G + delta, G_ab = exp(-2 pi^2 s^2 |x_a - x_b|^2) = E_B[G_B], and
 * delta_aa = 0 (cos 0 = 1). The entries are means of m iid terms cos(2 pi b.u_ab), u_ab = x_a - x_b, b ~ N(0, s^2 I),
 * so with phi(u) = exp(-2 pi^2 s^2 |u|^2) and cos A cos B = (cos(A + B) + cos(A - B)) / 2,
 * <pre>
 *   m Cov_B(delta_ab, delta_cd) = C_(ab),(cd) = (phi(u_ab + u_cd) + phi(u_ab - u_cd)) / 2 - phi(u_ab) phi(u_cd).
 * </pre>
 * For the map F from the stream gram to the output kernels (NNGP and NTK, mask-averaged), E_B[F(G + delta)] =
 * F(G) + (1/2) sum Hess F[delta, delta] + O(m^-2) (the first-order term has mean zero and the third central moment
 * of delta is O(m^-2)), hence
 * <pre>
 *   E_B[F(G_B)] = F(G) + c / m + O(1/m^2),    c = (1/2) sum_k mu_k d^2 F / d h^2 (G + h v_k) at h = 0,
 * </pre>
 * with C = sum_k mu_k v_k v_k^T over the P(P-1)/2 off-diagonal pairs (v_k applied symmetrically), each second
 * directional derivative by the central difference (F(G + h v) - 2 F(G) + F(G - h v)) / h^2, h = {@value #STEP}
 * (truncation O(h^2), rounding about 1e-12 / h^2: both near 1e-6).
 */
public final class FiniteFeatureCorrection {

    static final double STEP = 1e-3;

    private FiniteFeatureCorrection() {}

    /** The coefficients c of the NNGP and the NTK: E_B[kernel] = infinite-m kernel + c / m + O(1/m^2). */
    public record Correction(double[][] nngp, double[][] ntk) {}

    /** c for the mask-averaged output kernels of {@code net} on {@code inputs}. */
    public static Correction of(FourierResidualNetwork net, double[][] inputs) {
        double[][] g = FourierResidualKernels.fourierGram(net.features().scale(), inputs);
        return of(g, pairCovariance(net.features().scale(), inputs), gram -> {
            FourierResidualKernels.MaskAverage a = new FourierResidualKernels(net).maskAverage(gram);
            return new double[][][] {a.nngp(), a.ntk()};
        });
    }

    /**
     * c = (1/2) sum_k mu_k D^2_{v_k} F(G) for a map F: gram -&gt; {NNGP, NTK} and the pair covariance C (times m).
     */
    static Correction of(double[][] g, double[][] covariance, Function<double[][], double[][][]> f) {
        int p = g.length;
        int[][] pairs = pairs(p);
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(covariance, false));
        double[][][] centre = f.apply(g);
        double[][] nngp = new double[p][p];
        double[][] ntk = new double[p][p];
        for (int k = 0; k < pairs.length; k++) {
            double mu = eigen.getEigenvalue(k);
            if (mu <= 1e-14) {
                continue;
            }
            double[] v = eigen.getEigenvector(k).toArray();
            double[][][] up = f.apply(shifted(g, pairs, v, STEP));
            double[][][] down = f.apply(shifted(g, pairs, v, -STEP));
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    nngp[a][b] += 0.5 * mu * (up[0][a][b] - 2 * centre[0][a][b] + down[0][a][b]) / (STEP * STEP);
                    ntk[a][b] += 0.5 * mu * (up[1][a][b] - 2 * centre[1][a][b] + down[1][a][b]) / (STEP * STEP);
                }
            }
        }
        return new Correction(nngp, ntk);
    }

    /** C_(ab),(cd) over the pairs a &lt; b in the order of {@link #pairs}. */
    public static double[][] pairCovariance(double scale, double[][] inputs) {
        int[][] pairs = pairs(inputs.length);
        double[][] c = new double[pairs.length][pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            double[] u = difference(inputs, pairs[i]);
            for (int j = 0; j < pairs.length; j++) {
                double[] v = difference(inputs, pairs[j]);
                double plus = 0;
                double minus = 0;
                double uu = 0;
                double vv = 0;
                for (int d = 0; d < u.length; d++) {
                    plus += (u[d] + v[d]) * (u[d] + v[d]);
                    minus += (u[d] - v[d]) * (u[d] - v[d]);
                    uu += u[d] * u[d];
                    vv += v[d] * v[d];
                }
                c[i][j] = 0.5 * (phi(scale, plus) + phi(scale, minus)) - phi(scale, uu) * phi(scale, vv);
            }
        }
        return c;
    }

    /** The pairs (a, b), a &lt; b, row by row. */
    static int[][] pairs(int p) {
        int[][] pairs = new int[p * (p - 1) / 2][];
        int k = 0;
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                pairs[k++] = new int[] {a, b};
            }
        }
        return pairs;
    }

    private static double phi(double scale, double squaredNorm) {
        return Math.exp(-2 * Math.PI * Math.PI * scale * scale * squaredNorm);
    }

    private static double[] difference(double[][] x, int[] pair) {
        double[] u = new double[x[0].length];
        for (int d = 0; d < u.length; d++) {
            u[d] = x[pair[0]][d] - x[pair[1]][d];
        }
        return u;
    }

    private static double[][] shifted(double[][] g, int[][] pairs, double[] v, double h) {
        double[][] s = org.feynet.model.Matrices.copy(g);
        for (int k = 0; k < pairs.length; k++) {
            s[pairs[k][0]][pairs[k][1]] += h * v[k];
            s[pairs[k][1]][pairs[k][0]] += h * v[k];
        }
        return s;
    }
}
