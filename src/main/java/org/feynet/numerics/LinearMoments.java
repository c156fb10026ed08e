package org.feynet.numerics;

import java.util.HashMap;
import java.util.Map;

/**
 * Exact Gaussian moments for the linear activation sigma(z) = z: the engine of linear networks (see
 * {@link GaussianEngines}) and a reference for the quadrature.
 *
 * <p>(d/dz)^d z^m = m!/(m-d)! z^{m-d} (zero for d > m), and the Gaussian moments of monomials follow
 * from Isserlis' theorem (Isserlis 1918; Wick): with n_x the exponent of z_x and a any sample with
 * n_a > 0,
 * <pre>
 *   E[ z^n ] = sum_b K_{ab} (n - e_a)_b E[ z^{n - e_a - e_b} ],   E[z^0] = 1,
 * </pre>
 * memoized over exponent vectors. Exact up to rounding (all terms are products of kernel entries with
 * positive combinatorial weights, summed with the signs of K); any k <= 6, powers and derivatives.
 *
 * <p>Products of derivatives: sigma' = 1 and sigma^(k) = 0 for k &gt;= 2, so prod_k (sigma^(k)(z))^{m_k} is z^{m_0}
 * when m_k = 0 for every k &gt;= 2 (any power of sigma'), and 0 otherwise; the outer derivatives then act on z^{m_0}
 * as above. Powers up to 64 per factor.
 */
public final class LinearMoments implements GaussianMoments {

    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        double[][] k2 = Covariance.validate(covariance, powers, derivatives, 64);
        int k = k2.length;
        double c = 1.0;
        int[] n = new int[k];
        for (int x = 0; x < k; x++) {
            int m = powers[x];
            int d = derivatives[x];
            if (d > m) {
                return 0.0;
            }
            for (int j = 0; j < d; j++) {
                c *= m - j;
            }
            n[x] = m - d;
        }
        double value = c * moment(k2, n, new HashMap<>());
        if (!Double.isFinite(value)) {
            throw new NumericalTrouble("linear moment is not finite: " + value);
        }
        return value;
    }

    /** E[prod_x (d/dz_x)^{d_x} z_x^{m_{x,0}}], zero when some factor is sigma^(k) = 0, k &gt;= 2 (class comment). */
    @Override
    public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
        Covariance.validate(covariance, factors, derivatives, 64);
        int[] powers = new int[factors.length];
        for (int x = 0; x < factors.length; x++) {
            if (DerivativeFactors.highestOrder(factors[x]) >= 2) {
                return 0.0;
            }
            powers[x] = DerivativeFactors.power(factors[x], 0);
        }
        return expect(covariance, powers, derivatives);
    }

    /** E[prod_x z_x^{n_x}] for z ~ N(0, K), by the Isserlis recursion. */
    static double moment(double[][] k2, int[] n, Map<Long, Double> memo) {
        int total = 0;
        int a = -1;
        for (int x = 0; x < n.length; x++) {
            total += n[x];
            if (a < 0 && n[x] > 0) {
                a = x;
            }
        }
        if (total == 0) {
            return 1.0;
        }
        if (total % 2 == 1) {
            return 0.0;
        }
        long key = 0;
        for (int x = 0; x < n.length; x++) {
            key = key * 256 + n[x];
        }
        Double cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        n[a]--;
        double s = 0.0;
        for (int b = 0; b < n.length; b++) {
            if (n[b] == 0 || k2[a][b] == 0.0) {
                continue;
            }
            int mult = n[b];
            n[b]--;
            s += k2[a][b] * mult * moment(k2, n, memo);
            n[b]++;
        }
        n[a]++;
        memo.put(key, s);
        return s;
    }
}
