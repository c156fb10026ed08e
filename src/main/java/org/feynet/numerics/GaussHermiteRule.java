package org.feynet.numerics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The n-point Gauss–Hermite rule for the standard normal weight,
 * <pre>
 *   E_{u ~ N(0,1)} [g(u)]  ~  sum_i w_i g(u_i),
 * </pre>
 * exact for polynomials of degree up to 2n - 1 (Gautschi, "Orthogonal Polynomials", 2004, section 1.4).
 *
 * <p>The nodes u_i are the zeros of the orthonormal probabilists' Hermite polynomial q_n, from the
 * three-term recurrence q_{j+1}(u) = (u q_j(u) - sqrt(j) q_{j-1}(u)) / sqrt(j + 1), q_0 = 1; the
 * weights are the Christoffel numbers w_i = 1 / sum_{j<n} q_j(u_i)^2. The recurrence is run on
 * q_j(u) exp(-u^2/4), which neither overflows nor underflows for |u| <= {@value #MAX_NODE}, zeros are
 * bracketed on a grid finer than the smallest zero spacing (about pi / sqrt(n), at the centre) and
 * polished by safeguarded Newton steps on q_n' = sqrt(n) q_{n-1}: nodes and weights are accurate to a
 * few ulps. Nodes beyond |u| = {@value #MAX_NODE} carry weights below 1e-36 and are left out, so the
 * weights sum to 1 within 1e-36 plus rounding; this costs O(n) per node and, unlike the recursive
 * construction of Hipparchus' {@code HermiteRuleFactory} (which takes seconds at n = 128 and fails
 * beyond about 300), is usable for n in the thousands.
 *
 * <p>Nodes are stored by increasing |u|, hence by decreasing weight, so that a sum may stop at the first
 * negligible weight. Rules are immutable and cached.
 */
final class GaussHermiteRule {

    /** Largest node kept: exp(-MAX_NODE^2/2) is about 3e-37. */
    static final double MAX_NODE = 12.9;

    private static final ConcurrentHashMap<Integer, GaussHermiteRule> CACHE = new ConcurrentHashMap<>();

    private final int order;
    private final double[] nodes;
    private final double[] weights;

    private GaussHermiteRule(int order, double[] nodes, double[] weights) {
        this.order = order;
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The cached rule with n points (n >= 1). */
    static GaussHermiteRule of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Gauss-Hermite order must be >= 1, got " + n);
        }
        return CACHE.computeIfAbsent(n, GaussHermiteRule::compute);
    }

    /**
     * Installs a rule read back from storage ({@link GaussHermiteRules#preload}) unless one of order n is cached
     * already; returns whether it was installed. The arrays must hold what {@link #compute} would return: at most n
     * finite nodes with |u| <= {@value #MAX_NODE} + 0.5 (the last bracket of {@link #compute} may end up to one grid
     * step, at most 0.33, beyond {@value #MAX_NODE}), by non-decreasing |u|, and positive finite weights.
     *
     * @throws IllegalArgumentException when they do not
     */
    static boolean install(int n, double[] nodes, double[] weights) {
        check(n, nodes, weights);
        return CACHE.putIfAbsent(n, new GaussHermiteRule(n, nodes.clone(), weights.clone())) == null;
    }

    /** Refuses arrays that {@link #install} would refuse ({@link IllegalArgumentException}). */
    static void check(int n, double[] nodes, double[] weights) {
        if (n < 1 || nodes.length != weights.length || nodes.length > n) {
            throw new IllegalArgumentException("not a Gauss-Hermite rule of order " + n);
        }
        for (int i = 0; i < nodes.length; i++) {
            boolean ordered = i == 0 || Math.abs(nodes[i]) >= Math.abs(nodes[i - 1]);
            boolean valid = Math.abs(nodes[i]) <= MAX_NODE + 0.5 && weights[i] > 0.0 && Double.isFinite(weights[i]);
            if (!valid || !ordered) {
                throw new IllegalArgumentException("not a Gauss-Hermite rule of order " + n + " (entry " + i + ")");
            }
        }
    }

    /** Every rule cached in this process, by increasing order. */
    static java.util.List<GaussHermiteRule> cached() {
        java.util.List<GaussHermiteRule> rules = new java.util.ArrayList<>(CACHE.values());
        rules.sort(java.util.Comparator.comparingInt(GaussHermiteRule::order));
        return rules;
    }

    int order() {
        return order;
    }

    /** Number of stored nodes (those with |u| <= MAX_NODE). */
    int size() {
        return nodes.length;
    }

    double node(int i) {
        return nodes[i];
    }

    double weight(int i) {
        return weights[i];
    }

    double[] nodes() {
        return nodes.clone();
    }

    double[] weights() {
        return weights.clone();
    }

    private static GaussHermiteRule compute(int n) {
        double[] root = new double[n + 1]; // sqrt(j), the same correctly rounded values as Math.sqrt in the loops
        for (int j = 0; j <= n; j++) {
            root[j] = Math.sqrt(j);
        }
        double[] pos = new double[n];
        int count = 0;
        double step = 0.125 * Math.PI / Math.sqrt(n + 0.5);
        double lo = (n % 2 == 1) ? step : 0.0; // for odd n, u = 0 is a zero, handled below
        double flo = scaled(n, lo, root)[0];
        while (lo < MAX_NODE && count < n / 2) {
            double hi = lo + step;
            double fhi = scaled(n, hi, root)[0];
            if (flo == 0.0 || Math.signum(flo) != Math.signum(fhi)) {
                pos[count++] = polish(n, lo, hi, flo, root);
            }
            lo = hi;
            flo = fhi;
        }
        int total = 2 * count + (n % 2);
        double[] u = new double[total];
        double[] w = new double[total];
        int k = 0;
        if (n % 2 == 1) {
            u[k] = 0.0;
            w[k++] = christoffel(n, 0.0, root);
        }
        for (int i = 0; i < count; i++) {
            double wi = christoffel(n, pos[i], root);
            u[k] = pos[i];
            w[k++] = wi;
            u[k] = -pos[i];
            w[k++] = wi;
        }
        // already by increasing |u|; keep a stable order for determinism
        Integer[] idx = new Integer[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(u[a]), Math.abs(u[b])));
        double[] us = new double[total];
        double[] ws = new double[total];
        for (int i = 0; i < total; i++) {
            us[i] = u[idx[i]];
            ws[i] = w[idx[i]];
        }
        return new GaussHermiteRule(n, us, ws);
    }

    /** {q_n(u), q_{n-1}(u)} times exp(-u^2/4). */
    private static double[] scaled(int n, double u, double[] root) {
        double prev = 0.0;
        double cur = Math.exp(-0.25 * u * u);
        for (int j = 0; j < n; j++) {
            double next = (u * cur - root[j] * prev) / root[j + 1];
            prev = cur;
            cur = next;
        }
        return new double[] {cur, prev};
    }

    private static double polish(int n, double a, double b, double fa, double[] root) {
        double x = 0.5 * (a + b);
        for (int it = 0; it < 100; it++) {
            double[] q = scaled(n, x, root);
            if (q[0] == 0.0) {
                return x;
            }
            if (Math.signum(q[0]) == Math.signum(fa)) {
                a = x;
            } else {
                b = x;
            }
            double newton = x - q[0] / (root[n] * q[1]);
            double next = (newton > a && newton < b) ? newton : 0.5 * (a + b);
            if (Math.abs(next - x) <= 4 * Math.ulp(x) + 1e-300) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /** 1 / sum_{j<n} q_j(u)^2, computed as exp(-u^2/2) / sum_j (q_j(u) exp(-u^2/4))^2. */
    private static double christoffel(int n, double u, double[] root) {
        double prev = 0.0;
        double cur = Math.exp(-0.25 * u * u);
        double sum = cur * cur;
        for (int j = 0; j < n - 1; j++) {
            double next = (u * cur - root[j] * prev) / root[j + 1];
            prev = cur;
            cur = next;
            sum += cur * cur;
        }
        return Math.exp(-0.5 * u * u) / sum;
    }
}
