package org.feynet.numerics;

/**
 * Exact Gaussian moments for sigma(z) = sin z: the engine of sin networks (see {@link GaussianEngines}) and a
 * reference for the quadrature engines.
 *
 * <p>Writing sin z = (e^{iz} - e^{-iz}) / (2i),
 * <pre>
 *   (d/dz)^d sin(z)^m = i^{d-m} 2^{-m} sum_{j=0}^{m} C(m,j) (-1)^{m-j} w_j^d e^{i w_j z},  w_j = 2j - m,
 * </pre>
 * and E[exp(i w.z)] = exp(-w^T K w / 2) for z ~ N(0, K), so
 * <pre>
 *   E[ prod_x (d/dz_x)^{d_x} sin(z_x)^{m_x} ] = Re(i^D) sum_{j_1..j_k} prod_x r_{x,j_x} exp(-w^T K w / 2),
 *   r_{x,j} = 2^{-m_x} C(m_x, j) (-1)^{m_x - j} w_j^{d_x},   D = sum_x (d_x - m_x),
 * </pre>
 * (the sum is real and vanishes for odd D by the symmetry w -> -w). At most prod_x (m_x + 1) terms;
 * the error is a few ulps of the largest term, so relative accuracy is lost only where the moment is
 * much smaller than its terms (e.g. high frequencies with nearly cancelling kernels). Any k <= 6,
 * any powers and derivatives (derivatives beyond 8 are refused for uniformity with the jets).
 */
public final class SinMoments implements GaussianMoments {

    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance, powers, derivatives, 64);
        int k = k2.length;
        int phase = 0;
        double[][] freq = new double[k][];
        double[][] coef = new double[k][];
        for (int x = 0; x < k; x++) {
            int m = powers[x];
            int d = derivatives[x];
            phase += d - m;
            freq[x] = new double[m + 1];
            coef[x] = new double[m + 1];
            double binom = 1.0;
            for (int j = 0; j <= m; j++) {
                double w = 2 * j - m;
                freq[x][j] = w;
                double sign = ((m - j) % 2 == 0) ? 1.0 : -1.0;
                coef[x][j] = Math.scalb(binom, -m) * sign * Math.pow(w, d); // pow(0, 0) = 1
                binom = binom * (m - j) / (j + 1);
            }
        }
        int p = Math.floorMod(phase, 4);
        if (p % 2 == 1) {
            return 0.0;
        }
        double sum = sum(k2, freq, coef, 0, new double[k], 1.0);
        double value = p == 0 ? sum : -sum;
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("sin moment is not finite: " + value);
        }
        return value;
    }

    private static double sum(double[][] k2, double[][] freq, double[][] coef, int x, double[] w, double c) {
        int k = k2.length;
        if (x == k) {
            double q = 0.0;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    q += w[a] * k2[a][b] * w[b];
                }
            }
            return c * Math.exp(-0.5 * q);
        }
        double s = 0.0;
        for (int j = 0; j < freq[x].length; j++) {
            if (coef[x][j] == 0.0) {
                continue;
            }
            w[x] = freq[x][j];
            s += sum(k2, freq, coef, x + 1, w, c * coef[x][j]);
        }
        return s;
    }
}
