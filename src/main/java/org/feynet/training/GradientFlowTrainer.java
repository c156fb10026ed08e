package org.feynet.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.feynet.model.MeanFieldNetwork;
import org.feynet.model.ScalarFunction;
import org.feynet.model.TrainingProblem;
import org.feynet.numerics.NumericalTrouble;
import org.feynet.model.ActivationSlope;

/**
 * Trains one finite-width network of a {@link TrainingProblem} with explicit weights: h^1 = W^1 x / sqrt(n0),
 * h^{l+1} = W^{l+1} sigma(h^l) / sqrt(n), f = w . sigma(h^L) / (gamma0 n), all weights drawn from normal(0, 1).
 * Exact gradients by backpropagation of g^l = gamma0 n df/dh^l: g^L = sigma'(h^L) w,
 * g^l = sigma'(h^l) (W^{l+1 T} g^{l+1} / sqrt(n)). Gradient flow d theta/dt = gamma0^2 n (1/P) sum_mu Delta_mu df_mu/dtheta,
 * Delta = y - f, written out:
 * <pre>
 *   dw/dt = (gamma0/P) sum_mu Delta_mu sigma(h^L_mu),
 *   dW^{l+1}/dt = gamma0/(P sqrt(n)) sum_mu Delta_mu g^{l+1}_mu sigma(h^l_mu)^T,   dW^1/dt = gamma0/(P sqrt(n0)) sum_mu Delta_mu g^1_mu x_mu^T,
 * </pre>
 * integrated by the classical fourth-order Runge-Kutta method with a fixed step. With these definitions the NTK
 * gamma0^2 n sum_theta (df_mu/dtheta)(df_nu/dtheta) is exactly sum_{l=0}^{L} G^{l+1} Phi^l with G^{L+1} = 1 and
 * Phi^0 = x . x / n0, which is how it is measured.
 */
public final class GradientFlowTrainer {

    private final TrainingProblem problem;
    private final MeanFieldNetwork network;
    private final int width;
    private final int depth;
    private final int p;
    private final int n0;
    private final double[][] x;
    private final double[] y;
    private final double gamma0;
    private final DoubleUnaryOperator sigma;
    private final DoubleUnaryOperator slope;

    public GradientFlowTrainer(TrainingProblem problem, int width) {
        this.problem = problem;
        this.network = problem.network();
        this.width = width;
        this.depth = network.depth();
        this.p = network.samples();
        this.n0 = network.inputDimension();
        this.x = network.inputs();
        this.y = problem.targets();
        this.gamma0 = network.gamma0();
        this.sigma = ScalarFunction.of(network.activation().expression());
        this.slope = ActivationSlope.of(network.activation().expression());
    }

    /**
     * Trains the network of seed {@code seed} with RK4 steps of at most {@code maxStep}, observing it at
     * t_k = k T / intervals, k = 0 .. intervals.
     */
    public Trajectory train(long seed, double maxStep, int intervals) {
        double[][] theta = initial(seed);
        double interval = problem.time() / intervals;
        int substeps = (int) Math.ceil(interval / maxStep - 1e-9);
        double h = interval / substeps;
        double[] times = new double[intervals + 1];
        List<Observation> observations = new ArrayList<>();
        Pass start = pass(theta);
        observations.add(start.observe());
        for (int k = 1; k <= intervals; k++) {
            for (int s = 0; s < substeps; s++) {
                theta = rk4(theta, h);
            }
            times[k] = k * interval;
            Pass now = pass(theta);
            Observation o = now.observe();
            if (!Double.isFinite(o.loss())) {
                throw new NumericalTrouble("training diverged at t = " + times[k] + " (width " + width + ")");
            }
            observations.add(o);
            if (k == intervals) {
                return new Trajectory(times, observations, twoTime(now, start));
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** theta[0] = W^1 (n x n0), theta[l] = W^{l+1} (n x n) for l = 1 .. L-1, theta[L] = w; row-major. */
    private double[][] initial(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] theta = new double[depth + 1][];
        theta[0] = normals(random, width * n0);
        for (int l = 1; l < depth; l++) {
            theta[l] = normals(random, width * width);
        }
        theta[depth] = normals(random, width);
        return theta;
    }

    private static double[] normals(SplittableRandom random, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i += 2) {
            double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double a = 2 * Math.PI * random.nextDouble();
            v[i] = r * Math.cos(a);
            if (i + 1 < count) {
                v[i + 1] = r * Math.sin(a);
            }
        }
        return v;
    }

    private double[][] rk4(double[][] theta, double h) {
        double[][] k1 = pass(theta).velocity();
        double[][] k2 = pass(axpy(theta, h / 2, k1)).velocity();
        double[][] k3 = pass(axpy(theta, h / 2, k2)).velocity();
        double[][] k4 = pass(axpy(theta, h, k3)).velocity();
        double[][] next = new double[theta.length][];
        for (int a = 0; a < theta.length; a++) {
            double[] t = theta[a];
            double[] out = new double[t.length];
            double[] a1 = k1[a];
            double[] a2 = k2[a];
            double[] a3 = k3[a];
            double[] a4 = k4[a];
            for (int i = 0; i < t.length; i++) {
                out[i] = t[i] + h / 6 * (a1[i] + 2 * a2[i] + 2 * a3[i] + a4[i]);
            }
            next[a] = out;
        }
        return next;
    }

    private static double[][] axpy(double[][] theta, double h, double[][] k) {
        double[][] out = new double[theta.length][];
        for (int a = 0; a < theta.length; a++) {
            double[] t = theta[a];
            double[] v = k[a];
            double[] o = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                o[i] = t[i] + h * v[i];
            }
            out[a] = o;
        }
        return out;
    }

    /** Forward and backward pass at weights {@code theta}. */
    private Pass pass(double[][] theta) {
        int n = width;
        double[][][] h = new double[depth + 1][p][n];
        double[][][] s = new double[depth + 1][p][n];
        double inv0 = 1 / Math.sqrt(n0);
        double invN = 1 / Math.sqrt(n);
        double[] w1 = theta[0];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n0; j++) {
                    sum += w1[i * n0 + j] * x[mu][j];
                }
                h[1][mu][i] = sum * inv0;
                s[1][mu][i] = sigma.applyAsDouble(h[1][mu][i]);
            }
        }
        for (int l = 1; l < depth; l++) {
            double[] w = theta[l];
            double[][] below = s[l];
            double[][] out = h[l + 1];
            IntStream.range(0, n).parallel().forEach(i -> {
                int offset = i * n;
                for (int mu = 0; mu < p; mu++) {
                    double[] b = below[mu];
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += w[offset + j] * b[j];
                    }
                    out[mu][i] = sum * invN;
                }
            });
            for (int mu = 0; mu < p; mu++) {
                for (int i = 0; i < n; i++) {
                    s[l + 1][mu][i] = sigma.applyAsDouble(out[mu][i]);
                }
            }
        }
        double[] readout = theta[depth];
        double[] f = new double[p];
        for (int mu = 0; mu < p; mu++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += readout[i] * s[depth][mu][i];
            }
            f[mu] = sum / (gamma0 * n);
        }
        double[][][] g = new double[depth + 1][p][n];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < n; i++) {
                g[depth][mu][i] = slope.applyAsDouble(h[depth][mu][i]) * readout[i];
            }
        }
        for (int l = depth - 1; l >= 1; l--) {
            double[] w = theta[l];
            double[][] above = g[l + 1];
            double[][] z = new double[p][n];
            int chunks = Math.max(1, Math.min(16, n / 64));
            int size = (n + chunks - 1) / chunks;
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int from = c * size;
                int to = Math.min(n, from + size);
                for (int i = 0; i < n; i++) {
                    int offset = i * n;
                    for (int mu = 0; mu < p; mu++) {
                        double a = above[mu][i];
                        double[] zm = z[mu];
                        for (int j = from; j < to; j++) {
                            zm[j] += w[offset + j] * a;
                        }
                    }
                }
            });
            for (int mu = 0; mu < p; mu++) {
                for (int j = 0; j < n; j++) {
                    g[l][mu][j] = slope.applyAsDouble(h[l][mu][j]) * z[mu][j] * invN;
                }
            }
        }
        return new Pass(s, g, f);
    }

    /** The forward and backward quantities of one pass. */
    private final class Pass {
        private final double[][][] s;
        private final double[][][] g;
        private final double[] f;

        Pass(double[][][] s, double[][][] g, double[] f) {
            this.s = s;
            this.g = g;
            this.f = f;
        }

        /** d theta / dt of the gradient flow. */
        double[][] velocity() {
            int n = width;
            double[] delta = new double[p];
            for (int mu = 0; mu < p; mu++) {
                delta[mu] = y[mu] - f[mu];
            }
            double[][] v = new double[depth + 1][];
            double c0 = gamma0 / (p * Math.sqrt(n0));
            double[] v1 = new double[n * n0];
            for (int i = 0; i < n; i++) {
                for (int mu = 0; mu < p; mu++) {
                    double a = c0 * delta[mu] * g[1][mu][i];
                    for (int j = 0; j < n0; j++) {
                        v1[i * n0 + j] += a * x[mu][j];
                    }
                }
            }
            v[0] = v1;
            double c = gamma0 / (p * Math.sqrt(n));
            for (int l = 1; l < depth; l++) {
                double[] vl = new double[n * n];
                double[][] above = g[l + 1];
                double[][] below = s[l];
                IntStream.range(0, n).parallel().forEach(i -> {
                    int offset = i * n;
                    for (int mu = 0; mu < p; mu++) {
                        double a = c * delta[mu] * above[mu][i];
                        double[] b = below[mu];
                        for (int j = 0; j < n; j++) {
                            vl[offset + j] += a * b[j];
                        }
                    }
                });
                v[l] = vl;
            }
            double[] vw = new double[n];
            for (int mu = 0; mu < p; mu++) {
                double a = gamma0 * delta[mu] / p;
                for (int i = 0; i < n; i++) {
                    vw[i] += a * s[depth][mu][i];
                }
            }
            v[depth] = vw;
            return v;
        }

        Observation observe() {
            double[][][] phi = new double[depth][][];
            double[][][] grads = new double[depth][][];
            for (int l = 1; l <= depth; l++) {
                phi[l - 1] = gram(s[l], s[l]);
                grads[l - 1] = gram(g[l], g[l]);
            }
            double[][] phi0 = network.inputGram();
            double[][] ntk = new double[p][p];
            for (int mu = 0; mu < p; mu++) {
                for (int nu = 0; nu < p; nu++) {
                    double sum = 0;
                    for (int l = 0; l <= depth; l++) {
                        double ph = l == 0 ? phi0[mu][nu] : phi[l - 1][mu][nu];
                        double gg = l == depth ? 1 : grads[l][mu][nu];
                        sum += ph * gg;
                    }
                    ntk[mu][nu] = sum;
                }
            }
            return new Observation(f.clone(), problem.loss(f), ntk, phi, grads);
        }
    }

    private double[][][] twoTime(Pass end, Pass start) {
        double[][][] out = new double[depth][][];
        for (int l = 1; l <= depth; l++) {
            out[l - 1] = gram(end.s[l], start.s[l]);
        }
        return out;
    }

    /** a_mu . b_nu / n. */
    private double[][] gram(double[][] a, double[][] b) {
        double[][] out = new double[p][p];
        for (int mu = 0; mu < p; mu++) {
            for (int nu = 0; nu < p; nu++) {
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    sum += a[mu][i] * b[nu][i];
                }
                out[mu][nu] = sum / width;
            }
        }
        return out;
    }
}
