package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;

/**
 * The large-N (collective-field) route for a zero-dimensional O(N) vector model whose action is N times a function of
 * the invariant rho = phi.phi / N,
 * <pre>
 *   S(phi) = phi.phi / (2 D) + N U(phi.phi / N),     U(rho) = sum_p u_p rho^p,                         (LN1)
 * </pre>
 * to order 1/N, by the same one-loop machinery as the weight-tied network ({@link OneLoop}, with n = N).
 *
 * <h2>Collective field and saddle point</h2>
 * rho-hat = (1/N) sum_i phi_i^2 is the mean over the N components of the single-component O = phi_i^2. Take as
 * reference measure nu* the iid Gaussian phi_i ~ N(0, rho*); then the exact law of phi is exp(-N H(rho-hat)) times
 * nu*^N, with
 * <pre>
 *   H(rho) = rho / (2 D) + U(rho) - rho / (2 rho*) + const,                                             (LN2)
 * </pre>
 * and H'(rho*) = 0 is the saddle-point (gap) equation
 * <pre>
 *   1 / rho* = 1 / D + 2 U'(rho*),                                                                      (LN3)
 * </pre>
 * the stationarity of the large-N free energy F(rho) = rho/(2D) + U(rho) - log(rho)/2 (-log Z = N min F + O(1)).
 * The saddle point is the global minimum of F on rho &gt; 0; when U is unbounded below (leading u_p &lt; 0) the
 * integral diverges and the smallest local minimum is taken instead, the metastable saddle whose expansion is the
 * formal coupling series ({@link Result#metastable()}).
 *
 * <h2>One loop</h2>
 * Under nu*, O = phi_i^2 has Sigma = Var O = 2 rho*^2 and third cumulant kappa3 = 8 rho*^3; H has H2 = U''(rho*) and
 * H3 = U'''(rho*). {@link OneLoop} (OL1, OL2) gives, with 1 + Sigma H2 = 2 rho*^2 F''(rho*) &gt; 0 at a minimum,
 * <pre>
 *   <phi_1 phi_1> = <rho-hat> = rho* + K1 / N + O(1/N^2),
 *   K1 = -1/2 kappa3 H2 / (1 + Sigma H2)^2 - 1/2 Sigma'^2 H3,     N Var(rho-hat) -&gt; V = Sigma' = Sigma / (1 + Sigma H2).  (LN4)
 * </pre>
 * For U = lambda rho^2 / 8, D = 1 (the theory on_model): rho* = (sqrt(1 + 2 lambda) - 1) / lambda,
 * K1 = -2 rho* (1 - rho*) / (2 - rho*)^2, V = 2 rho*^2 / (2 - rho*). Both are resummed in lambda (non-perturbative:
 * the coupling series converges only for |lambda| &lt; 1/2). The identification with the network: N is the width
 * n, rho the kernel K, D U'(rho) the feedback that Cw carries ('t Hooft coupling lambda = g N fixed).
 */
public final class VectorModelLargeN {

    /**
     * The action (LN1).
     *
     * @param propagator D &gt; 0, the free propagator
     * @param u          u_p, the coefficient of rho^p in U (u[0] is irrelevant)
     */
    public record Action(double propagator, double[] u) {

        public Action {
            if (!(propagator > 0) || !Double.isFinite(propagator)) {
                throw new IllegalArgumentException("the propagator must be positive and finite, got " + propagator);
            }
            u = u.clone();
            for (double c : u) {
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("the coefficients of U must be finite");
                }
            }
        }

        /** The k-th derivative of U at rho. */
        public double derivative(int k, double rho) {
            double sum = 0;
            for (int p = k; p < u.length; p++) {
                double falling = 1;
                for (int j = 0; j < k; j++) {
                    falling *= p - j;
                }
                sum += u[p] * falling * Math.pow(rho, p - k);
            }
            return sum;
        }

        /** F(rho) = rho/(2D) + U(rho) - log(rho)/2, the large-N free energy per component. */
        double freeEnergy(double rho) {
            return rho / (2 * propagator) + derivative(0, rho) - 0.5 * Math.log(rho);
        }

        /** The degree of U (0 when U vanishes). */
        int degree() {
            for (int p = u.length - 1; p >= 1; p--) {
                if (u[p] != 0) {
                    return p;
                }
            }
            return 0;
        }
    }

    /**
     * The large-N statistics.
     *
     * @param saddle     rho*, the infinite-N <phi_1 phi_1>
     * @param meanShift  K1, the 1/N coefficient of <phi_1 phi_1>
     * @param variance   V = lim N Var(rho-hat)
     * @param h2         U''(rho*)
     * @param h3         U'''(rho*)
     * @param metastable whether the action is unbounded below and rho* is its metastable saddle
     */
    public record Result(double saddle, double meanShift, double variance, double h2, double h3, boolean metastable) {

        /** <phi_1 phi_1> to order 1/N: rho* + K1/N. */
        public double mean(double n) {
            return saddle + meanShift / n;
        }
    }

    private VectorModelLargeN() {}

    /**
     * The saddle point (LN3) and the one-loop statistics (LN4) of the action.
     *
     * @throws NumericalTrouble when no saddle point is a strict minimum of F, or the result is not finite
     */
    public static Result evaluate(Action action) {
        Saddle saddle = saddle(action);
        double rho = saddle.rho();
        double h2 = action.derivative(2, rho);
        double h3 = action.derivative(3, rho);
        double sigma = 2 * rho * rho;
        double kappa3 = 8 * rho * rho * rho;
        OneLoop loop = OneLoop.of(new double[][] {{sigma}}, new double[][] {{h2}});
        double k1 = loop.meanShift(m -> new double[] {kappa3 * m[0][0]}, s -> new double[] {h3 * s[0][0]})[0];
        double v = loop.covariance()[0][0];
        if (!Double.isFinite(k1) || !Double.isFinite(v) || !(v > 0)) {
            throw new NumericalTrouble("the large-N one-loop statistics are not finite at rho* = " + rho
                    + " (1 + Sigma H2 = " + (1 + sigma * h2) + ")");
        }
        return new Result(rho, k1, v, h2, h3, saddle.metastable());
    }

    private record Saddle(double rho, boolean metastable) {}

    /**
     * The positive roots of g(rho) = 2 rho F'(rho) = rho/D + 2 rho U'(rho) - 1 (a polynomial) that are strict minima
     * of F, and among them the global minimum of F (bounded action) or the smallest (unbounded action).
     */
    static Saddle saddle(Action action) {
        int degree = Math.max(action.degree(), 1);
        double[] g = new double[degree + 1];
        g[0] = -1;
        g[1] = 1 / action.propagator();
        for (int p = 1; p <= action.degree(); p++) {
            g[p] += 2 * p * action.u()[p];
        }
        boolean bounded = g[degree] > 0;
        List<Double> minima = new ArrayList<>();
        for (double root : positiveRoots(g)) {
            double curvature = 0.5 / (root * root) + action.derivative(2, root);
            if (curvature > 1e-12 / (root * root)) {
                minima.add(root);
            }
        }
        if (minima.isEmpty()) {
            throw new NumericalTrouble("the large-N saddle-point equation 1/rho = 1/D + 2 U'(rho) has no solution"
                    + " rho > 0 that is a strict minimum of the free energy rho/(2D) + U(rho) - log(rho)/2");
        }
        double best = minima.get(0);
        for (double r : minima) {
            if (bounded ? action.freeEnergy(r) < action.freeEnergy(best) : r < best) {
                best = r;
            }
        }
        return new Saddle(best, !bounded);
    }

    /** The real positive roots of the polynomial sum_k g_k x^k, polished by Newton's method. */
    private static List<Double> positiveRoots(double[] g) {
        List<Double> roots = new ArrayList<>();
        if (g.length == 2) {
            if (-g[0] / g[1] > 0) {
                roots.add(-g[0] / g[1]);
            }
            return roots;
        }
        for (Complex z : new LaguerreSolver(1e-15, 1e-15).solveAllComplex(g, 1.0)) {
            double x = z.getReal();
            if (x > 0 && Math.abs(z.getImaginary()) <= 1e-8 * Math.max(1, Math.abs(x))) {
                roots.add(polish(g, x));
            }
        }
        return roots;
    }

    private static double polish(double[] g, double x) {
        for (int it = 0; it < 50; it++) {
            double value = 0;
            double slope = 0;
            for (int k = g.length - 1; k >= 0; k--) {
                slope = slope * x + value;
                value = value * x + g[k];
            }
            if (slope == 0) {
                break;
            }
            double step = value / slope;
            x -= step;
            if (Math.abs(step) <= 1e-16 * Math.abs(x)) {
                break;
            }
        }
        return x;
    }
}
