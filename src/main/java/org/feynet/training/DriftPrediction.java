package org.feynet.training;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Predictions of how one network's NTK Gram moves during gradient flow, from its Gram Theta0, dNTK dH and ddNTK
 * ddH at t = 0 and its initial residual r0 = f(0) - y (docs/METHOD.md, "NTK drift during training"):
 * <ul>
 * <li>first order: Theta1(t)_ab = Theta0_ab - (1/P) sum_c dH_abc R_c(t), with R(t) = int_0^t r_lazy the integral
 *     of the lazy residual r_lazy(s) = exp(-Theta0 s / P) r0; its error is second order in the drift;</li>
 * <li>truncated dynamics (PDLT ch. 11): the closed system dr/dt = -(1/P) Theta r, dTheta_ab/dt = -(1/P) sum_c
 *     dH_abc r_c, d dH_abc/dt = -(1/P) sum_d ddH_abcd r_d with ddH frozen at its initial value, integrated by
 *     Dormand-Prince 8(5,3) to 1e-10; it neglects only the motion of ddH;</li>
 * <li>a bound: since the loss never increases (|r(s)| <= |r0|, Theta being positive semidefinite),
 *     |Theta(t) - Theta0|_F <= (|r0| / P) int_0^t |dH(s)|_op ds, and |dH(s)|_op <= |dH0|_op + kappa |ddH0|_F
 *     |r0| s / P under the assumption that |ddH(s)|_F stays below kappa |ddH0|_F on [0, t] (kappa = 2), so
 *     |Theta(t) - Theta0|_F <= (|r0| / P) (|dH0|_op t + kappa |ddH0|_F |r0| t^2 / (2P)); |dH|_op is the largest
 *     singular value of dH as a map R^P -> R^(P x P).</li>
 * </ul>
 *
 * @param firstOrder  Theta1(t_k), [k][a][b]
 * @param truncated   the truncated-dynamics Theta(t_k), [k][a][b] (null without the ddNTK); NaN from the first
 *                    report time that its integration could not reach (the truncated system, quadratic in r,
 *                    can blow up over horizons long against n P / |ddH r0|: the expansion has broken down there)
 * @param bound       the bound on |Theta(t_k) - Theta0|_F
 * @param lazyLoss    (1/(2P)) |r_lazy(t_k)|^2
 * @param dntkError   the estimated finite-difference error of dH (max over entries)
 */
public record DriftPrediction(double[][][] firstOrder, double[][][] truncated, double[] bound, double[] lazyLoss,
                              double dntkError) {

    /** kappa of the bound's assumption. */
    public static final double KAPPA = 2;

    /**
     * @param ddH the ddNTK, or null for the first-order prediction and a bound with |ddH0| = 0 (then the bound
     *            assumes dH constant)
     */
    public static DriftPrediction of(double[][] theta0, double[][][] dH, double[][][][] ddH, double[] r0,
            double[] times, double dntkError) {
        int p = r0.length;
        int count = times.length;
        double[][][] first = new double[count][][];
        double[] lazyLoss = new double[count];
        double[] bound = new double[count];
        double dNorm = operatorNorm(dH);
        double ddNorm = ddH == null ? 0 : frobenius(ddH);
        double r = Gram.norm(r0);
        for (int k = 0; k < count; k++) {
            double[][] lazy = Gram.lazyResidual(theta0, r0, times[k]);
            double[][] m = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double sum = 0;
                    for (int c = 0; c < p; c++) {
                        sum += dH[a][b][c] * lazy[1][c];
                    }
                    m[a][b] = theta0[a][b] - sum / p;
                }
            }
            first[k] = m;
            lazyLoss[k] = FourierResidualNet.dot(lazy[0], lazy[0]) / (2 * p);
            double t = times[k];
            bound[k] = r / p * (dNorm * t + KAPPA * ddNorm * r * t * t / (2 * p));
        }
        double[][][] truncated = ddH == null ? null : truncated(theta0, dH, ddH, r0, times);
        return new DriftPrediction(first, truncated, bound, lazyLoss, dntkError);
    }

    private static boolean finite(double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The largest singular value of dH viewed as the (P^2 x P) matrix [(ab), c]. */
    static double operatorNorm(double[][][] dH) {
        int p = dH.length;
        double[][] m = new double[p * p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                m[a * p + b] = dH[a][b].clone();
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getNorm();
    }

    static double frobenius(double[][][][] t) {
        double sum = 0;
        for (double[][][] a : t) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (double x : c) {
                        sum += x * x;
                    }
                }
            }
        }
        return Math.sqrt(sum);
    }

    private static double[][][] truncated(double[][] theta0, double[][][] dH, double[][][][] ddH, double[] r0,
            double[] times) {
        int p = r0.length;
        int size = p + p * p + p * p * p;
        OrdinaryDifferentialEquation system = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return size;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[size];
                for (int a = 0; a < p; a++) {
                    double s = 0;
                    for (int b = 0; b < p; b++) {
                        s += y[p + a * p + b] * y[b];
                    }
                    dy[a] = -s / p;
                }
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        double s = 0;
                        int base = p + p * p + (a * p + b) * p;
                        for (int c = 0; c < p; c++) {
                            s += y[base + c] * y[c];
                        }
                        dy[p + a * p + b] = -s / p;
                        for (int c = 0; c < p; c++) {
                            double u = 0;
                            for (int d = 0; d < p; d++) {
                                u += ddH[a][b][c][d] * y[d];
                            }
                            dy[base + c] = -u / p;
                        }
                    }
                }
                return dy;
            }
        };
        double[] y = new double[size];
        System.arraycopy(r0, 0, y, 0, p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                y[p + a * p + b] = theta0[a][b];
                for (int c = 0; c < p; c++) {
                    y[p + p * p + (a * p + b) * p + c] = dH[a][b][c];
                }
            }
        }
        ODEIntegrator integrator = new DormandPrince853Integrator(1e-8, 1e3, 1e-10, 1e-10);
        double[][][] out = new double[times.length][p][p];
        double now = 0;
        for (int k = 0; k < times.length; k++) {
            if (times[k] > now && y != null) {
                try {
                    ODEStateAndDerivative end = integrator.integrate(system, new ODEState(now, y), times[k]);
                    y = finite(end.getPrimaryState()) ? end.getPrimaryState() : null;
                } catch (MathRuntimeException blowUp) {
                    y = null;
                }
                now = times[k];
            }
            if (y == null) {
                for (double[] row : out[k]) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
                continue;
            }
            for (int a = 0; a < p; a++) {
                System.arraycopy(y, p + a * p, out[k][a], 0, p);
            }
        }
        return out;
    }
}
