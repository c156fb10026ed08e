package org.feynet.training;

/**
 * The derivatives of the NTK Gram of one explicit network along the gradient flow (PDLT ch. 11), at given
 * parameters theta. With v_c = rho (df_c/dtheta) (the rate-weighted gradient of output c) the flow is
 * d theta/dt = -(1/P) sum_c v_c r_c, r = f - y, so
 * <pre>
 *   dTheta_ab/dt = -(1/P) sum_c dH_abc r_c,          dH_abc  = D_{v_c} Theta_ab   (the dNTK),
 *   d dH_abc/dt  = -(1/P) sum_d ddH_abcd r_d,        ddH_abcd = D_{v_d} dH_abc    (the ddNTK),
 * </pre>
 * D_v the directional derivative along v. Both are computed from the exact (backpropagated) Gram by central
 * differences, D_v F(theta) = (F(theta + eps v) - F(theta - eps v)) / (2 eps) + O(eps^2); eps is in units of
 * flow time, so eps v is the parameter change of a flow of duration eps*P driven by a unit residual on one
 * sample. {@link #dntkError} estimates the truncation error by the Richardson difference between eps and 2 eps.
 */
public final class NtkDrift {

    /** The default step eps of the central differences. */
    public static final double EPS = 1e-3;

    private NtkDrift() {}

    /** dH_abc at theta, [a][b][c]. */
    public static double[][][] dntk(FourierResidualNet net, double[] theta, double[][] gamma, double eps) {
        FourierResidualNet.State state = net.state(theta, gamma);
        int p = gamma.length;
        double[][][] out = new double[p][p][p];
        for (int c = 0; c < p; c++) {
            double[] v = state.tangent(unit(p, c));
            double[][] plus = net.state(shift(theta, v, eps), gamma).ntk();
            double[][] minus = net.state(shift(theta, v, -eps), gamma).ntk();
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    out[a][b][c] = (plus[a][b] - minus[a][b]) / (2 * eps);
                }
            }
        }
        return out;
    }

    /** ddH_abcd at theta, [a][b][c][d]: the central difference of {@link #dntk} along v_d. */
    public static double[][][][] ddntk(FourierResidualNet net, double[] theta, double[][] gamma, double eps) {
        FourierResidualNet.State state = net.state(theta, gamma);
        int p = gamma.length;
        double[][][][] out = new double[p][p][p][p];
        for (int d = 0; d < p; d++) {
            double[] v = state.tangent(unit(p, d));
            double[][][] plus = dntk(net, shift(theta, v, eps), gamma, eps);
            double[][][] minus = dntk(net, shift(theta, v, -eps), gamma, eps);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    for (int c = 0; c < p; c++) {
                        out[a][b][c][d] = (plus[a][b][c] - minus[a][b][c]) / (2 * eps);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The estimated truncation error of {@link #dntk} with step eps: max |dH(2 eps) - dH(eps)| / 3 (the O(eps^2)
     * error of the central difference quadruples when eps doubles).
     */
    public static double dntkError(FourierResidualNet net, double[] theta, double[][] gamma, double eps) {
        double[][][] fine = dntk(net, theta, gamma, eps);
        double[][][] coarse = dntk(net, theta, gamma, 2 * eps);
        double worst = 0;
        for (int a = 0; a < fine.length; a++) {
            for (int b = 0; b < fine.length; b++) {
                for (int c = 0; c < fine.length; c++) {
                    worst = Math.max(worst, Math.abs(coarse[a][b][c] - fine[a][b][c]) / 3);
                }
            }
        }
        return worst;
    }

    static double[] unit(int p, int c) {
        double[] e = new double[p];
        e[c] = 1;
        return e;
    }

    static double[] shift(double[] theta, double[] v, double eps) {
        double[] out = theta.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += eps * v[i];
        }
        return out;
    }
}
