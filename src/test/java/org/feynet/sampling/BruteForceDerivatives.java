package org.feynet.sampling;

import java.util.function.DoubleUnaryOperator;
import org.feynet.model.MlpModel;
import org.feynet.model.ScalarFunction;

/**
 * The independent reference of the dNTK tests: the preactivations z^(t)_{i;a}, i = 0, 1, of a network with raw
 * inputs as an explicit function of the flat vector theta of all parameters of layers 1..t (of layer t only rows 0
 * and 1, the others do not reach z_0, z_1), evaluated with plain loops, and its gradient, Hessian and third
 * derivative tensor by central differences, Richardson-extrapolated: with D(h) a central-difference stencil of
 * step h, whose error is c2 h^2 + c4 h^4 + ..., (4 D(h/2) - D(h)) / 3 has error O(h^4). Outputs are indexed
 * q = i P + a; lambda is lambda_b for biases and lambda_W / fan-in for weights.
 */
final class BruteForceDerivatives {

    private final double[][] x;
    private final DoubleUnaryOperator sigma;
    private final int inputs;
    private final int target;
    private final int[] rows;
    private final int[] fanIn;
    final double[] theta;
    final double[] rates;

    /** The parameters of {@code net} (replayed from the sampler's random numbers) up to layer {@code target}. */
    BruteForceDerivatives(MlpModel model, ExplicitTanhNetwork net, int target, double lambdaB, double lambdaW) {
        this.x = ((org.feynet.model.InputSpec.Vectors) model.input()).x();
        this.sigma = ScalarFunction.of(model.activation().expression());
        this.inputs = model.inputs();
        this.target = target;
        this.rows = new int[target];
        this.fanIn = new int[target];
        int size = 0;
        for (int s = 0; s < target; s++) {
            rows[s] = s == target - 1 ? 2 : net.biases[s].length;
            fanIn[s] = net.weights[s][0].length;
            size += rows[s] * (1 + fanIn[s]);
        }
        this.theta = new double[size];
        this.rates = new double[size];
        int p = 0;
        for (int s = 0; s < target; s++) {
            for (int r = 0; r < rows[s]; r++) {
                theta[p] = net.biases[s][r];
                rates[p++] = lambdaB;
                for (int k = 0; k < fanIn[s]; k++) {
                    theta[p] = net.weights[s][r][k];
                    rates[p++] = lambdaW / fanIn[s];
                }
            }
        }
    }

    int size() {
        return theta.length;
    }

    /** z^(target)_{i;a} at parameters p, as out[i P + a]. */
    double[] outputs(double[] p) {
        double[] out = new double[2 * inputs];
        for (int a = 0; a < inputs; a++) {
            double[] in = x[a];
            int offset = 0;
            for (int s = 0; s < target; s++) {
                double[] z = new double[rows[s]];
                for (int r = 0; r < rows[s]; r++) {
                    double sum = p[offset++];
                    for (int k = 0; k < fanIn[s]; k++) {
                        sum += p[offset++] * in[k];
                    }
                    z[r] = sum;
                }
                if (s == target - 1) {
                    out[a] = z[0];
                    out[inputs + a] = z[1];
                } else {
                    in = new double[z.length];
                    for (int r = 0; r < z.length; r++) {
                        in[r] = sigma.applyAsDouble(z[r]);
                    }
                }
            }
        }
        return out;
    }

    private double[] at(int[] index, int[] sign, double h) {
        double[] p = theta.clone();
        for (int k = 0; k < index.length; k++) {
            p[index[k]] += sign[k] * h;
        }
        return outputs(p);
    }

    /**
     * The k-fold mixed central difference prod_m (E_m^h - E_m^-h) / (2h) of every output at the given parameter
     * indices (repeats allowed), Richardson-extrapolated from steps h and h/2.
     */
    private double[] stencil(int[] index, double h) {
        double[] coarse = rawStencil(index, h);
        double[] fine = rawStencil(index, h / 2);
        double[] out = new double[coarse.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = (4 * fine[q] - coarse[q]) / 3;
        }
        return out;
    }

    private double[] rawStencil(int[] index, double h) {
        int k = index.length;
        double[] sum = new double[2 * inputs];
        for (int mask = 0; mask < (1 << k); mask++) {
            int[] sign = new int[k];
            int parity = 1;
            for (int m = 0; m < k; m++) {
                sign[m] = ((mask >> m) & 1) == 1 ? -1 : 1;
                parity *= sign[m];
            }
            double[] f = at(index, sign, h);
            for (int q = 0; q < sum.length; q++) {
                sum[q] += parity * f[q];
            }
        }
        double scale = Math.pow(2 * h, k);
        for (int q = 0; q < sum.length; q++) {
            sum[q] /= scale;
        }
        return sum;
    }

    /** grad[q][mu]. */
    double[][] gradient(double h) {
        int n = size();
        double[][] g = new double[2 * inputs][n];
        for (int mu = 0; mu < n; mu++) {
            double[] d = stencil(new int[] {mu}, h);
            for (int q = 0; q < g.length; q++) {
                g[q][mu] = d[q];
            }
        }
        return g;
    }

    /** hessian[q][mu][nu]. */
    double[][][] hessian(double h) {
        int n = size();
        double[][][] hess = new double[2 * inputs][n][n];
        for (int mu = 0; mu < n; mu++) {
            for (int nu = mu; nu < n; nu++) {
                double[] d = stencil(new int[] {mu, nu}, h);
                for (int q = 0; q < hess.length; q++) {
                    hess[q][mu][nu] = d[q];
                    hess[q][nu][mu] = d[q];
                }
            }
        }
        return hess;
    }

    /** third[q][mu][nu][rho]. */
    double[][][][] third(double h) {
        int n = size();
        double[][][][] t = new double[2 * inputs][n][n][n];
        for (int mu = 0; mu < n; mu++) {
            for (int nu = mu; nu < n; nu++) {
                for (int rho = nu; rho < n; rho++) {
                    double[] d = stencil(new int[] {mu, nu, rho}, h);
                    for (int q = 0; q < t.length; q++) {
                        double v = d[q];
                        t[q][mu][nu][rho] = v;
                        t[q][mu][rho][nu] = v;
                        t[q][nu][mu][rho] = v;
                        t[q][nu][rho][mu] = v;
                        t[q][rho][mu][nu] = v;
                        t[q][rho][nu][mu] = v;
                    }
                }
            }
        }
        return t;
    }
}
