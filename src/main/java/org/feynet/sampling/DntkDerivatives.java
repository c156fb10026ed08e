package org.feynet.sampling;

import java.util.Arrays;

/**
 * Exact first, second and third derivatives of the preactivations z^(t)_{i;a} of one network ({@link DntkPass})
 * with respect to all parameters theta of layers 1..t, contracted into the dNTK and the ddNTKs (PDLT chapter 11):
 * <pre>
 *   dH_{i0 i1 i2; d0 d1 d2}        = sum_{mu nu} lambda_mu lambda_nu (d^2 z_{i0;d0} / dtheta_mu dtheta_nu)
 *                                    (dz_{i1;d1} / dtheta_mu) (dz_{i2;d2} / dtheta_nu)
 *                                  = D^2 z_{i0;d0}[g_{i1;d1}, g_{i2;d2}],
 *   ddI_{i0 i1 i2 i3; d0 d1 d2 d3}  = D^3 z_{i0;d0}[g_{i1;d1}, g_{i2;d2}, g_{i3;d3}],
 *   ddII_{i1 i2 i3 i4; d1 d2 d3 d4} = (Hess_{i1;d1} g_{i3;d3})^T Lambda (Hess_{i2;d2} g_{i4;d4}),
 * </pre>
 * with g_{i;a} = Lambda grad z_{i;a}, Lambda the diagonal of learning rates (lambda_b for a bias,
 * lambda_W / n_{l-1} for a weight of layer l) and D^k z[u, ...] the k-th directional derivative along parameter
 * directions u, .... Neurons i are 0, 1 and samples a = 0..P-1, indexed together as q = i P + a.
 *
 * <h2>Method: forward-over-reverse automatic differentiation with rank-one directions</h2>
 * Write s^(l)_a = sigma(z^(l)_a) and s1, s2, s3 for sigma', sigma'', sigma''' at z^(l)_a (elementwise products *,
 * outer products (x)), W^(l) = sqrt(Cw/n) times the stored normals, kappa = lambda_W / n, and
 * c^(l)_{ab} = lambda_b + (lambda_W / n_{l-1}) s^(l-1)_a . s^(l-1)_b, with c^(1) = H1 the first layer's NTK.
 * Reverse mode: the backward vector of output q = (i;a) at layer l is delta^(l)_q = dz^(t)_{i;a} / dz^(l)_a,
 * <pre>
 *   delta^(t)_q = e_i,   beta^(l-1)_q = W^(l)T delta^(l)_q,   delta^(l-1)_q = beta^(l-1)_q * s1^(l-1)_a,
 * </pre>
 * and grad z_{i;a} is delta^(l)_q on the biases of layer l and delta^(l)_q (x) s^(l-1)_a on its weights. So the
 * direction u = g_q is lambda_b delta^(l)_q on the biases of layer l and the rank-one matrix
 * U^(l) = (lambda_W / n_{l-1}) delta^(l)_q (x) s^(l-1)_a on its weights, and U^(l) y = (lambda_W / n_{l-1})
 * (s^(l-1)_a . y) delta^(l)_q and U^(l)T y = (lambda_W / n_{l-1}) (delta^(l)_q . y) s^(l-1)_a cost O(n).
 *
 * <p>Forward mode: the directional derivatives Dz[u] = sum_mu u_mu dz/dtheta_mu of the preactivations of every
 * sample e, along u = g_q, and D^2 z[u, v] along u = g_q, v = g_r, follow the forward pass:
 * <pre>
 *   Dz^(1)_e[u] = c^(1)_{ae} delta^(1)_q,   Dz^(l)_e[u] = c^(l)_{ae} delta^(l)_q + W^(l) Ds^(l-1)_e[u],
 *   D^2 z^(1)_e = 0,   D^2 z^(l)_e[u,v] = U^(l) Ds^(l-1)_e[v] + V^(l) Ds^(l-1)_e[u] + W^(l) D^2 s^(l-1)_e[u,v],
 *   Ds_e[u] = s1 * Dz_e[u],   D^2 s_e[u,v] = s2 * Dz_e[u] * Dz_e[v] + s1 * D^2 z_e[u,v]
 * </pre>
 * (at l = t, Dz^(t)_{j;e}[g_{i;a}] = Theta^(t)_{ji;ea}, the NTK). Forward over reverse: the backward recursion of
 * output o = (i;a), differentiated along u and v (everything at layer l - 1 and sample a),
 * <pre>
 *   D beta^(l-1)[u]      = U^(l)T delta^(l) + W^(l)T D delta^(l)[u],
 *   D delta^(l-1)[u]     = D beta[u] * s1 + beta * s2 * Dz[u],
 *   D^2 beta^(l-1)[u,v]  = U^(l)T D delta^(l)[v] + V^(l)T D delta^(l)[u] + W^(l)T D^2 delta^(l)[u,v],
 *   D^2 delta^(l-1)[u,v] = D^2 beta * s1 + (D beta[u] * Dz[v] + D beta[v] * Dz[u]) * s2
 *                          + beta * (s3 * Dz[u] * Dz[v] + s2 * D^2 z[u,v]),
 * </pre>
 * from D delta^(t) = D^2 delta^(t) = 0. Then Hess_o u = grad (D z_o[u]) is D delta^(l)[u] on the biases of layer l
 * and D delta^(l)[u] (x) s^(l-1)_a + delta^(l) (x) Ds^(l-1)_a[u] on its weights, and grad (D^2 z_o[u,v]) is
 * D^2 delta^(l) on the biases and D^2 delta (x) s_a + D delta[u] (x) Ds_a[v] + D delta[v] (x) Ds_a[u]
 * + delta (x) D^2 s_a[u,v] on the weights. Contracting these matrices of rank two and four with g_w, or with each
 * other through Lambda, takes inner products of n-vectors only; merging the bias term with the first weight term
 * into c^(l), and writing d for the sample of a subscript:
 * <pre>
 *   dH(o; q1, w)    = sum_l [ c^(l)_{d_o d_w} D delta_o[g_q1] . delta_w
 *                             + kappa (delta_o . delta_w)(Ds_{d_o}[g_q1] . s_{d_w}) ]
 *   ddI(o; w, u, v) = sum_l [ c_{d_o d_w} D^2 delta_o[u,v] . delta_w
 *                             + kappa ( (D delta_o[u] . delta_w)(Ds_{d_o}[v] . s_{d_w})
 *                                     + (D delta_o[v] . delta_w)(Ds_{d_o}[u] . s_{d_w})
 *                                     + (delta_o . delta_w)(D^2 s_{d_o}[u,v] . s_{d_w}) ) ]
 *   ddII(A, B)      = sum_l [ c_{d_A d_B} Dd_A . Dd_B + kappa ( (Dd_A . delta_B)(s_{d_A} . Ds_B)
 *                             + (delta_A . Dd_B)(Ds_A . s_{d_B}) + (delta_A . delta_B)(Ds_A . Ds_B) ) ]
 * </pre>
 * for A = (o1, u1), B = (o2, u2), delta_A = delta_{o1}, Dd_A = D delta_{o1}[u1], Ds_A = Ds_{d_{o1}}[u1]. At layer 1
 * the Ds terms vanish (the inputs are constant), so the first layer enters only through c^(1) = H1 and z^(1). Every
 * formula is exact; the only error is rounding.
 *
 * <h2>Cost, per layer t and network</h2>
 * The O(n^2) work is products with the weight matrices of layers 2..t-1 (at layer t the backward vectors are unit
 * vectors, and only rows 0 and 1 are used): 2P backward vectors, 2P x P forward tangents and (2P)^2 backward
 * tangents, (t-2) 2P (1 + 3P) n^2 multiply-adds for the dNTK and ddII; for ddI, along the P (P+1) pairs
 * (u, v) = (g_{k;c}, g_{k;d}), c &lt;= d, that R needs, the forward second tangents for every sample and the backward
 * second tangents of the P outputs (1-k; a), 2 P^2 (P+1) (t-2) n^2 more. The contractions take O(t P^4 n). Not
 * thread-safe: one per {@link DntkPass}.
 */
final class DntkDerivatives {

    private final DntkPass net;
    private final int n;
    private final int inputs;
    private final int directions;
    private final double kappa;
    private int target;
    /** delta[l][q], l = 1..t. */
    private final double[][][] delta;
    /** beta[l][q] = W^(l+1)T delta^(l+1)_q, l = 1..t-1. */
    private final double[][][] beta;
    /** zdot[l][q P + e] = D z^(l)_e[g_q] and sdot = D s^(l)_e[g_q] = s1^(l)_e * zdot, l = 1..t-1. */
    private final double[][][] zdot;
    private final double[][][] sdot;
    /** deltaDot[l][o D + q] = D delta^(l)_o[g_q] (zero at l = t), betaDot likewise for beta, l = 1..t-1. */
    private final double[][][] deltaDot;
    private final double[][][] betaDot;
    /** The jobs of {@link #secondOrder}: pairs (jobU[m], jobV[m]) and output neurons jobNeuron[m]; null before. */
    private int[] jobU;
    private int[] jobV;
    private int[] jobNeuron;
    /** zddot[l][m P + e] = D^2 z^(l)_e[g_u, g_v], sddot likewise D^2 s^(l)_e, l = 1..t-1, for job m. */
    private double[][][] zddot;
    private double[][][] sddot;
    /** deltaDDot[l][m P + a] = D^2 delta^(l)_o[g_u, g_v] for o = (jobNeuron[m]; a), l = 1..t (zero at t). */
    private double[][][] deltaDDot;
    private double[][] work;

    DntkDerivatives(DntkPass net) {
        this.net = net;
        this.n = net.width;
        this.inputs = net.inputs;
        this.directions = 2 * inputs;
        this.kappa = net.lambdaW / n;
        int depth = net.depth;
        this.delta = new double[depth + 1][directions][n];
        this.beta = new double[depth][directions][n];
        this.zdot = new double[depth][directions * inputs][n];
        this.sdot = new double[depth][directions * inputs][n];
        this.deltaDot = new double[depth + 1][directions * directions][n];
        this.betaDot = new double[depth][directions * directions][n];
        allocateSecondOrder(inputs * (inputs + 1));
    }

    /** q = i P + a for neuron i (0 or 1) and sample a. */
    static int index(int neuron, int sample, int inputs) {
        return neuron * inputs + sample;
    }

    private int neuron(int q) {
        return q / inputs;
    }

    private int sample(int q) {
        return q % inputs;
    }

    /** The first-order quantities of layer t (2..L): backward vectors, forward and backward tangents. */
    void compute(int t) {
        if (t < 2 || t > net.depth) {
            throw new IllegalArgumentException("derivatives of layers 2.." + net.depth + ", not " + t);
        }
        target = t;
        jobU = null;
        backward();
        forwardTangents();
        backwardTangents();
    }

    private void backward() {
        int t = target;
        for (int q = 0; q < directions; q++) {
            Arrays.fill(delta[t][q], 0);
            delta[t][q][neuron(q)] = 1;
        }
        for (int l = t; l >= 2; l--) {
            transposeTimes(l, delta[l], beta[l - 1], directions);
            for (int q = 0; q < directions; q++) {
                multiply(beta[l - 1][q], net.slope[0][l - 1][sample(q)], delta[l - 1][q]);
            }
        }
    }

    private void forwardTangents() {
        for (int l = 1; l < target; l++) {
            if (l >= 2) {
                times(l, sdot[l - 1], zdot[l], directions * inputs);
            } else {
                for (double[] v : zdot[1]) {
                    Arrays.fill(v, 0);
                }
            }
            for (int q = 0; q < directions; q++) {
                for (int e = 0; e < inputs; e++) {
                    int v = q * inputs + e;
                    axpy(net.kernel[l][sample(q)][e], delta[l][q], zdot[l][v]);
                    multiply(net.slope[0][l][e], zdot[l][v], sdot[l][v]);
                }
            }
        }
    }

    private void backwardTangents() {
        int t = target;
        for (double[] v : deltaDot[t]) {
            Arrays.fill(v, 0);
        }
        for (int l = t; l >= 2; l--) {
            if (l < t) {
                transposeTimes(l, deltaDot[l], betaDot[l - 1], directions * directions);
            } else {
                for (double[] v : betaDot[l - 1]) {
                    Arrays.fill(v, 0);
                }
            }
            for (int o = 0; o < directions; o++) {
                int a = sample(o);
                double[] s1 = net.slope[0][l - 1][a];
                double[] s2 = net.slope[1][l - 1][a];
                double[] b = beta[l - 1][o];
                for (int q = 0; q < directions; q++) {
                    double[] bd = betaDot[l - 1][o * directions + q];
                    axpy(kappa * dot(delta[l][q], delta[l][o]), net.act[l - 1][sample(q)], bd);
                    double[] zd = zdot[l - 1][q * inputs + a];
                    double[] dd = deltaDot[l - 1][o * directions + q];
                    for (int k = 0; k < n; k++) {
                        dd[k] = bd[k] * s1[k] + b[k] * s2[k] * zd[k];
                    }
                }
            }
        }
    }

    /** dH_{i0 i1 i2; d0 d1 d2} = D^2 z_o[g_q1, g_w] for o = (i0;d0), q1 = (i1;d1), w = (i2;d2). */
    double dH(int o, int q1, int w) {
        int t = target;
        int d0 = sample(o);
        int dw = sample(w);
        double sum = 0;
        for (int l = 1; l < t; l++) {
            sum += net.kernel[l][d0][dw] * dot(deltaDot[l][o * directions + q1], delta[l][w]);
        }
        for (int l = 2; l <= t; l++) {
            sum += kappa * dot(delta[l][o], delta[l][w]) * dot(sdot[l - 1][q1 * inputs + d0], net.act[l - 1][dw]);
        }
        return sum;
    }

    /**
     * ddII_{i1 i2 i3 i4; d1 d2 d3 d4} = (Hess_{o1} g_{q3})^T Lambda (Hess_{o2} g_{q4}) for o1 = (i1;d1),
     * o2 = (i2;d2), q3 = (i3;d3), q4 = (i4;d4).
     */
    double ddII(int o1, int q3, int o2, int q4) {
        int t = target;
        int d1 = sample(o1);
        int d2 = sample(o2);
        double sum = 0;
        for (int l = 1; l < t; l++) {
            sum += net.kernel[l][d1][d2] * dot(deltaDot[l][o1 * directions + q3], deltaDot[l][o2 * directions + q4]);
        }
        for (int l = 2; l <= t; l++) {
            double[] sA = sdot[l - 1][q3 * inputs + d1];
            double[] sB = sdot[l - 1][q4 * inputs + d2];
            double cross = dot(delta[l][o1], delta[l][o2]) * dot(sA, sB);
            if (l < t) {
                double[] dA = deltaDot[l][o1 * directions + q3];
                double[] dB = deltaDot[l][o2 * directions + q4];
                cross += dot(dA, delta[l][o2]) * dot(net.act[l - 1][d1], sB)
                        + dot(delta[l][o1], dB) * dot(sA, net.act[l - 1][d2]);
            }
            sum += kappa * cross;
        }
        return sum;
    }

    /**
     * The second-order tangents for {@link #ddI}: for each job m, the forward ones D^2 z^(l)_e[g_u, g_v] of every
     * sample e along the pair (u, v) = (us[m], vs[m]), and the backward ones D^2 delta^(l)_o[g_u, g_v] of the P outputs
     * o = (neurons[m]; a). All jobs share each pass over a weight matrix.
     */
    void secondOrder(int[] us, int[] vs, int[] neurons) {
        int jobs = us.length;
        if (vs.length != jobs || neurons.length != jobs) {
            throw new IllegalArgumentException("one pair and one neuron per job");
        }
        if (zddot[0].length < jobs * inputs) {
            allocateSecondOrder(jobs);
        }
        jobU = us.clone();
        jobV = vs.clone();
        jobNeuron = neurons.clone();
        secondOrderForward();
        secondOrderBackward();
    }

    private void allocateSecondOrder(int jobs) {
        zddot = new double[net.depth][jobs * inputs][n];
        sddot = new double[net.depth][jobs * inputs][n];
        deltaDDot = new double[net.depth + 1][jobs * inputs][n];
        work = new double[jobs * inputs][n];
    }

    /**
     * z''^(1) = 0, z''^(l)_e = kappa [delta^(l)_u (s_{a_u} . Ds_e[v]) + delta^(l)_v (s_{a_v} . Ds_e[u])]
     * + W^(l) D^2 s^(l-1)_e, and D^2 s^(l)_e = s'' z'[u] z'[v] + s' z'', for l = 1..t-1, row m P + e.
     */
    private void secondOrderForward() {
        int rows = jobU.length * inputs;
        for (int l = 1; l < target; l++) {
            if (l >= 2) {
                times(l, sddot[l - 1], zddot[l], rows);
            } else {
                for (int r = 0; r < rows; r++) {
                    Arrays.fill(zddot[1][r], 0);
                }
            }
            for (int r = 0; r < rows; r++) {
                int u = jobU[r / inputs];
                int v = jobV[r / inputs];
                int e = r % inputs;
                double[] zz = zddot[l][r];
                if (l >= 2) {
                    axpy(kappa * dot(net.act[l - 1][sample(u)], sdot[l - 1][v * inputs + e]), delta[l][u], zz);
                    axpy(kappa * dot(net.act[l - 1][sample(v)], sdot[l - 1][u * inputs + e]), delta[l][v], zz);
                }
                double[] s1 = net.slope[0][l][e];
                double[] s2 = net.slope[1][l][e];
                double[] zu = zdot[l][u * inputs + e];
                double[] zv = zdot[l][v * inputs + e];
                double[] out = sddot[l][r];
                for (int k = 0; k < n; k++) {
                    out[k] = s2[k] * zu[k] * zv[k] + s1[k] * zz[k];
                }
            }
        }
    }

    /**
     * D^2 delta^(t) = 0 and, for l = t..2, D^2 beta^(l-1) = U^(l)T D delta^(l)[v] + V^(l)T D delta^(l)[u]
     * + W^(l)T D^2 delta^(l) and D^2 delta^(l-1) as in the class comment, row m P + a for output (neurons[m]; a).
     */
    private void secondOrderBackward() {
        int t = target;
        int rows = jobU.length * inputs;
        for (int r = 0; r < rows; r++) {
            Arrays.fill(deltaDDot[t][r], 0);
        }
        for (int l = t; l >= 2; l--) {
            if (l < t) {
                transposeTimes(l, deltaDDot[l], work, rows);
            } else {
                for (int r = 0; r < rows; r++) {
                    Arrays.fill(work[r], 0);
                }
            }
            for (int r = 0; r < rows; r++) {
                int u = jobU[r / inputs];
                int v = jobV[r / inputs];
                int a = r % inputs;
                int o = index(jobNeuron[r / inputs], a, inputs);
                int ou = o * directions + u;
                int ov = o * directions + v;
                double[] bdd = work[r];
                axpy(kappa * dot(delta[l][u], deltaDot[l][ov]), net.act[l - 1][sample(u)], bdd);
                axpy(kappa * dot(delta[l][v], deltaDot[l][ou]), net.act[l - 1][sample(v)], bdd);
                double[] s1 = net.slope[0][l - 1][a];
                double[] s2 = net.slope[1][l - 1][a];
                double[] s3 = net.slope[2][l - 1][a];
                double[] zu = zdot[l - 1][u * inputs + a];
                double[] zv = zdot[l - 1][v * inputs + a];
                double[] zz = zddot[l - 1][(r / inputs) * inputs + a];
                double[] bu = betaDot[l - 1][ou];
                double[] bv = betaDot[l - 1][ov];
                double[] b = beta[l - 1][o];
                double[] out = deltaDDot[l - 1][r];
                for (int k = 0; k < n; k++) {
                    out[k] = bdd[k] * s1[k] + (bu[k] * zv[k] + bv[k] * zu[k]) * s2[k]
                            + b[k] * (s3[k] * zu[k] * zv[k] + s2[k] * zz[k]);
                }
            }
        }
    }

    /**
     * ddI_{i0 i1 i2 i3; d0 d1 d2 d3} = D^3 z_o[g_w, g_u, g_v] for job m of {@link #secondOrder}, with o = (i0;d0) =
     * (neurons[m]; a), (u, v) = (us[m], vs[m]) = ((i2;d2), (i3;d3)) and w = (i1;d1).
     */
    double ddI(int m, int a, int w) {
        if (jobU == null || m >= jobU.length) {
            throw new IllegalStateException("no second-order job " + m);
        }
        int t = target;
        int u = jobU[m];
        int v = jobV[m];
        int o = index(jobNeuron[m], a, inputs);
        int r = m * inputs + a;
        int dw = sample(w);
        double sum = 0;
        for (int l = 1; l < t; l++) {
            sum += net.kernel[l][a][dw] * dot(deltaDDot[l][r], delta[l][w]);
        }
        for (int l = 2; l <= t; l++) {
            double[] s = net.act[l - 1][dw];
            double term = dot(delta[l][o], delta[l][w]) * dot(sddot[l - 1][r], s);
            if (l < t) {
                term += dot(deltaDot[l][o * directions + u], delta[l][w]) * dot(sdot[l - 1][v * inputs + a], s)
                        + dot(deltaDot[l][o * directions + v], delta[l][w]) * dot(sdot[l - 1][u * inputs + a], s);
            }
            sum += kappa * term;
        }
        return sum;
    }

    /** out[v] = W^(l) in[v], v &lt; count: one row of W at a time against every vector. */
    private void times(int l, double[][] in, double[][] out, int count) {
        double[][] g = net.normals[l];
        double scale = net.weightScale;
        for (int m = 0; m < g.length; m++) {
            double[] row = g[m];
            for (int v = 0; v < count; v++) {
                out[v][m] = scale * dot(row, in[v]);
            }
        }
    }

    /** out[v] = W^(l)T in[v], v &lt; count: row m of W added in[v][m] times (zero coefficients skipped). */
    private void transposeTimes(int l, double[][] in, double[][] out, int count) {
        for (int v = 0; v < count; v++) {
            Arrays.fill(out[v], 0);
        }
        double[][] g = net.normals[l];
        for (int m = 0; m < g.length; m++) {
            double[] row = g[m];
            for (int v = 0; v < count; v++) {
                double c = in[v][m];
                if (c != 0) {
                    axpy(c, row, out[v]);
                }
            }
        }
        double scale = net.weightScale;
        for (int v = 0; v < count; v++) {
            double[] o = out[v];
            for (int k = 0; k < o.length; k++) {
                o[k] *= scale;
            }
        }
    }

    /** x . y with four partial sums (independent additions pipeline; the order differs from a plain loop's). */
    static double dot(double[] x, double[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < x.length; k += 4) {
            s0 += x[k] * y[k];
            s1 += x[k + 1] * y[k + 1];
            s2 += x[k + 2] * y[k + 2];
            s3 += x[k + 3] * y[k + 3];
        }
        for (; k < x.length; k++) {
            s0 += x[k] * y[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y += c x. */
    private static void axpy(double c, double[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += c * x[k];
        }
    }

    /** out = x * y elementwise. */
    private static void multiply(double[] x, double[] y, double[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = x[k] * y[k];
        }
    }
}
