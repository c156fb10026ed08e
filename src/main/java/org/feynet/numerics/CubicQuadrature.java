package org.feynet.numerics;

/**
 * Cumulative quadrature on a grid x_0 < x_1 < ... < x_N: the weights W[k][m] with int_{x_0}^{x_k} f ~ sum_m W[k][m]
 * f(x_m), for every k. Each interval [x_i, x_(i+1)] is integrated exactly for the cubic through the four nodes
 * i-1 .. i+2, the window shifted to stay inside 0 .. k (fewer nodes, and a lower degree, when k < 3). On a grid of
 * spacing h the error is O(h^5) per interval and O(h^4) in all for a smooth f (the composite rule of the local cubic
 * interpolant; the Lagrange basis is integrated by the two-point Gauss–Legendre rule, exact for cubics).
 */
public final class CubicQuadrature {

    private CubicQuadrature() {}

    public static double[][] cumulativeWeights(double[] x) {
        int n = x.length;
        double[][] w = new double[n][];
        double[] gauss = {0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)};
        for (int k = 0; k < n; k++) {
            w[k] = new double[k + 1];
            int count = Math.min(4, k + 1);
            for (int i = 0; i < k; i++) {
                int start = Math.max(0, Math.min(i - 1, k + 1 - count));
                double width = x[i + 1] - x[i];
                for (double g : gauss) {
                    double at = x[i] + g * width;
                    for (int q = start; q < start + count; q++) {
                        w[k][q] += 0.5 * width * lagrange(x, start, count, q, at);
                    }
                }
            }
        }
        return w;
    }

    /** The Lagrange basis polynomial of node q on the nodes start .. start+count-1, at {@code at}. */
    private static double lagrange(double[] x, int start, int count, int q, double at) {
        double v = 1;
        for (int r = start; r < start + count; r++) {
            if (r != q) {
                v *= (at - x[r]) / (x[q] - x[r]);
            }
        }
        return v;
    }
}
