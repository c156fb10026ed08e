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
 * much smaller than its terms (e.g. high frequencies with nearly cancelling kernels). The quadratic forms w^T K w are
 * exact for any size of K ({@link #quadraticForm}), so a huge, nearly singular kernel loses nothing. Any k <= 6,
 * any powers and derivatives (derivatives beyond 8 are refused for uniformity with the jets).
 *
 * <h2>Products of derivatives</h2>
 * sigma^(k)(z) = sin(z + k pi/2) = (2i)^{-1} sum_{s = +-1} s (i s)^k e^{i s z}. A product of M = sum_k m_k such
 * factors at one sample is (2i)^{-M} i^{sum_k k m_k} times a sum over the signs of its factors; grouping the m_k
 * factors of order k by the number j of plus signs,
 * <pre>
 *   (d/dz)^d prod_k (sigma^(k)(z))^{m_k} = i^{d - M + sum_k k m_k} 2^{-M} sum_J c_J w_J^d e^{i w_J z},  w_J = 2J - M,
 *   c = the convolution over k of ( C(m_k, j) (-1)^{(m_k - j)(1 + k)} )_{j = 0..m_k},
 * </pre>
 * and the expectation is the sum above with these coefficients and D = sum_x (d_x - M_x + sum_k k m_{x,k}) (the
 * plain case is k = 0 only). Same accuracy; at most prod_x (M_x + 1) terms; any k + d_x &lt;= 8, powers up to 64.
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
        return realPart(k2, phase, freq, coef);
    }

    /** The expectation of a product of derivatives of sin (class comment). */
    @Override
    public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance, factors, derivatives, 64);
        int k = k2.length;
        int phase = 0;
        double[][] freq = new double[k][];
        double[][] coef = new double[k][];
        for (int x = 0; x < k; x++) {
            int[] row = factors[x];
            int m = DerivativeFactors.count(row);
            phase += derivatives[x] - m;
            double[] c = {1.0};
            for (int order = 0; order < row.length; order++) {
                phase += order * row[order];
                c = convolve(c, group(row[order], order));
            }
            freq[x] = new double[m + 1];
            coef[x] = new double[m + 1];
            for (int j = 0; j <= m; j++) {
                double w = 2 * j - m;
                freq[x][j] = w;
                coef[x][j] = Math.scalb(c[j], -m) * Math.pow(w, derivatives[x]); // pow(0, 0) = 1
            }
        }
        return realPart(k2, phase, freq, coef);
    }

    /** C(m, j) (-1)^{(m - j)(1 + k)}, j = 0..m: the m factors sigma^(k) by their number j of plus signs. */
    private static double[] group(int m, int k) {
        double[] c = new double[m + 1];
        double binom = 1.0;
        for (int j = 0; j <= m; j++) {
            c[j] = ((m - j) * (1 + k)) % 2 == 0 ? binom : -binom;
            binom = binom * (m - j) / (j + 1);
        }
        return c;
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i + j] += a[i] * b[j];
            }
        }
        return c;
    }

    /** i^phase times the sum over frequency vectors: zero for odd phase (the sum is real). */
    private static double realPart(double[][] k2, int phase, double[][] freq, double[][] coef) {
        int p = Math.floorMod(phase, 4);
        if (p % 2 == 1) {
            return 0.0;
        }
        double sum = sum(k2, freq, coef, 0, new double[k2.length], 1.0);
        double value = p == 0 ? sum : -sum;
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("sin moment is not finite: " + value);
        }
        return value;
    }

    private static double sum(double[][] k2, double[][] freq, double[][] coef, int x, double[] w, double c) {
        int k = k2.length;
        if (x == k) {
            return c * Math.exp(-0.5 * quadraticForm(k2, w));
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

    /**
     * w^T K w, accurate for any size of K: in floating point the sum carries an error of about 1e-16 sum |w_a K_ab w_b|,
     * which for a large, nearly singular K (q of order one, entries of order 1e16) is the whole of q, and would make
     * exp(-q/2) wrong by tens of percent. Where that bound could matter the sum is done exactly (BigDecimal holds every
     * double and their products exactly), and rounded once.
     */
    static double quadraticForm(double[][] k2, double[] w) {
        int k = k2.length;
        double q = 0.0;
        double size = 0.0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double term = w[a] * k2[a][b] * w[b];
                q += term;
                size += Math.abs(term);
            }
        }
        double bound = 4 * (k * k + 2) * Math.ulp(1.0) * size;
        if (bound < 1e-15 || q - bound > 1600) { // accurate to 1e-15 absolute, or exp(-q/2) underflows anyway
            return q;
        }
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                exact = exact.add(new java.math.BigDecimal(w[a]).multiply(new java.math.BigDecimal(k2[a][b]))
                        .multiply(new java.math.BigDecimal(w[b])));
            }
        }
        return exact.doubleValue();
    }
}
