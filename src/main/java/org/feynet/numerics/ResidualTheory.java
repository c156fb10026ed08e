package org.feynet.numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;
import org.feynet.model.Activation;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.feynet.numerics.StreamFunction.Kind;

/**
 * The O(1/n) statistics of a pre-activation residual network (docs/METHOD.md, "Residual networks").
 *
 * <p>Given layer k, the neurons move independently, z^(k+1)_i = z^(k)_i + eps_k xi_i with xi_i iid N(0, Sigma(mu^k)),
 * Sigma(mu) = Cb + Cw mu(sigma sigma^T), mu^k the empirical measure of the stream. Hence, for test functions phi, psi,
 * <pre>
 *   E[mu^(k+1)(phi) | k] = mu^k(T_Sigma phi),        T_Sigma phi(z) = E phi(z + eps_k xi),
 *   n Cov(mu^(k+1)(phi), mu^(k+1)(psi) | k) = mu^k(T_Sigma(phi psi) - T_Sigma phi T_Sigma psi).
 * </pre>
 * Expanding Sigma(mu) = Sigma_0 + Cw delta(sigma sigma) around the mean-field Gaussian m^k = N(0, K^k) to second
 * order (Price: d T_Sigma phi / d Sigma_ab = (eps^2/2) T (d_a d_b phi), sums over ordered pairs) and writing
 * E mu^k(phi) = m^k(phi) + m1^k(phi)/n, n Cov(mu^k(phi), mu^k(psi)) = C^k(phi, psi) + O(1/n):
 * <pre>
 *   K^(k+1) = K^k + eps_k^2 Sigma_0^k,        Sigma_0^k = Cb + Cw &lt;sigma sigma&gt;_{K^k}
 *   L_k phi = T phi + (eps_k^2/2) Cw m^(k+1)(d_a d_b phi) sigma_a sigma_b                      (linear response)
 *   C^(k+1)(phi, psi) = m^k(T(phi psi) - T phi T psi) + C^k(L_k phi, L_k psi)
 *   m1^(k+1)(phi) = m1^k(L_k phi) + (eps_k^2/2) Cw C^k(sigma_a sigma_b, T d_a d_b phi)
 *                   + (eps_k^4/8) Cw^2 C^k(sigma_a sigma_b, sigma_c sigma_d) m^(k+1)(d_a d_b d_c d_d phi),
 * </pre>
 * with C^0 the single-neuron covariance under N(0, K^0) and m1^0 = 0 (the stream z^(0) is iid Gaussian). Since
 * L_k maps T_{k+1 -> j} f to T_{k -> j} f + c (sigma sigma) (T_{k -> j} the Gaussian smoothing from layer k to j),
 * the functions the recursions need stay in the span of smoothed kernel functions T_{k->j} f, one per later layer j:
 * the exact route propagates C^k on pairs (T_{k->j} f, T_{k->i} g) and m1^k on T_{k->j} f. Every number is then a
 * Gaussian expectation E[f(x) g(y)] of a pair of points on one mean-field trajectory, x at layer j and y at layer i,
 * branching at layer c: Cov(x) = K^j, Cov(y) = K^i, Cov(x, y) = K^c (and m^k(T(phi psi)) - m^k(T phi T psi) is the
 * difference of the expectations branching at k+1 and at k). The work is O(L^3) pair integrals.
 *
 * <p>The regression closures keep C and m1 only on the functions of a finite state S and replace the fluctuation of
 * any other function by its regression on the state's basis B under the mean-field measure (delta(phi) ~ beta(phi) .
 * delta(B), beta = Cov_m(B, B)^-1 Cov_m(B, phi)): Gproj keeps B = {sigma sigma} (with R carried along exactly, since
 * T z z = z z + const), RG B = {zz, sigma sigma}, RGM adds z sigma. Enlarging B to all functions gives back the exact
 * route; no finite B does. Closure G is the published Gaussian G-only theory (docs/METHOD.md, "The published G-only
 * theory"). The four kernel closures and the exact route are evaluated by their generated {@link ResidualRecursions}
 * (the tensor equations of org.feynet.derive.ResidualSystem, fed by {@link ResidualMoments}, or for the exact route,
 * whose state is indexed by the later layers, by {@link ExactResidualMoments}; docs/METHOD.md, "Generated residual
 * evaluators").
 */
public final class ResidualTheory {

    /** Pair-integral nodes per dimension: smooth activations, kinks. */
    static final int SMOOTH_PAIR_NODES = 20;
    static final int KINK_PAIR_NODES = 32;
    static final int SMOOTH_SINGLE_NODES = 60;
    static final int SMOOTH_BRANCH_NODES = 40;
    static final int KINK_BRANCH_NODES = 64;
    static final int KINK_SINGLE_NODES = 400;
    /**
     * Single-point nodes of the coupled copies' runs (turned grids): their NTK is a difference quotient of two output
     * covariances, which multiplies quadrature errors by about 8 / h; tanh at variance 3.3 on 60 x 60 nodes is good to
     * about 1e-6, on 200 x 200 to 1e-11.
     */
    static final int TURNED_SINGLE_NODES = 200;

    private final ResidualModel model;
    private final GaussianPairs integrals;
    private final int p;
    private final int depth;
    private final double cb;
    private final double cw;
    /** Cb_ab and Cw_ab pair by pair (uniform for one network). */
    private final PairCouplings couplings;
    /** K^l, the mean-field kernel of the stream, l = 0..L. */
    private final double[][][] kernel;

    public ResidualTheory(ResidualModel model) {
        this(model, defaultIntegrals(model));
    }

    public ResidualTheory(ResidualModel model, GaussianPairs integrals) {
        this(model, integrals, PairCouplings.uniform(model.cb(), model.cw(), model.inputs()));
    }

    /**
     * The exact route of a residual system whose increments have pair-dependent (co)variances, Cov(xi_a, xi_b | l) =
     * Cb_ab + Cw_ab G_ab (two copies of a network with correlated parameters; {@link PairCouplings}); the model's own
     * Cb and Cw are not used. Only the exact route carries pair couplings. {@code turned}: quadrature grids turned
     * against the eigenvectors, with {@value #TURNED_SINGLE_NODES} single-point nodes, for nearly singular
     * covariances ({@link #integrals}).
     */
    public ResidualTheory(ResidualModel model, PairCouplings couplings, boolean turned) {
        this(model, integrals(model, turned), couplings);
    }

    private ResidualTheory(ResidualModel model, GaussianPairs integrals, PairCouplings couplings) {
        if (couplings.samples() != model.inputs()) {
            throw new IllegalArgumentException("pair couplings for " + couplings.samples() + " samples, the model has "
                    + model.inputs());
        }
        if (!couplings.isUniform() && model.closure() != Closure.EXACT) {
            throw new IllegalArgumentException("pair-dependent couplings need the exact route, not closure "
                    + model.closure().keyword());
        }
        this.model = model;
        this.integrals = integrals;
        this.p = model.inputs();
        this.depth = model.depth();
        this.cb = model.cb();
        this.cw = model.cw();
        this.couplings = couplings;
        this.kernel = new double[depth + 1][][];
        kernel[0] = model.gramCopy();
        List<StreamFunction> ss = StreamFunction.symmetric(Kind.SS, p);
        for (int l = 0; l < depth; l++) {
            double[] mean = integrals.single(kernel[l], ss).mean();
            double e2 = model.eps(l) * model.eps(l);
            kernel[l + 1] = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    kernel[l + 1][a][b] = kernel[l][a][b] + e2 * (couplings.cb(a, b)
                            + couplings.cw(a, b) * mean[StreamFunction.symmetricIndex(a, b, p)]);
                }
            }
        }
    }

    /** The quadrature for this network's activation: more nodes for an activation with a kink. */
    public static GaussianPairs defaultIntegrals(ResidualModel model) {
        return integrals(model, false);
    }

    /**
     * The default node counts, with every grid turned against the eigenvectors when {@code turned} (for the nearly
     * singular covariances of coupled copies; {@link GaussianPairs}).
     */
    static GaussianPairs integrals(ResidualModel model, boolean turned) {
        Activation activation = model.activation();
        DoubleUnaryOperator sigma = ScalarFunction.of(activation.expression());
        boolean kink = ScalarExpr.hasKink(activation.expression());
        int single = kink ? KINK_SINGLE_NODES : turned ? TURNED_SINGLE_NODES : SMOOTH_SINGLE_NODES;
        return new GaussianPairs(sigma, model.inputs(), kink ? KINK_PAIR_NODES : SMOOTH_PAIR_NODES, single,
                kink ? KINK_BRANCH_NODES : SMOOTH_BRANCH_NODES, kink ? KINK_PAIR_NODES : SMOOTH_PAIR_NODES, turned);
    }

    /** The mean-field kernel K^l of the stream. */
    public double[][] meanField(int l) {
        return kernel[l];
    }

    /**
     * The statistics under the model's closure, through its generated recursions (org.feynet.codegen.Evaluators
     * .residual(closure)): the exact route's or a kernel closure's.
     */
    public ResidualStatistics run(ResidualRecursions recursions, IntConsumer progress) {
        if (recursions == null || !recursions.closure().equals(model.closure().keyword())) {
            throw new IllegalArgumentException("closure " + model.closure().keyword() + " is evaluated by its"
                    + " generated recursions (org.feynet.codegen.Evaluators.residual), not by "
                    + (recursions == null ? "none" : recursions.closure()));
        }
        return model.closure() == Closure.EXACT ? exact(recursions, progress) : generated(recursions, progress);
    }

    // ------------------------------------------------------------------ exact route (generated)

    /**
     * The exact route through its generated recursions: {@link ExactResidualMoments} supplies the moments of every
     * layer and, per step, the pair expectations branching at l and l+1; {@code recursions} maps the state (C, D, m1
     * on the later layers) of layer l to layer l+1's and reads off K1 and V4 of R and of the metric.
     */
    private ResidualStatistics exact(ResidualRecursions recursions, IntConsumer progress) {
        ExactResidualMoments moments = new ExactResidualMoments(integrals, kernel, p);
        ResidualTensors state = moments.initial();
        ResidualTensors fixed = moments.layers().and(couplings.tensors(moments.n(), kernel.length));
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(readout(0, recursions.readout(state.and(fixed), 0, 0.0, cb, cw), moments.ns()));
        for (int k = 0; k < depth; k++) {
            ResidualTensors in = state.and(fixed).and(moments.step(k));
            state = recursions.step(in, k, model.eps(k) * model.eps(k), cb, cw);
            layers.add(readout(k + 1, recursions.readout(state.and(fixed), k + 1, 0.0, cb, cw), moments.ns()));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), Closure.EXACT, layers);
    }

    // ------------------------------------------------------------------ kernel closures (generated)

    /**
     * A kernel closure through its generated recursions: at each layer the runtime half ({@link ResidualMoments})
     * computes the Gaussian expectations, and {@code recursions} (org.feynet.codegen, from
     * org.feynet.derive.ResidualSystem) maps layer l's state to layer l+1's and reads off K1 and V4 of R and of the
     * metric.
     */
    private ResidualStatistics generated(ResidualRecursions recursions, IntConsumer progress) {
        ResidualMoments moments = new ResidualMoments(model.closure(), integrals, kernel, p);
        ResidualTensors state = moments.initial();
        List<ResidualStatistics.Layer> layers = new ArrayList<>();
        layers.add(readout(0, recursions, state, moments));
        for (int k = 0; k < depth; k++) {
            ResidualTensors in = state.and(moments.layer(k, "mu", "Hk", "Fk"))
                    .and(moments.layer(k + 1, "nu", "Hn", "Fn")).and(moments.step(k));
            state = recursions.step(in, k, model.eps(k) * model.eps(k), cb, cw);
            layers.add(readout(k + 1, recursions, state, moments));
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return new ResidualStatistics(model.name(), model.closure(), layers);
    }

    /** Layer l's statistics: K0 of R is the mean-field kernel, the rest comes pair-indexed from the readout. */
    private ResidualStatistics.Layer readout(int l, ResidualRecursions recursions, ResidualTensors state,
                                             ResidualMoments moments) {
        return readout(l, recursions.readout(state.and(moments.layer(l, "mu", "Hk", "Fk")), l, 0.0, cb, cw),
                moments.ns());
    }

    /** Layer l's statistics from the readout's pair-indexed K1R, K0G, K1G, V4R, V4G; R's K0 is the mean-field kernel. */
    private ResidualStatistics.Layer readout(int l, ResidualTensors out, int ns) {
        double[][] rk0 = new double[p][p];
        for (int a = 0; a < p; a++) {
            rk0[a] = kernel[l][a].clone();
        }
        return new ResidualStatistics.Layer(l,
                new ResidualStatistics.Kernel(rk0, square(out.get("K1R")), fourIndex(out.get("V4R"), ns)),
                new ResidualStatistics.Kernel(square(out.get("K0G")), square(out.get("K1G")),
                        fourIndex(out.get("V4G"), ns)));
    }

    /** x[a][b] = pairs[s(a, b)]. */
    private double[][] square(double[] pairs) {
        double[][] out = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                out[a][b] = pairs[StreamFunction.symmetricIndex(a, b, p)];
            }
        }
        return out;
    }

    /** x[a][b][c][d] = pairs[s(a, b) * ns + s(c, d)]. */
    private double[][][][] fourIndex(double[] pairs, int ns) {
        double[][][][] out = new double[p][p][p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                for (int c = 0; c < p; c++) {
                    for (int d = 0; d < p; d++) {
                        out[a][b][c][d] = pairs[StreamFunction.symmetricIndex(a, b, p) * ns
                                + StreamFunction.symmetricIndex(c, d, p)];
                    }
                }
            }
        }
        return out;
    }
}
