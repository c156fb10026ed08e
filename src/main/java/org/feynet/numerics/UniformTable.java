package org.feynet.numerics;

/**
 * Values g_i = G(lo + i h) of a smooth function on a uniform grid, interpolated by the degree-9
 * polynomial through the 10 nearest grid points in barycentric form (Berrut &amp; Trefethen, "Barycentric
 * Lagrange interpolation", SIAM Review 46 (2004), eq. 5.1; equispaced weights (-1)^j C(9, j)). For G
 * analytic the error is about |G^(10)| h^10 / 10! times a stencil factor of order 10^3; the caller
 * checks it by halving h.
 */
final class UniformTable {

    static final int STENCIL = 10;
    private static final double[] WEIGHTS = new double[STENCIL];

    static {
        double c = 1.0;
        for (int j = 0; j < STENCIL; j++) {
            WEIGHTS[j] = (j % 2 == 0) ? c : -c;
            c = c * (STENCIL - 1 - j) / (j + 1);
        }
    }

    final double lo;
    final double h;
    final double[] g;

    UniformTable(double lo, double h, double[] g) {
        if (g.length < STENCIL) {
            throw new IllegalArgumentException("a table needs at least " + STENCIL + " points");
        }
        this.lo = lo;
        this.h = h;
        this.g = g;
    }

    double hi() {
        return lo + (g.length - 1) * h;
    }

    boolean covers(double x) {
        return x >= lo && x <= hi();
    }

    double value(double x) {
        double t = (x - lo) / h;
        int start = (int) Math.floor(t) - STENCIL / 2 + 1;
        start = Math.max(0, Math.min(g.length - STENCIL, start));
        double r = t - start;
        double num = 0.0;
        double den = 0.0;
        for (int j = 0; j < STENCIL; j++) {
            double diff = r - j;
            if (diff == 0.0) {
                return g[start + j];
            }
            double c = WEIGHTS[j] / diff;
            num += c * g[start + j];
            den += c;
        }
        return num / den;
    }
}
