package org.feynet.sampling;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * Exact finite-width moments of the metric of a single-input network with sigma(z) = z^2 and Cb = 0, an independent
 * reference with non-zero K1 (no diagrams, no quadrature).
 *
 * <p>Given layer l, z_j = sqrt(G) g_j with g_j iid N(0, 1), so Ghat' = Cw G^2 Y with Y = (1/n) sum_j g_j^4, independent
 * of G. Hence E[Ghat'^k] = Cw^k E[G^(2k)] E[Y^k] exactly, and E[Ghat^(1)^k] = K^k. With eps = 1/n the cumulants of Y
 * are kappa_m(Y) = eps^(m-1) kappa_m(g^4), the cumulants of g^4 follow from its moments E[g^(4m)] = (4m-1)!!, and the
 * moments of Y from its cumulants: every E[G^k] is a polynomial in eps with rational coefficients, computed exactly.
 * Then E[G] = K0 + K1 eps + K2 eps^2 + ..., Cov(G, G) = V4 eps + V4_1 eps^2 + ..., kappa_3 = T6 eps^2 + ...
 */
public final class QuadraticNetworkMoments {

    private final BigFraction cw;
    private final BigFraction k;

    /** @param cw the weight variance and {@code k} the first-layer metric, both exact */
    public QuadraticNetworkMoments(BigFraction cw, BigFraction k) {
        this.cw = cw;
        this.k = k;
    }

    /** E[(Ghat^(l))^power] as a polynomial in eps = 1/n, coefficients lowest first. */
    public List<BigFraction> moment(int layer, int power) {
        if (layer == 1) {
            return List.of(k.pow(power));
        }
        return times(scale(moment(layer - 1, 2 * power), cw.pow(power)), meanOfPower(power));
    }

    /** The coefficient of eps^order in E[G] (K0, K1, K2 for orders 0, 1, 2). */
    public double mean(int layer, int order) {
        return coefficient(moment(layer, 1), order);
    }

    /** The coefficient of eps^order in Cov(G, G) (V4 for order 1, V4_1 for order 2). */
    public double covariance(int layer, int order) {
        List<BigFraction> m1 = moment(layer, 1);
        return coefficient(plus(moment(layer, 2), scale(times(m1, m1), BigFraction.MINUS_ONE)), order);
    }

    /** The coefficient of eps^order in kappa_3(G, G, G) (T6 for order 2). */
    public double thirdCumulant(int layer, int order) {
        List<BigFraction> m1 = moment(layer, 1);
        List<BigFraction> m2 = moment(layer, 2);
        List<BigFraction> k3 = plus(moment(layer, 3), scale(times(m2, m1), new BigFraction(-3)));
        k3 = plus(k3, scale(times(m1, times(m1, m1)), new BigFraction(2)));
        return coefficient(k3, order);
    }

    /** E[Y^power], Y the mean of n iid g^4, as a polynomial in eps. */
    static List<BigFraction> meanOfPower(int power) {
        List<BigFraction> cumulants = cumulantsOfFourthPower(power);
        List<List<BigFraction>> moments = new ArrayList<>();
        moments.add(List.of(BigFraction.ONE));
        for (int m = 1; m <= power; m++) {
            List<BigFraction> sum = List.of();
            for (int j = 1; j <= m; j++) {
                List<BigFraction> kappa = monomial(cumulants.get(j - 1), j - 1);
                sum = plus(sum, scale(times(kappa, moments.get(m - j)), new BigFraction(binomial(m - 1, j - 1))));
            }
            moments.add(sum);
        }
        return moments.get(power);
    }

    /** kappa_1..kappa_count of g^4, g ~ N(0, 1), from its moments (4m-1)!!. */
    private static List<BigFraction> cumulantsOfFourthPower(int count) {
        List<BigFraction> mu = new ArrayList<>();
        mu.add(BigFraction.ONE);
        for (int m = 1; m <= count; m++) {
            mu.add(new BigFraction(doubleFactorial(4 * m - 1)));
        }
        List<BigFraction> kappa = new ArrayList<>();
        for (int m = 1; m <= count; m++) {
            BigFraction c = mu.get(m);
            for (int j = 1; j < m; j++) {
                c = c.subtract(kappa.get(j - 1).multiply(mu.get(m - j)).multiply(new BigFraction(binomial(m - 1, j - 1))));
            }
            kappa.add(c);
        }
        return kappa;
    }

    private static BigInteger doubleFactorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = n; i > 1; i -= 2) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    private static BigInteger binomial(int n, int r) {
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < r; i++) {
            b = b.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return b;
    }

    private static List<BigFraction> monomial(BigFraction c, int degree) {
        List<BigFraction> p = new ArrayList<>();
        for (int i = 0; i < degree; i++) {
            p.add(BigFraction.ZERO);
        }
        p.add(c);
        return p;
    }

    private static List<BigFraction> plus(List<BigFraction> a, List<BigFraction> b) {
        List<BigFraction> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            out.add((i < a.size() ? a.get(i) : BigFraction.ZERO).add(i < b.size() ? b.get(i) : BigFraction.ZERO));
        }
        return out;
    }

    private static List<BigFraction> times(List<BigFraction> a, List<BigFraction> b) {
        List<BigFraction> out = new ArrayList<>();
        for (int i = 0; i < a.size() + b.size() - 1; i++) {
            out.add(BigFraction.ZERO);
        }
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                out.set(i + j, out.get(i + j).add(a.get(i).multiply(b.get(j))));
            }
        }
        return out;
    }

    private static List<BigFraction> scale(List<BigFraction> a, BigFraction c) {
        return a.stream().map(x -> x.multiply(c)).toList();
    }

    private static double coefficient(List<BigFraction> p, int order) {
        return order < p.size() ? p.get(order).doubleValue() : 0.0;
    }
}
