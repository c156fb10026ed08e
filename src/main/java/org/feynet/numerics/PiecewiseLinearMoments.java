package org.feynet.numerics;

import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Exact Gaussian moments for the piecewise power activations with their kink at the origin,
 * sigma(z) = a relu(z)^p + b relu(-z)^p with p = 1..4 (p = 1: relu with a = 1, b = 0; abs, a = b = 1; the identity,
 * a = 1, b = -1; a leaky relu, a = 1, b = -alpha; p = 2: the squared relu, z|z|, ...), reduced to the exact
 * {@link ReluMoments}.
 *
 * <p>Since relu(z) relu(-z) = 0 everywhere, sigma^m = a^m relu(z)^{pm} + b^m relu(-z)^{pm} for m >= 1, and
 * (d/dz)^d relu(-z)^q = (-1)^d [(d/dz)^d relu^q](-z) (distributions included). So for distinct samples x,
 * <pre>
 *   E[prod_x (d/dz_x)^{d_x} sigma(z_x)^{m_x}] = sum over signs s in {+1,-1}^k of
 *       prod_x c_x(s_x) * E_{S K S}[prod_x (d/dz_x)^{d_x} relu(z_x)^{p m_x}],
 *   c_x(+1) = a^{m_x},  c_x(-1) = b^{m_x} (-1)^{d_x},  S = diag(s),
 * </pre>
 * each term an exact ReLU moment of the reflected samples s_x z_x (covariance S K S). Samples with m_x = 0 are
 * not expanded. The accuracy is that of {@link ReluMoments} (about 1e-12).
 *
 * <h2>Products of derivatives</h2>
 * On the + branch sigma^(k)(z) = a p!/(p-k)! relu(z)^{p-k} for k &lt;= p (k = p: a p! theta(z)), on the - branch
 * sigma^(k)(z) = b (-1)^k p!/(p-k)! relu(-z)^{p-k}; the branches again have disjoint supports, so
 * <pre>
 *   prod_k (sigma^(k)(z))^{m_k} = A relu(z)^e theta(z) + B relu(-z)^e theta(-z),   e = sum_k (p - k) m_k,
 *   A = prod_k (a p!/(p-k)!)^{m_k},   B = prod_k (b (-1)^k p!/(p-k)!)^{m_k},
 * </pre>
 * and the sum over reflections above holds with c_x(+1) = A_x, c_x(-1) = B_x (-1)^{d_x} and the ReLU factor
 * z^{e_x} theta(z_x) (relu^{e_x}, or theta alone for e_x = 0: {@link ReluMoments#expectWithDerivativeFactors}).
 * A factor sigma^(k) with k &gt; p is, pointwise, 0 almost everywhere (its distributional part, a delta function at
 * the kink, is what outer derivatives carry), so such a product has expectation 0.
 */
public final class PiecewiseLinearMoments implements GaussianMoments {

    private final double a;
    private final double b;
    private final int p;
    private final ReluMoments relu = new ReluMoments();

    /** sigma(z) = a relu(z) + b relu(-z). */
    public PiecewiseLinearMoments(double a, double b) {
        this(a, b, 1);
    }

    /** sigma(z) = a relu(z)^p + b relu(-z)^p. */
    public PiecewiseLinearMoments(double a, double b, int p) {
        this.a = a;
        this.b = b;
        this.p = p;
    }

    /**
     * The slopes (a, b) when sigma is a relu(z) + b relu(-z); empty otherwise. See {@link #shape}.
     */
    public static Optional<double[]> slopes(DoubleUnaryOperator sigma) {
        return shape(sigma).filter(s -> s[2] == 1).map(s -> new double[] {s[0], s[1]});
    }

    /**
     * (a, b, p) when sigma(z) = a relu(z)^p + b relu(-z)^p for an integer p in 1..4, checked at 64 points spread over
     * [-40, 40] (and at 0) to 1e-12 relative; empty otherwise.
     */
    public static Optional<double[]> shape(DoubleUnaryOperator sigma) {
        double a = sigma.applyAsDouble(1.0);
        double b = sigma.applyAsDouble(-1.0);
        if (!Double.isFinite(a) || !Double.isFinite(b) || sigma.applyAsDouble(0.0) != 0.0 || (a == 0 && b == 0)) {
            return Optional.empty();
        }
        double ratio = a != 0 ? sigma.applyAsDouble(2.0) / a : sigma.applyAsDouble(-2.0) / b;
        long p = Math.round(Math.log(ratio) / Math.log(2));
        if (p < 1 || p > 4) {
            return Optional.empty();
        }
        for (int i = 1; i <= 64; i++) {
            double z = 40.0 * Math.sin(0.37 * i * i + 0.1 * i);
            double expected = z > 0 ? a * Math.pow(z, p) : b * Math.pow(-z, p);
            double actual = sigma.applyAsDouble(z);
            if (!(Math.abs(actual - expected) <= 1e-12 * Math.max(1.0, Math.abs(expected)))) {
                return Optional.empty();
            }
        }
        return Optional.of(new double[] {a, b, p});
    }

    @Override
    public double expect(double[][] covariance, int[] powers, int[] derivatives) {
        int k = covariance.length;
        double[] plus = new double[k];
        double[] minus = new double[k];
        int[] reluPowers = new int[k];
        for (int x = 0; x < k; x++) {
            plus[x] = Math.pow(a, powers[x]);
            minus[x] = Math.pow(b, powers[x]) * (derivatives[x] % 2 == 0 ? 1 : -1);
            reluPowers[x] = p * powers[x];
        }
        return overReflections(covariance, powers, plus, minus,
            reflected -> relu.expect(reflected, reluPowers, derivatives));
    }

    /**
     * The product of derivatives of sigma (class comment); 0 when a factor sigma^(k) has k &gt; p (pointwise 0 almost
     * everywhere, see {@link GaussianMoments}).
     */
    @Override
    public double expectWithDerivativeFactors(double[][] covariance, int[][] factors, int[] derivatives) {
        Covariance.validate(covariance, factors, derivatives, ReluMoments.MAX_POWER);
        for (int[] row : factors) {
            if (DerivativeFactors.highestOrder(row) > p) {
                return 0.0;
            }
        }
        int k = covariance.length;
        int[] counts = new int[k];
        double[] plus = new double[k];
        double[] minus = new double[k];
        int[][] reluFactors = new int[k][];
        for (int x = 0; x < k; x++) {
            counts[x] = DerivativeFactors.count(factors[x]);
            plus[x] = branchCoefficient(a, 1, factors[x]);
            minus[x] = branchCoefficient(b, -1, factors[x]) * (derivatives[x] % 2 == 0 ? 1 : -1);
            int e = 0;
            for (int order = 0; order < factors[x].length; order++) {
                e += (p - order) * factors[x][order];
            }
            reluFactors[x] = counts[x] == 0 ? new int[0] : e == 0 ? new int[] {0, 1} : new int[] {e};
        }
        return overReflections(covariance, counts, plus, minus,
            reflected -> relu.expect(reflected, reluFactors, derivatives));
    }

    /** prod_k (c s^k p!/(p-k)!)^{m_k}: the branch's coefficient, s = +1 (c = a) or -1 (c = b). */
    private double branchCoefficient(double c, int s, int[] row) {
        double product = 1.0;
        for (int order = 0; order < row.length; order++) {
            double factor = c * (order % 2 == 0 || s > 0 ? 1 : -1)
                * ReluMoments.factorial(p) / ReluMoments.factorial(p - order);
            product *= Math.pow(factor, row[order]);
        }
        return product;
    }

    /**
     * sum over the reflections S of the samples with factors (counts[x] &gt; 0) of prod_x c_x(s_x) times the ReLU
     * moment at S K S.
     */
    private static double overReflections(double[][] covariance, int[] counts, double[] plus, double[] minus,
                                          ToDoubleFunction<double[][]> reluMoment) {
        int k = covariance.length;
        double total = 0.0;
        for (int signs = 0; signs < (1 << k); signs++) {
            double coefficient = 1.0;
            boolean skip = false;
            for (int x = 0; x < k && !skip; x++) {
                boolean reflected = ((signs >> x) & 1) == 1;
                if (counts[x] == 0) {
                    skip = reflected;
                    continue;
                }
                coefficient *= reflected ? minus[x] : plus[x];
            }
            if (skip || coefficient == 0.0) {
                continue;
            }
            total += coefficient * reluMoment.applyAsDouble(reflect(covariance, signs));
        }
        return total;
    }

    private static double[][] reflect(double[][] k, int signs) {
        int n = k.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int si = ((signs >> i) & 1) == 1 ? -1 : 1;
                int sj = ((signs >> j) & 1) == 1 ? -1 : 1;
                out[i][j] = si * sj * k[i][j];
            }
        }
        return out;
    }
}
