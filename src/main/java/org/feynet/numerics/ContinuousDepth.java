package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.StreamFunction.Kind;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The continuous-depth limit of a residual network, eps -> 0 with t = l eps^2 fixed (docs/METHOD.md): with
 * Sigma0(t) = Cb + Cw &lt;sigma sigma&gt;_{K(t)} and the generator A_t = (1/2) Sigma0_ab d_a d_b of the smoothing,
 * <pre>
 *   dK/dt = Sigma0(t)
 * </pre>
 * and, for a kernel closure with state S and basis B (see {@link ResidualTheory}),
 * <pre>
 *   dV/dt   = J V + V J^T + D,       D_{ss'} = Sigma0_ab &lt;d_a s d_b s'&gt;_K                  (carre du champ)
 *   dm1/dt  = J m1 + (Cw/2) V(sigma_c sigma_d, B) beta(d_c d_d s),
 *   J       = beta(A_t s) + (Cw/2) &lt;d_c d_d s&gt;_K e_{sigma_c sigma_d},   beta(phi) = Cov(B, B)^-1 Cov(B, phi),
 * </pre>
 * the limits of (A - 1)/eps^2, B/eps^2 and the source/eps^2 of the discrete closure recursion (R's rows of J are
 * (Cw/2) &lt;d_c d_d z_a z_b&gt; e_{sigma_c sigma_d}, since A_t z z is a constant). Integrated by Hipparchus'
 * Dormand–Prince 8(5,3) adaptive Runge–Kutta method. The exact route has no finite state: its continuous limit, a
 * Volterra system in two times, is solved by {@link ExactContinuousDepth} (here it gives the mean field alone).
 * The published G-only theory ({@link Closure#G}) has J without the regression term and carries the tadpole's W and X
 * beside V (see {@code publishedDerivatives}).
 */
public final class ContinuousDepth {

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final List<StreamFunction> state = new ArrayList<>();
    private final int ns;
    private final int[] basis;
    /** The published G-only theory ({@link Closure#G}): no regression, the K1 source is the tadpole of W. */
    private final boolean published;

    /**
     * @param model a residual network; its closure picks the state (the exact route gives the mean field alone)
     */
    public ContinuousDepth(ResidualModel model) {
        this.model = model;
        this.integrals = ResidualTheory.defaultIntegrals(model);
        this.p = model.inputs();
        state.addAll(StreamFunction.symmetric(Kind.ZZ, p));
        ns = state.size();
        state.addAll(StreamFunction.symmetric(Kind.SS, p));
        if (model.closure() == Closure.RGM) {
            state.addAll(StreamFunction.mixed(p));
        }
        published = model.closure() == Closure.G;
        basis = switch (model.closure()) {
            case G, GPROJ -> range(ns, 2 * ns);
            case RG, EXACT -> range(0, 2 * ns);
            default -> range(0, state.size());
        };
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /**
     * The statistics at depths {@code times} (increasing, from 0): K0 from the mean-field equation; K1 and V4 from the
     * closure's equations (for {@link Closure#EXACT}, K1 and V4 are NaN: the exact route has no finite state).
     */
    public ResidualStatistics solve(double[] times, double tolerance) {
        int n = state.size();
        int dim = p * p + n * n + n + (published ? 2 * ns * ns : 0);
        double[] y = new double[dim];
        double[][] k0 = model.gramCopy();
        for (int a = 0; a < p; a++) {
            System.arraycopy(k0[a], 0, y, a * p, p);
        }
        GaussianPairs.Single single = integrals.single(k0, state);
        GaussianPairs.Local local = integrals.local(k0, state);
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                y[p * p + f * n + g] = local.product()[f][g] - single.mean()[f] * single.mean()[g];
            }
        }
        boolean exact = model.closure() == Closure.EXACT;
        OrdinaryDifferentialEquation equations = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double t, double[] state) {
                return derivatives(state, exact);
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-8, 1.0, tolerance, tolerance);
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        double now = 0;
        ODEState current = new ODEState(0, y);
        for (int i = 0; i < times.length; i++) {
            if (times[i] > now) {
                ODEStateAndDerivative next = integrator.integrate(equations, current, times[i]);
                current = new ODEState(next.getTime(), next.getPrimaryState());
                now = times[i];
            }
            layers.add(layer(i, current.getPrimaryState(), exact));
        }
        return new ResidualStatistics(model.name(), model.closure(), layers);
    }

    private double[][] kernel(double[] y) {
        double[][] k = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                k[a][b] = 0.5 * (y[a * p + b] + y[b * p + a]);
            }
        }
        return k;
    }

    private double[] derivatives(double[] y, boolean meanFieldOnly) {
        int n = state.size();
        double cb = model.cb();
        double cw = model.cw();
        double[][] k = kernel(y);
        double[] out = new double[y.length];
        GaussianPairs.Single single = integrals.single(k, state);
        double[][] sigma0 = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                sigma0[a][b] = cb + cw * single.mean()[ns + StreamFunction.symmetricIndex(a, b, p)];
                out[a * p + b] = sigma0[a][b];
            }
        }
        if (meanFieldOnly) {
            return out;
        }
        GaussianPairs.Local local = integrals.local(k, state);
        if (published) {
            return publishedDerivatives(y, out, single, local, sigma0);
        }
        double[][] cov = new double[basis.length][basis.length];
        for (int x = 0; x < basis.length; x++) {
            for (int z = 0; z < basis.length; z++) {
                cov[x][z] = local.product()[basis[x]][basis[z]] - single.mean()[basis[x]] * single.mean()[basis[z]];
            }
        }
        double[][] inverse = ResidualMoments.pseudoInverse(cov);
        double[][] v = new double[n][n];
        for (int f = 0; f < n; f++) {
            System.arraycopy(y, p * p + f * n, v[f], 0, n);
        }
        double[] m1 = new double[n];
        System.arraycopy(y, p * p + n * n, m1, 0, n);
        double[][] j = new double[n][n];
        double[] source = new double[n];
        for (int alpha = 0; alpha < n; alpha++) {
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    j[alpha][ns + StreamFunction.symmetricIndex(c, d, p)] += 0.5 * cw * single.second()[alpha][c][d];
                }
            }
            if (alpha < ns) {
                continue;
            }
            double[] generator = new double[basis.length];
            for (int x = 0; x < basis.length; x++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        generator[x] += 0.5 * sigma0[c][d] * covarianceWithSecond(local, single, basis[x], alpha, c, d);
                    }
                }
            }
            double[] beta = times(inverse, generator);
            for (int x = 0; x < basis.length; x++) {
                j[alpha][basis[x]] += beta[x];
            }
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    double[] target = new double[basis.length];
                    for (int x = 0; x < basis.length; x++) {
                        target[x] = covarianceWithSecond(local, single, basis[x], alpha, c, d);
                    }
                    double[] b = times(inverse, target);
                    int cd = ns + StreamFunction.symmetricIndex(c, d, p);
                    for (int x = 0; x < basis.length; x++) {
                        source[alpha] += 0.5 * cw * v[cd][basis[x]] * b[x];
                    }
                }
            }
        }
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                double dv = 0;
                for (int h = 0; h < n; h++) {
                    dv += j[f][h] * v[h][g] + v[f][h] * j[g][h];
                }
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        dv += sigma0[c][d] * local.gradients()[f][g][c][d];
                    }
                }
                out[p * p + f * n + g] = dv;
            }
            double dm = source[f];
            for (int h = 0; h < n; h++) {
                dm += j[f][h] * m1[h];
            }
            out[p * p + n * n + f] = dm;
        }
        return out;
    }

    /**
     * The published G-only theory (see {@link ResidualTheory}): J = (Cw/2) &lt;d_c d_d s&gt;_K e_{sigma_c sigma_d} (the
     * G-only Jacobian, no regression), dV/dt = J V + V J^T + D, dK1_R/dt = Cw K1_G with K1_G the one-loop tadpole
     * (1/2) &lt;d d sigma sigma&gt; K1_R + (1/8) W : &lt;d^4 sigma sigma&gt;, dW/dt = Cw (X + X^T), dX/dt = Cw V_GG + X J_GG^T.
     */
    private double[] publishedDerivatives(double[] y, double[] out, GaussianPairs.Single single,
                                          GaussianPairs.Local local, double[][] sigma0) {
        int n = state.size();
        double cw = model.cw();
        double[][] j = new double[n][n];
        for (int alpha = 0; alpha < n; alpha++) {
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    j[alpha][ns + StreamFunction.symmetricIndex(c, d, p)] += 0.5 * cw * single.second()[alpha][c][d];
                }
            }
        }
        int v0 = p * p;
        int m0 = v0 + n * n;
        int w0 = m0 + n;
        int x0 = w0 + ns * ns;
        for (int f = 0; f < n; f++) {
            for (int g = 0; g < n; g++) {
                double dv = 0;
                for (int h = 0; h < n; h++) {
                    dv += j[f][h] * y[v0 + h * n + g] + y[v0 + f * n + h] * j[g][h];
                }
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        dv += sigma0[c][d] * local.gradients()[f][g][c][d];
                    }
                }
                out[v0 + f * n + g] = dv;
            }
        }
        double[] m1 = publishedMeanShift(y, single);
        for (int s = 0; s < ns; s++) {
            out[m0 + s] = cw * m1[ns + s];
            for (int t = 0; t < ns; t++) {
                out[w0 + s * ns + t] = cw * (y[x0 + s * ns + t] + y[x0 + t * ns + s]);
                double dx = cw * y[v0 + (ns + s) * n + ns + t];
                for (int u = 0; u < ns; u++) {
                    dx += y[x0 + s * ns + u] * j[ns + t][ns + u];
                }
                out[x0 + s * ns + t] = dx;
            }
        }
        return out;
    }

    /** The published theory's mean shifts on the state (R's carried, G's the tadpole of W), at the state y. */
    private double[] publishedMeanShift(double[] y, GaussianPairs.Single single) {
        int n = state.size();
        int m0 = p * p + n * n;
        int w0 = m0 + n;
        double[] m1 = new double[n];
        for (int s = 0; s < ns; s++) {
            m1[s] = y[m0 + s];
        }
        for (int beta = 0; beta < ns; beta++) {
            double v = 0;
            for (int c = 0; c < p; c++) {
                for (int d = 0; d < p; d++) {
                    int cd = StreamFunction.symmetricIndex(c, d, p);
                    v += 0.5 * single.second()[ns + beta][c][d] * m1[cd];
                    for (int a = 0; a < p; a++) {
                        for (int b = 0; b < p; b++) {
                            v += 0.125 * y[w0 + StreamFunction.symmetricIndex(a, b, p) * ns + cd]
                                    * single.fourth()[ns + beta][a][b][c][d];
                        }
                    }
                }
            }
            m1[ns + beta] = v;
        }
        return m1;
    }

    /** Cov(b, d_c d_d s) under N(0, K). */
    private static double covarianceWithSecond(GaussianPairs.Local local, GaussianPairs.Single single, int b, int s,
                                               int c, int d) {
        return local.second()[b][s][c][d] - single.mean()[b] * single.second()[s][c][d];
    }

    private ResidualStatistics.Layer layer(int index, double[] y, boolean exact) {
        int n = state.size();
        double[][] k = kernel(y);
        GaussianPairs.Single single = integrals.single(k, state);
        double[] mean = single.mean();
        double[] shift = published ? publishedMeanShift(y, single) : null;
        double[][] rk1 = new double[p][p];
        double[][] gk0 = new double[p][p];
        double[][] gk1 = new double[p][p];
        double[][][][] rv4 = new double[p][p][p][p];
        double[][][][] gv4 = new double[p][p][p][p];
        double cw = model.cw();
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int ab = StreamFunction.symmetricIndex(a, b, p);
                gk0[a][b] = model.cb() + cw * mean[ns + ab];
                rk1[a][b] = exact ? Double.NaN : y[p * p + n * n + ab];
                gk1[a][b] = exact ? Double.NaN : cw * (published ? shift[ns + ab] : y[p * p + n * n + ns + ab]);
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        int cd = StreamFunction.symmetricIndex(c, d, p);
                        rv4[a][b][c][d] = exact ? Double.NaN : y[p * p + ab * n + cd];
                        gv4[a][b][c][d] = exact ? Double.NaN : cw * cw * y[p * p + (ns + ab) * n + ns + cd];
                    }
                }
            }
        }
        return new ResidualStatistics.Layer(index, new ResidualStatistics.Kernel(k, rk1, rv4),
                new ResidualStatistics.Kernel(gk0, gk1, gv4));
    }

    private static double[] times(double[][] m, double[] x) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < x.length; j++) {
                out[i] += m[i][j] * x[j];
            }
        }
        return out;
    }
}
