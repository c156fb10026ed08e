package org.feynet.numerics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.feynet.model.Activation;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathRuntimeException;

/**
 * Finds the infinite-width fixed points and susceptibilities of {@link MeanFieldMaps} (PDLT chapter 5) for one
 * activation at given (Cb, Cw).
 *
 * <h2>The single-input kernel</h2>
 * The flow K^(l+1) = f(K^(l)) starts at K^(1) = the mean of the diagonal of the first-layer metric. With
 * g(K) = f(K) - K, f increasing (true for the maps of PDLT: f' = chi_par &gt;= 0 for monotone activations), the flow
 * goes up when g(K^(1)) &gt; 0 and down when g(K^(1)) &lt; 0 and stops at the first root of g in that direction.
 * The root is bracketed by doubling (halving) K from K^(1) and polished by Brent's method (Hipparchus
 * {@link BrentSolver}, relative accuracy 1e-14). No root below {@value #K_MAX}: the kernel flows to infinity. No
 * root above {@value #K_MIN} while f(0) = Cb + Cw sigma(0)^2 = 0: it flows to K* = 0. |g| at most 1e-12 K at
 * K^(1), K^(1)/2 and 2 K^(1): every K is a fixed point (a fixed line). A fixed point so found must be attractive,
 * chi_par &lt;= 1 + tolerance and chi_par &gt; -1 (a map that is not monotone can oscillate): otherwise the search
 * did not converge, and {@link NumericalTrouble} says so.
 *
 * <h2>Susceptibilities where there is no K* &gt; 0</h2>
 * For scale-invariant activations ({@link UniversalityClass.ScaleInvariant}) the susceptibilities do not depend on
 * K and are evaluated at K = 1 whatever the flow. For a smooth activation whose kernel flows to 0 they are the
 * limits K -&gt; 0, chi_par = chi_perp = Cw sigma'(0)^2 (sigma(0) = 0 there), read off the activation's jet. A
 * kernel that grows without bound has no susceptibilities otherwise (empty, with a note).
 *
 * <h2>The two-input correlation</h2>
 * With both inputs at K*, the off-diagonal kernel follows K12 -&gt; h(K*, K12); c = 1 is always a fixed point, with
 * slope chi_perp. Where chi_perp &lt;= 1 + tolerance it is the attractive one: c* = 1, chi_c = chi_perp. In the
 * chaotic phase the attractive fixed point is the largest root c* &lt; 1 of h(K*, c K*)/K* - c, bracketed on the
 * geometric grid 1 - c = 1e-8 * 1.5^j and polished by Brent; chi_c = Cw &lt;sigma'(u1) sigma'(u2)&gt; there must
 * lie in (-1, 1 + tolerance). At K* = 0 (smooth activation) the map is linear: every c is a fixed point (no c*) and
 * chi_c = Cw sigma'(0)^2. For scale-invariant activations flowing to 0, to infinity or along a fixed line the
 * normalised correlation map does not depend on K (for Cb = 0; for Cb &gt; 0 it approaches that map as K grows):
 * c* = 1, chi_c = chi_perp, except for linear activations, where every c is a fixed point.
 *
 * <h2>Derived quantities</h2>
 * lambda = (1/2) ln chi_perp; xi = -1/ln|chi| for 0 &lt; |chi| &lt; 1 - tolerance (infinite, hence empty, within
 * the tolerance of 1: the approach is a power law, see {@link UniversalityClass}); the phase by chi_perp.
 */
public final class CriticalityAnalysis {

    /** Fixed points above this kernel are not sought: the flow counts as going to infinity. */
    public static final double K_MAX = 1e6;
    /** Below this kernel a flow that still decreases counts as going to 0. */
    public static final double K_MIN = 1e-10;
    /** The default tolerance on |chi - 1| for the critical phase. */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private static final double FIXED_LINE_TOLERANCE = 1e-12;
    private static final int MAX_EVALUATIONS = 200;

    private final Activation activation;
    private final GaussianMoments engine;
    private final ActivationJet jet;
    private final UniversalityClass universality;
    private final double tolerance;

    /**
     * @param activation the activation
     * @param engine     its Gaussian expectations ({@link GaussianEngines#forActivation})
     * @param jet        its derivatives (for the class and the limits at K = 0)
     * @param tolerance  |chi - 1| at most this counts as 1, positive
     */
    public CriticalityAnalysis(Activation activation, GaussianMoments engine, ActivationJet jet, double tolerance) {
        if (!(tolerance > 0 && tolerance < 0.1)) {
            throw new IllegalArgumentException("tolerance must lie in (0, 0.1), got " + tolerance);
        }
        this.activation = activation;
        this.engine = engine;
        this.jet = jet;
        this.universality = UniversalityClass.of(activation, jet);
        this.tolerance = tolerance;
    }

    public UniversalityClass universality() {
        return universality;
    }

    public double tolerance() {
        return tolerance;
    }

    /** The Gaussian expectations of the activation (for the finite-width corrections, {@link FiniteWidthDepth}). */
    public GaussianMoments engine() {
        return engine;
    }

    /** Where the single-input kernel goes from {@code start}, and K* when it has one (0 for TO_ZERO). */
    public record KernelFlow(Criticality.Flow flow, double kStar) {}

    /**
     * The full analysis at (Cb, Cw) from the single-input kernel {@code start}.
     *
     * @throws NumericalTrouble when a fixed-point search does not converge
     */
    public Criticality at(double cb, double cw, double start) {
        MeanFieldMaps maps = new MeanFieldMaps(engine, cb, cw);
        KernelFlow flow = flow(maps, start);
        Map<String, String> notes = new LinkedHashMap<>();
        OptionalDouble kStar = flow.flow() == Criticality.Flow.TO_INFINITY ? OptionalDouble.empty()
                : OptionalDouble.of(flow.kStar());
        if (kStar.isEmpty()) {
            notes.put("K_star", "the kernel grows without bound (no fixed point between the start and " + K_MAX + ")");
        } else if (flow.flow() == Criticality.Flow.FIXED_LINE) {
            notes.put("K_star", "every K is a fixed point (a fixed line); K_star is the start kernel");
        }
        OptionalDouble[] chi = susceptibilities(maps, flow, notes);
        OptionalDouble chiPar = chi[0];
        OptionalDouble chiPerp = chi[1];
        OptionalDouble[] correlation = correlation(maps, flow, chiPerp, notes);
        OptionalDouble lyapunov = OptionalDouble.empty();
        if (chiPerp.isPresent() && chiPerp.getAsDouble() > 0) {
            lyapunov = OptionalDouble.of(0.5 * Math.log(chiPerp.getAsDouble()));
        } else {
            notes.put("lyapunov", chiPerp.isPresent() ? "chi_perp = 0: lambda = -infinity" : "chi_perp is undefined");
        }
        OptionalDouble xiPar = depth("xi_par", "chi_par", chiPar, notes);
        OptionalDouble xiC = depth("xi_c", "chi_c", correlation[1], notes);
        return new Criticality(cb, cw, start, flow.flow(), kStar, chiPar, chiPerp, lyapunov, correlation[0],
                correlation[1], xiPar, xiC, phase(flow, chiPerp), tolerance, universality, notes);
    }

    /**
     * The phase at (Cb, Cw) from {@code start}, by chi_perp alone (what the phase diagram needs).
     *
     * @throws NumericalTrouble when the fixed-point search does not converge
     */
    public Criticality.Phase phase(double cb, double cw, double start) {
        MeanFieldMaps maps = new MeanFieldMaps(engine, cb, cw);
        KernelFlow flow = flow(maps, start);
        return phase(flow, susceptibilities(maps, flow, new LinkedHashMap<>())[1]);
    }

    /** chi_perp - 1 at the fixed point reached from {@code start}, or +infinity when the kernel grows unbounded. */
    public double perpendicularExcess(double cb, double cw, double start) {
        MeanFieldMaps maps = new MeanFieldMaps(engine, cb, cw);
        KernelFlow flow = flow(maps, start);
        OptionalDouble chiPerp = susceptibilities(maps, flow, new LinkedHashMap<>())[1];
        return chiPerp.isPresent() ? chiPerp.getAsDouble() - 1 : Double.POSITIVE_INFINITY;
    }

    private Criticality.Phase phase(KernelFlow flow, OptionalDouble chiPerp) {
        if (chiPerp.isEmpty()) {
            return Criticality.Phase.CHAOTIC;
        }
        double excess = chiPerp.getAsDouble() - 1;
        return Math.abs(excess) <= tolerance ? Criticality.Phase.CRITICAL
                : excess < 0 ? Criticality.Phase.ORDERED : Criticality.Phase.CHAOTIC;
    }

    /**
     * The flow of the single-input kernel from {@code start} (see the class comment).
     *
     * @throws NumericalTrouble when the fixed point reached is not attractive or the root search fails
     */
    public KernelFlow flow(MeanFieldMaps maps, double start) {
        if (!(start > 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("the start kernel must be positive and finite, got " + start);
        }
        DoubleUnaryOperator g = k -> k == 0 ? valueAtZero(maps) : maps.kernel(k) - k;
        double g1 = g.applyAsDouble(start);
        if (Math.abs(g1) <= FIXED_LINE_TOLERANCE * start) {
            boolean line = Math.abs(g.applyAsDouble(2 * start)) <= FIXED_LINE_TOLERANCE * 2 * start
                    && Math.abs(g.applyAsDouble(0.5 * start)) <= FIXED_LINE_TOLERANCE * 0.5 * start;
            return attractive(maps, new KernelFlow(line ? Criticality.Flow.FIXED_LINE
                    : Criticality.Flow.FIXED_POINT, start));
        }
        if (g1 > 0) {
            double lo = start;
            double hi = 2 * start;
            while (g.applyAsDouble(hi) > 0) {
                lo = hi;
                hi *= 2;
                if (lo > K_MAX) {
                    return new KernelFlow(Criticality.Flow.TO_INFINITY, Double.POSITIVE_INFINITY);
                }
            }
            return attractive(maps, new KernelFlow(Criticality.Flow.FIXED_POINT, root(g, lo, hi, "K*")));
        }
        double hi = start;
        double lo = 0.5 * start;
        while (g.applyAsDouble(lo) < 0) {
            hi = lo;
            lo *= 0.5;
            if (hi < K_MIN) {
                if (valueAtZero(maps) <= 0) {
                    return new KernelFlow(Criticality.Flow.TO_ZERO, 0.0);
                }
                lo = 0;
                break;
            }
        }
        return attractive(maps, new KernelFlow(Criticality.Flow.FIXED_POINT, root(g, lo, hi, "K*")));
    }

    /** f(0) - 0 = Cb + Cw sigma(0)^2. */
    private double valueAtZero(MeanFieldMaps maps) {
        double s0 = ScalarFunction.of(activation.expression()).applyAsDouble(0.0);
        return maps.cb() + maps.cw() * s0 * s0;
    }

    private KernelFlow attractive(MeanFieldMaps maps, KernelFlow flow) {
        double chiPar = maps.chiParallel(flow.kStar());
        if (!(chiPar <= 1 + tolerance && chiPar > -1)) {
            throw new NumericalTrouble(String.format("the kernel map K -> Cb + Cw <sigma^2>_K at Cb = %g, Cw = %g does"
                    + " not converge: its fixed point K* = %.6g has chi_par = %.6g, outside (-1, 1]", maps.cb(),
                    maps.cw(), flow.kStar(), chiPar));
        }
        return flow;
    }

    /** [chi_par, chi_perp] at the fixed point, or their limits (see the class comment). */
    private OptionalDouble[] susceptibilities(MeanFieldMaps maps, KernelFlow flow, Map<String, String> notes) {
        if (universality instanceof UniversalityClass.ScaleInvariant) {
            return new OptionalDouble[] {OptionalDouble.of(maps.chiParallel(1.0)),
                    OptionalDouble.of(maps.chiPerpendicular(1.0))};
        }
        switch (flow.flow()) {
            case FIXED_POINT, FIXED_LINE -> {
                return new OptionalDouble[] {OptionalDouble.of(maps.chiParallel(flow.kStar())),
                        OptionalDouble.of(maps.chiPerpendicular(flow.kStar()))};
            }
            case TO_ZERO -> {
                if (ScalarExpr.hasKink(activation.expression())) {
                    double k = K_MIN;
                    notes.put("chi_par", "evaluated at K = " + K_MIN + " (kernel flows to 0)");
                    return new OptionalDouble[] {OptionalDouble.of(maps.chiParallel(k)),
                            OptionalDouble.of(maps.chiPerpendicular(k))};
                }
                double[] d = new double[9];
                jet.derivatives(0.0, d);
                double chi = maps.cw() * d[1] * d[1];
                return new OptionalDouble[] {OptionalDouble.of(chi), OptionalDouble.of(chi)};
            }
            default -> {
                notes.put("chi_par", "undefined: the kernel grows without bound");
                notes.put("chi_perp", "undefined: the kernel grows without bound");
                return new OptionalDouble[] {OptionalDouble.empty(), OptionalDouble.empty()};
            }
        }
    }

    /** [c*, chi_c] (see the class comment). */
    private OptionalDouble[] correlation(MeanFieldMaps maps, KernelFlow flow, OptionalDouble chiPerp,
                                         Map<String, String> notes) {
        if (chiPerp.isEmpty()) {
            notes.put("c_star", "undefined: the kernel grows without bound");
            notes.put("chi_c", "undefined: the kernel grows without bound");
            return new OptionalDouble[] {OptionalDouble.empty(), OptionalDouble.empty()};
        }
        boolean scaleInvariant = universality instanceof UniversalityClass.ScaleInvariant;
        if (scaleInvariant && flow.flow() != Criticality.Flow.FIXED_POINT || flow.flow() == Criticality.Flow.TO_ZERO) {
            boolean linear = scaleInvariant && ((UniversalityClass.ScaleInvariant) universality).correlationExponent()
                    .isEmpty();
            if (linear || !scaleInvariant) {
                notes.put("c_star", linear ? "every correlation is a fixed point (linear activation)"
                        : "the kernel flows to K* = 0, where the map is linear: every correlation is a fixed point"
                        + " to leading order");
                return new OptionalDouble[] {OptionalDouble.empty(), chiPerp};
            }
            return new OptionalDouble[] {OptionalDouble.of(1.0), chiPerp};
        }
        if (chiPerp.getAsDouble() <= 1 + tolerance) {
            return new OptionalDouble[] {OptionalDouble.of(1.0), chiPerp};
        }
        double k = flow.kStar();
        DoubleUnaryOperator q = c -> maps.offDiagonal(k, c * k) / k - c;
        double previous = 1e-8;
        if (q.applyAsDouble(1 - previous) >= 0) {
            notes.put("c_star", "within 1e-8 of 1");
            return new OptionalDouble[] {OptionalDouble.of(1.0), chiPerp};
        }
        for (double eps = 1.5 * previous; ; eps *= 1.5) {
            double e = Math.min(eps, 2 - 1e-8);
            if (q.applyAsDouble(1 - e) >= 0) {
                double cStar = root(q, 1 - e, 1 - previous, "c*");
                double chiC = maps.chiCorrelation(k, cStar * k);
                if (!(chiC <= 1 + tolerance && chiC > -1)) {
                    throw new NumericalTrouble(String.format("the correlation map at Cb = %g, Cw = %g does not"
                            + " converge: its fixed point c* = %.6g has chi_c = %.6g", maps.cb(), maps.cw(), cStar, chiC));
                }
                return new OptionalDouble[] {OptionalDouble.of(cStar), OptionalDouble.of(chiC)};
            }
            if (e >= 2 - 1e-8) {
                throw new NumericalTrouble(String.format("the correlation map at Cb = %g, Cw = %g has no attractive"
                        + " fixed point below c = 1", maps.cb(), maps.cw()));
            }
            previous = e;
        }
    }

    private OptionalDouble depth(String key, String chiKey, OptionalDouble chi, Map<String, String> notes) {
        if (chi.isEmpty()) {
            notes.put(key, chiKey + " is undefined");
            return OptionalDouble.empty();
        }
        double x = Math.abs(chi.getAsDouble());
        if (x == 0) {
            return OptionalDouble.of(0.0);
        }
        if (Math.abs(x - 1) <= tolerance) {
            notes.put(key, "infinite: " + chiKey + " = 1 within the tolerance (a power-law approach)");
            return OptionalDouble.empty();
        }
        if (x > 1) {
            notes.put(key, "undefined: |" + chiKey + "| > 1, perturbations grow");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(-1.0 / Math.log(x));
    }

    private static double root(DoubleUnaryOperator f, double lo, double hi, String what) {
        BrentSolver solver = new BrentSolver(1e-14, Math.max(1e-300, 1e-16 * hi));
        try {
            return solver.solve(MAX_EVALUATIONS, f::applyAsDouble, lo, hi);
        } catch (MathRuntimeException e) {
            throw new NumericalTrouble("the search for " + what + " in [" + lo + ", " + hi + "] did not converge: "
                    + e.getMessage());
        }
    }
}
