package org.feynet.numerics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Gaussian expectations of one layer, &lt; d_{x_1} ... d_{x_k} (sigma_{s_1} ... sigma_{s_j}) &gt;_{K0}, for concrete
 * sample indices, computed once and cached. Samples that coincide are merged: the product becomes
 * prod_x (d/dz_x)^{d_x} sigma(z_x)^{m_x} over the distinct samples x, with m_x and d_x their multiplicities,
 * and the expectation is taken under the covariance of those samples (the submatrix of K0). A derivative in a
 * sample that carries no sigma factor gives zero.
 *
 * <p>The NTK's expectations hold derivatives of sigma as factors, &lt; d_{x_1} ... d_{x_k} (sigma^(o_1)_{s_1} ...
 * sigma^(o_j)_{s_j}) &gt;_{K0} ({@link #atom(int[], int[], int[])}); they are merged the same way, each distinct
 * sample carrying the powers of its factors by order ({@link GaussianMoments#expect(double[][], int[][], int[])}).
 */
public final class MomentTable {

    private final GaussianMoments engine;
    private final double[][] kernel;
    private final ConcurrentHashMap<String, Double> cache = new ConcurrentHashMap<>();

    public MomentTable(GaussianMoments engine, double[][] kernel) {
        this.engine = engine;
        this.kernel = kernel;
    }

    /** The expectation for sigma factors at samples {@code sigma} and derivatives at samples {@code derivatives}. */
    public double atom(int[] sigma, int[] derivatives) {
        int[] distinct = distinct(sigma);
        int[] powers = new int[distinct.length];
        int[] orders = new int[distinct.length];
        for (int s : sigma) {
            powers[Arrays.binarySearch(distinct, s)]++;
        }
        for (int d : derivatives) {
            int x = Arrays.binarySearch(distinct, d);
            if (x < 0) {
                return 0;
            }
            orders[x]++;
        }
        String key = Arrays.toString(distinct) + Arrays.toString(powers) + Arrays.toString(orders);
        Double cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        double value = engine.expect(submatrix(distinct), powers, orders);
        cache.put(key, value);
        return value;
    }

    /**
     * The expectation of the product of the factors sigma^(orders[j])(z_{samples[j]}) under derivatives at samples
     * {@code derivatives}: the factors are merged by distinct sample (prod_k (sigma^(k))^{m_k} at each), a derivative
     * in a sample without factors gives zero. With every order 0 it is {@link #atom(int[], int[])}, the same number.
     *
     * @param samples     the sample of each factor
     * @param orders      the derivative order k &gt;= 0 of each factor sigma^(k), as many as samples
     * @param derivatives the sample of each outer derivative
     * @throws IllegalArgumentException when samples and orders differ in length or an order is negative
     */
    public double atom(int[] samples, int[] orders, int[] derivatives) {
        if (samples.length != orders.length) {
            throw new IllegalArgumentException(samples.length + " samples for " + orders.length + " factor orders");
        }
        if (Arrays.stream(orders).allMatch(o -> o == 0)) {
            return atom(samples, derivatives);
        }
        int[] distinct = distinct(samples);
        int[][] factors = new int[distinct.length][1];
        for (int j = 0; j < samples.length; j++) {
            if (orders[j] < 0) {
                throw new IllegalArgumentException("factor order " + orders[j] + " is negative");
            }
            int x = Arrays.binarySearch(distinct, samples[j]);
            if (factors[x].length <= orders[j]) {
                factors[x] = Arrays.copyOf(factors[x], orders[j] + 1);
            }
            factors[x][orders[j]]++;
        }
        int[] counts = new int[distinct.length];
        for (int d : derivatives) {
            int x = Arrays.binarySearch(distinct, d);
            if (x < 0) {
                return 0;
            }
            counts[x]++;
        }
        String key = Arrays.toString(distinct) + Arrays.deepToString(factors) + Arrays.toString(counts);
        Double cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        double value = engine.expect(submatrix(distinct), factors, counts);
        cache.put(key, value);
        return value;
    }

    private double[][] submatrix(int[] samples) {
        double[][] k = new double[samples.length][samples.length];
        for (int i = 0; i < samples.length; i++) {
            for (int j = 0; j < samples.length; j++) {
                k[i][j] = kernel[samples[i]][samples[j]];
            }
        }
        return k;
    }

    /** The distinct values of {@code samples}, sorted. */
    public static int[] distinct(int... samples) {
        return Arrays.stream(samples).distinct().sorted().toArray();
    }
}
