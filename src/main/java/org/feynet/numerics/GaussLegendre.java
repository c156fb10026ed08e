package org.feynet.numerics;

/**
 * Adaptive Gauss–Legendre quadrature of a smooth function on an interval: 16-point panels
 * (nodes from Newton's method on the Legendre recurrence, accurate to a few ulps), bisected until the
 * panel and its two halves agree within an absolute tolerance (Gander &amp; Gautschi, "Adaptive
 * quadrature — revisited", BIT 40 (2000), the same stopping idea with Legendre panels).
 */
final class GaussLegendre {

    private static final int POINTS = 16;
    private static final int MAX_DEPTH = 20;
    private static final double MIN_TOL = 1e-17;
    private static final double[] X = new double[POINTS];
    private static final double[] W = new double[POINTS];

    static {
        for (int i = 0; i < POINTS; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (POINTS + 0.5));
            for (int it = 0; it < 100; it++) {
                double p0 = 1.0;
                double p1 = x;
                for (int n = 2; n <= POINTS; n++) {
                    double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
                    p0 = p1;
                    p1 = p2;
                }
                double dp = POINTS * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    double q0 = 1.0;
                    double q1 = x;
                    for (int n = 2; n <= POINTS; n++) {
                        double q2 = ((2 * n - 1) * x * q1 - (n - 1) * q0) / n;
                        q0 = q1;
                        q1 = q2;
                    }
                    double d = POINTS * (x * q1 - q0) / (x * x - 1);
                    X[i] = x;
                    W[i] = 2 / ((1 - x * x) * d * d);
                    break;
                }
            }
        }
    }

    private GaussLegendre() {
    }

    /** The integral of f over [a, b] (a > b allowed) to about the absolute tolerance tol. */
    static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b, double tol) {
        return adapt(f, a, b, panel(f, a, b), tol, 0);
    }

    /**
     * As {@link #integrate(java.util.function.DoubleUnaryOperator, double, double, double)} for an integrand
     * computed only to about {@code noise} absolute (rounding in its own evaluation): a panel is also accepted
     * when its halves agree within noise times its width (refining below the noise only chases rounding), and
     * bisection stops after maxDepth levels. The result is then accurate to about tol + noise |b - a|.
     */
    static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b, double tol, double noise,
                            int maxDepth) {
        return adaptNoisy(f, a, b, panel(f, a, b), tol, noise, maxDepth, 0);
    }

    private static double adaptNoisy(java.util.function.DoubleUnaryOperator f, double a, double b, double whole,
                                     double tol, double noise, int maxDepth, int depth) {
        double m = 0.5 * (a + b);
        double left = panel(f, a, m);
        double right = panel(f, m, b);
        double diff = Math.abs(left + right - whole);
        if (diff <= tol || diff <= noise * Math.abs(b - a) || diff <= 4 * Math.ulp(Math.abs(left) + Math.abs(right))
            || depth >= maxDepth) {
            return left + right;
        }
        double half = Math.max(0.5 * tol, MIN_TOL);
        return adaptNoisy(f, a, m, left, half, noise, maxDepth, depth + 1)
            + adaptNoisy(f, m, b, right, half, noise, maxDepth, depth + 1);
    }

    private static double adapt(java.util.function.DoubleUnaryOperator f, double a, double b, double whole,
                                double tol, int depth) {
        double m = 0.5 * (a + b);
        double left = panel(f, a, m);
        double right = panel(f, m, b);
        double diff = Math.abs(left + right - whole);
        // stop at the tolerance, at rounding level, or after MAX_DEPTH bisections (then the panel is tiny)
        if (diff <= tol || diff <= 4 * Math.ulp(Math.abs(left) + Math.abs(right)) || depth >= MAX_DEPTH) {
            return left + right;
        }
        return adapt(f, a, m, left, Math.max(0.5 * tol, MIN_TOL), depth + 1)
            + adapt(f, m, b, right, Math.max(0.5 * tol, MIN_TOL), depth + 1);
    }

    private static double panel(java.util.function.DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double s = 0.0;
        for (int i = 0; i < POINTS; i++) {
            s += W[i] * f.applyAsDouble(c + h * X[i]);
        }
        return s * h;
    }
}
