package org.feynet.derive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feynet.derive.TensorEquation.Factor;
import org.feynet.derive.TensorEquation.Slot;
import org.feynet.derive.TensorEquation.Term;
import org.feynet.model.Closure;

/**
 * The per-layer algebra of one kernel closure of a residual network, or of the exact route (docs/METHOD.md, "Residual
 * networks" and "Generated residual evaluators"), as tensor equations, which codegen turns into Java and
 * {@code lines()} prints. The Gaussian expectations the equations read come from
 * {@code org.feynet.numerics.ResidualMoments} (for the exact route, {@code ExactResidualMoments}); the state s
 * is (z_a z_b, sigma_a sigma_b[, z_a sigma_b for RGM]), n functions, the first ns = P(P+1)/2 of them z_a z_b and the
 * next ns sigma_a sigma_b, and a pair index s in [0, ns) names the sample pair (a, b), a &lt;= b.
 *
 * <p>Tensors (flat, row-major; N = n, NS = ns): per layer l, mu = &lt;s&gt;_{K^l}, H[i,s] = sum over the ordered
 * pairs (c, d) of s of &lt;d_c d_d s_i&gt;_{K^l} and F[i,s,t] likewise for four derivatives (Hk, Fk at layer l and nu,
 * Hn, Fn at l+1 in a step); per step, P[j,i] = E[s_j(x) s_i(y)] and Pd[j,i,s] = E[s_j(x) d_c d_d s_i(y)] (summed over
 * the ordered pairs of s) for x at layer l and y at l+1 on one mean-field trajectory, Bc = m^l(T(s s') - T s T s')
 * the conditional noise, Inv the pseudo-inverse of Cov_{K^l}(B, B) on the basis block (zero elsewhere). The state:
 * V = n Cov(s, s), m1 = the 1/n mean shift (regression closures); V, dR (R's 1/n shift), W = n Cov(R_drv, R_drv)
 * and X = n Cov(R_drv, G) for the published G-only theory. A primed tensor is the next layer's state. The exact
 * route's tensors also have layer dimensions (nl = L + 1), and its index letters over layers have bounds in the
 * layer l (see {@link #EXACT_STEP}).
 *
 * <p>In the kernel closures the lines that are the MLP's one-layer diagrams read in this notation (the metric's K0,
 * the G-only tadpole M1, the Jacobian's linear response, the regression closures' m1 sources) are produced by
 * {@link ClosureDiagrams} from the diagram enumerator; the rest (regression, transport, the published theory's W, X
 * and dR, the readouts) is the closure's bookkeeping, written here, and so is the exact route.
 *
 * @param closure  the closure, or exact
 * @param indices  the range of each index letter
 * @param shapes   the extents of each tensor
 * @param readout  layer l's K1 and V4 of R and of the metric (K1R, K0G, K1G, V4R, V4G, pair-indexed) from its state
 * @param step     layer l+1's state from layer l's
 */
public record ResidualSystem(Closure closure, Map<Character, IndexRange> indices, Map<String, List<Extent>> shapes,
                             List<TensorEquation> readout, List<TensorEquation> step) {

    /** A tensor dimension: the state (n), the sample pairs (ns) or the layers 0..L (nl = L + 1, exact route). */
    public enum Extent { N, NS, LAYERS }

    /**
     * The values an index runs over, lower &lt;= i &lt; upper, as Java expressions in n, ns, nl and the layer l (an
     * index over layers may start after l: the exact route's state lives on the later layers).
     *
     * @param extent  the dimension the index addresses
     */
    public record IndexRange(String lower, String upper, Extent extent, String meaning) {}

    public ResidualSystem {
        for (char c : indices.keySet()) {
            if (c == 'l' || c == 'n') {
                throw new IllegalArgumentException("index letter " + c + " names a bound (the layer l, n, ns, nl)");
            }
        }
        indices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indices));
        shapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        readout = List.copyOf(readout);
        step = List.copyOf(step);
        for (TensorEquation e : readout) {
            check(e, indices, shapes);
        }
        for (TensorEquation e : step) {
            check(e, indices, shapes);
        }
    }

    private static final IndexRange STATE = new IndexRange("0", "n", Extent.N, "state functions");
    private static final IndexRange PAIR = new IndexRange("0", "ns", Extent.NS, "sample pairs a <= b");
    private static final IndexRange REGRESSED = new IndexRange("ns", "n", Extent.N,
            "the regressed functions (all but z_a z_b)");

    /** The system of a kernel closure or of the exact route. */
    public static ResidualSystem of(Closure closure) {
        Map<Character, IndexRange> indices = new LinkedHashMap<>();
        for (char c : "ijkm".toCharArray()) {
            indices.put(c, STATE);
        }
        for (char c : "stu".toCharArray()) {
            indices.put(c, PAIR);
        }
        return switch (closure) {
            case G -> new ResidualSystem(closure, indices, shapeTable(), gReadout(), gStep());
            case GPROJ, RG, RGM -> {
                IndexRange basis = basis(closure);
                indices.put('x', basis);
                indices.put('y', basis);
                indices.put('r', REGRESSED);
                yield new ResidualSystem(closure, indices, shapeTable(), regressionReadout(), regressionStep());
            }
            case EXACT -> exact();
        };
    }

    /** The exact route: its state and moments are indexed by layers (see {@link #EXACT_STEP}). */
    private static ResidualSystem exact() {
        Map<Character, IndexRange> indices = new LinkedHashMap<>();
        for (char c : "fg".toCharArray()) {
            indices.put(c, STATE);
        }
        for (char c : "stuvw".toCharArray()) {
            indices.put(c, PAIR);
        }
        indices.put('q', new IndexRange("l", "l + 1", Extent.LAYERS, "the layer l"));
        for (char c : "xy".toCharArray()) {
            indices.put(c, new IndexRange("l + 1", "nl", Extent.LAYERS, "the later layers"));
        }
        indices.put('z', new IndexRange("l + 2", "nl", Extent.LAYERS, "the layers after l + 1"));
        return new ResidualSystem(Closure.EXACT, indices, exactShapes(), equations(EXACT_READOUT),
                equations(EXACT_STEP));
    }

    /** The regression basis B as a block of the state. */
    private static IndexRange basis(Closure closure) {
        return switch (closure) {
            case GPROJ -> new IndexRange("ns", "2 * ns", Extent.N, "the basis B = {sigma_a sigma_b}");
            case RG -> new IndexRange("0", "2 * ns", Extent.N, "the basis B = {z_a z_b, sigma_a sigma_b}");
            default -> new IndexRange("0", "n", Extent.N, "the basis B = {z_a z_b, sigma_a sigma_b, z_a sigma_b}");
        };
    }

    /**
     * Layer l's statistics on the exact route: K1 = m1^l, V4 = C^l on the functions themselves (q = l, the layer the
     * smoothing T_{l->q} is the identity for), metric = Cb + Cw G. Cb[s] and Cw[s] are the bias and weight
     * (co)variances of sample pair s: Cb and Cw for every pair of one network; the NTK's coupled copies (two networks
     * with correlated parameters, org.feynet.numerics.FourierResidualNtk) give the pairs across the copies their own.
     */
    static final List<String> EXACT_READOUT = List.of(
            "K1R[s] = m1[q,s]",
            "K0G[s] = Cb[s] + Cw[s] mu[q,ns+s]",
            "K1G[s] = Cw[s] m1[q,ns+s]",
            "V4R[s,t] = C[q,q,s,t]",
            "V4G[s,t] = Cw[s] Cw[t] C[q,q,ns+s,ns+t]");

    /**
     * One layer of the exact route (docs/METHOD.md, "The exact O(1/n) route"; org.feynet.numerics.ResidualTheory's
     * class comment): C[x,y,f,g] = C^l(T_{l->x} s_f, T_{l->y} s_g), D[x,y,v,w,u] = C^l(T_{l->x} sigma sigma_v,
     * T_{l->y} d_c d_d sigma sigma_w) summed over the ordered pairs (c, d) of u, and m1[x,f] = m1^l(T_{l->x} s_f),
     * for the layers x, y after l (q = l). With L_l phi = T phi + (eps^2 Cw/2) m^(x)(d_c d_d phi) sigma_c sigma_d
     * (whose coefficient on T_{l+1->x} s_f is (eps^2 Cw/2) H[x,f,.]): C^(l+1)(phi, psi) = m^l(T(phi psi) - T phi T psi)
     * + C^l(L phi, L psi), the first term the pair expectations branching at l+1 (Pa, Qa) minus those branching at l
     * (Pb, Qb); m1^(l+1)(phi) = m1^l(L phi) + (eps^2 Cw/2) C^l(sigma_c sigma_d, T d_c d_d phi) + (eps^4 Cw^2/8)
     * C^l(sigma sigma, sigma sigma) m^(x)(d^4 phi), the last two for the sigma sigma functions, whose d^2 and d^4 are
     * needed. Where Cw stands in these formulas the equations carry Cw[s] of the pair s that sigma sigma_s belongs to:
     * the fluctuation of the increments' covariance is Cw_ab delta(sigma_a sigma_b), pair by pair.
     */
    static final List<String> EXACT_STEP = List.of(
            "C'[x,y,f,g] = Pa[x,y,f,g] - Pb[x,y,f,g] + C[x,y,f,g] + (1/2) eps^2 Cw[s] H[x,f,s] C[q,y,ns+s,g]"
                    + " + (1/2) eps^2 Cw[s] H[y,g,s] C[x,q,f,ns+s]"
                    + " + (1/4) eps^4 Cw[s] Cw[t] H[x,f,s] H[y,g,t] C[q,q,ns+s,ns+t]",
            "D'[x,z,v,w,u] = Qa[x,z,v,w,u] - Qb[x,z,v,w,u] + D[x,z,v,w,u]"
                    + " + (1/2) eps^2 Cw[s] H[x,ns+v,s] D[q,z,s,w,u] + (1/2) eps^2 Cw[s] F[z,ns+w,u,s] C[x,q,ns+v,ns+s]"
                    + " + (1/4) eps^4 Cw[s] Cw[t] H[x,ns+v,s] F[z,ns+w,u,t] C[q,q,ns+s,ns+t]",
            "m1'[x,f] = m1[x,f] + (1/2) eps^2 Cw[s] H[x,f,s] m1[q,ns+s]",
            "m1'[x,ns+v] += (1/2) eps^2 Cw[t] D[q,x,t,v,t] + (1/8) eps^4 Cw[s] Cw[t] C[q,q,ns+s,ns+t] F[x,ns+v,s,t]");

    /**
     * Layer l's statistics of a regression closure: K1 = m1, V4 = V on the R and G blocks, metric = Cb + Cw G. The
     * metric's K0 is the K0 single-neuron diagram ({@link ClosureDiagrams#METRIC_K0}); the rest is bookkeeping.
     */
    static List<TensorEquation> regressionReadout() {
        return List.of(
                eq("K1R[s] = m1[s]"),
                ClosureDiagrams.METRIC_K0.equation(),
                eq("K1G[s] = Cw m1[ns+s]"),
                eq("V4R[s,t] = V[s,t]"),
                eq("V4G[s,t] = Cw^2 V[ns+s,ns+t]"));
    }

    /**
     * One layer of a regression closure: A = beta(T_l s) + (eps^2 Cw/2) &lt;d_c d_d s&gt;_{K^(l+1)} e_{sigma_c sigma_d}
     * with beta = Cov(B, B)^-1 Cov(B, T_l s) (z z carried exactly), V' = A V A^T + Bc, and
     * m1' = A m1 + (eps^2 Cw/2) V(sigma_c sigma_d, B) beta(T_l d_c d_d s) + (eps^4 Cw^2/8) V(sigma sigma, sigma sigma)
     * &lt;d^4 s&gt;_{K^(l+1)}. From diagrams ({@link ClosureDiagrams}): the linear response in A (the propagated-K1
     * diagram with its leg amputated) and the m1' sources (the propagated-K1 diagram as the cross term, the tadpole);
     * written here: the identity on z z, the regression beta, the transport A V A^T + Bc and A m1.
     */
    static List<TensorEquation> regressionStep() {
        return List.of(
                eq("A[s,k] = delta[s,k]"),
                eq("Cv[y,r] = P[y,r] - mu[y] nu[r]"),
                eq("A[r,x] = Inv[x,y] Cv[y,r]"),
                ClosureDiagrams.JACOBIAN.equation(),
                eq("AV[i,k] = A[i,j] V[j,k]"),
                eq("V'[i,m] = AV[i,k] A[m,k] + Bc[i,m]"),
                eq("D[y,r,s] = Pd[y,r,s] - mu[y] Hn[r,s]"),
                eq("Q[x,r,s] = Inv[x,y] D[y,r,s]"),
                eq("m1'[i] = A[i,j] m1[j]"),
                ClosureDiagrams.REGRESSION_TADPOLE.equation());
    }

    /**
     * Layer l's statistics under the published G-only theory: R's shift is dR, G's the one-loop tadpole
     * (1/2) &lt;d_c d_d sigma sigma&gt; dR_cd + (1/8) W_{ab,cd} &lt;d^4 sigma sigma&gt; (the K1 diagrams,
     * {@link ClosureDiagrams#G_TADPOLE}), the metric's K0 the K0 diagram; the rest is bookkeeping.
     */
    static List<TensorEquation> gReadout() {
        return List.of(
                ClosureDiagrams.G_TADPOLE.equation(),
                eq("K1R[s] = dR[s]"),
                ClosureDiagrams.METRIC_K0.equation(),
                eq("K1G[s] = Cw M1[ns+s]"),
                eq("V4R[s,t] = V[s,t]"),
                eq("V4G[s,t] = Cw^2 V[ns+s,ns+t]"));
    }

    /**
     * One layer of the published G-only theory: the Jacobian J = 1 + (eps^2 Cw/2) &lt;d_c d_d s&gt;_{K^(l+1)}
     * e_{sigma_c sigma_d}, V' = J V J^T + Bc, W' = W + eps^2 Cw (X + X^T) + eps^4 Cw^2 V_GG,
     * X' = (X + eps^2 Cw V_GG) J_GG^T, dR' = dR + eps^2 Cw (the tadpole of layer l). From diagrams: J's linear
     * response and the tadpole M1 ({@link ClosureDiagrams}); written here: the identity, the transport, W, X and dR.
     */
    static List<TensorEquation> gStep() {
        return List.of(
                eq("A[i,k] = delta[i,k]"),
                ClosureDiagrams.JACOBIAN.equation(),
                eq("AV[i,k] = A[i,j] V[j,k]"),
                eq("V'[i,m] = AV[i,k] A[m,k] + Bc[i,m]"),
                ClosureDiagrams.G_TADPOLE.equation(),
                eq("W'[s,t] = W[s,t] + eps^2 Cw X[s,t] + eps^2 Cw X[t,s] + eps^4 Cw^2 V[ns+s,ns+t]"),
                eq("Xs[s,t] = X[s,t] + eps^2 Cw V[ns+s,ns+t]"),
                eq("X'[s,t] = Xs[s,u] A[ns+t,ns+u]"),
                eq("dR'[s] = dR[s] + eps^2 Cw M1[ns+s]"));
    }

    private static TensorEquation eq(String line) {
        return TensorEquation.parse(line);
    }

    private static Map<String, List<Extent>> shapeTable() {
        Map<String, List<Extent>> s = new LinkedHashMap<>();
        List<Extent> n = List.of(Extent.N);
        List<Extent> nn = List.of(Extent.N, Extent.N);
        List<Extent> ns = List.of(Extent.NS);
        List<Extent> pp = List.of(Extent.NS, Extent.NS);
        for (String name : List.of("mu", "nu", "m1", "m1'", "M1")) {
            s.put(name, n);
        }
        for (String name : List.of("V", "V'", "A", "AV", "P", "Bc", "Inv", "Cv")) {
            s.put(name, nn);
        }
        for (String name : List.of("Hk", "Hn")) {
            s.put(name, List.of(Extent.N, Extent.NS));
        }
        for (String name : List.of("Fk", "Fn")) {
            s.put(name, List.of(Extent.N, Extent.NS, Extent.NS));
        }
        for (String name : List.of("Pd", "D", "Q")) {
            s.put(name, List.of(Extent.N, Extent.N, Extent.NS));
        }
        for (String name : List.of("dR", "dR'", "K1R", "K0G", "K1G")) {
            s.put(name, ns);
        }
        for (String name : List.of("W", "W'", "X", "X'", "Xs", "V4R", "V4G")) {
            s.put(name, pp);
        }
        return s;
    }

    /** The exact route's tensors: l = layers, n = state functions, ns = sample pairs (the sigma sigma functions). */
    private static Map<String, List<Extent>> exactShapes() {
        Map<String, List<Extent>> s = new LinkedHashMap<>();
        List<Extent> ns = List.of(Extent.NS);
        s.put("mu", List.of(Extent.LAYERS, Extent.N));
        s.put("H", List.of(Extent.LAYERS, Extent.N, Extent.NS));
        s.put("F", List.of(Extent.LAYERS, Extent.N, Extent.NS, Extent.NS));
        for (String name : List.of("m1", "m1'")) {
            s.put(name, List.of(Extent.LAYERS, Extent.N));
        }
        for (String name : List.of("C", "C'", "Pa", "Pb")) {
            s.put(name, List.of(Extent.LAYERS, Extent.LAYERS, Extent.N, Extent.N));
        }
        for (String name : List.of("D", "D'", "Qa", "Qb")) {
            s.put(name, List.of(Extent.LAYERS, Extent.LAYERS, Extent.NS, Extent.NS, Extent.NS));
        }
        for (String name : List.of("K1R", "K0G", "K1G", "Cb", "Cw")) {
            s.put(name, ns);
        }
        for (String name : List.of("V4R", "V4G")) {
            s.put(name, List.of(Extent.NS, Extent.NS));
        }
        return s;
    }

    private static List<TensorEquation> equations(List<String> lines) {
        return lines.stream().map(TensorEquation::parse).toList();
    }

    /** Every tensor entry names a known tensor with its arity, and every index fits the dimension it addresses. */
    private static void check(TensorEquation e, Map<Character, IndexRange> indices, Map<String, List<Extent>> shapes) {
        List<Factor> all = new ArrayList<>();
        all.add(e.target());
        e.terms().forEach(t -> all.addAll(t.factors()));
        for (Factor f : all) {
            if (f.tensor().equals(Factor.DELTA)) {
                if (f.slots().size() != 2) {
                    throw new IllegalArgumentException("delta takes two indices: " + e.plain());
                }
                continue;
            }
            List<Extent> shape = shapes.get(f.tensor());
            if (shape == null || shape.size() != f.slots().size()) {
                throw new IllegalArgumentException("unknown tensor or wrong arity " + f.plain() + " in " + e.plain());
            }
            for (int d = 0; d < shape.size(); d++) {
                Slot slot = f.slots().get(d);
                IndexRange range = indices.get(slot.index());
                if (range == null) {
                    throw new IllegalArgumentException("undeclared index " + slot.index() + " in " + e.plain());
                }
                boolean layers = range.extent() == Extent.LAYERS || shape.get(d) == Extent.LAYERS;
                boolean fits = layers ? range.extent() == shape.get(d) && !slot.shifted()
                        : slot.shifted() ? range.extent() == Extent.NS && shape.get(d) == Extent.N
                        : range.extent() == Extent.NS || shape.get(d) == Extent.N;
                if (!fits) {
                    throw new IllegalArgumentException("index " + slot.plain() + " does not fit " + f.plain()
                            + " in " + e.plain());
                }
            }
        }
        Set<Character> seen = new HashSet<>();
        for (Slot s : e.target().slots()) {
            if (!seen.add(s.index())) {
                throw new IllegalArgumentException("repeated target index in " + e.plain());
            }
        }
    }

    /** The system as text: the index ranges, then one line per equation. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        Map<IndexRange, List<Character>> byRange = new LinkedHashMap<>();
        indices.forEach((c, r) -> byRange.computeIfAbsent(r, k -> new ArrayList<>()).add(c));
        byRange.forEach((r, cs) -> out.add(String.join(", ", cs.stream().map(String::valueOf).toList()) + " in ["
                + r.lower() + ", " + r.upper() + "): " + r.meaning()));
        if (closure == Closure.EXACT) {
            out.add("state: C[x,y,f,g] = n Cov(T_{l->x} s_f, T_{l->y} s_g),"
                    + " m1[x,f] = the 1/n mean shift of T_{l->x} s_f, D[x,y,v,w,u] = n Cov(T_{l->x} s_(ns+v), T_{l->y} d_c d_d s_(ns+w)), (c,d) -> u");
            out.add("moments: mu, H, F = <s>, <d_c d_d s>, <d_a d_b d_c d_d s> at K^x for every layer x;"
                    + " Pa, Qa = E[s_f(x) s_g(y)], E[s_(ns+v)(x) d_c d_d s_(ns+w)(y)] for x, y on one trajectory"
                    + " branching at l+1 (Pb, Qb: at l)");
        } else {
            out.add("state: " + (closure == Closure.G
                    ? "V = n Cov(s, s'), dR = R's 1/n shift, W = n Cov(R_drv, R_drv), X = n Cov(R_drv, G)"
                    : "V = n Cov(s, s'), m1 = the 1/n mean shift of s"));
            out.add("moments: mu, Hk, Fk = <s>, <d_c d_d s>, <d_a d_b d_c d_d s> at K^l (nu, Hn, Fn at K^(l+1));"
                    + (closure == Closure.G ? "" : " P, Pd = E[s(x) s(y)], E[s(x) d_c d_d s(y)], x at l, y at l+1;"
                    + " Inv = Cov(B, B)^+;") + " Bc = m^l(T(s s') - T s T s')");
        }
        out.add("readout (layer l):");
        readout.forEach(e -> out.add("  " + e.plain()));
        out.add("step (layer l -> l+1):");
        step.forEach(e -> out.add("  " + e.plain()));
        return out;
    }
}
