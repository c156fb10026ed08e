package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.feynet.core.Fractions;
import org.feynet.derive.TensorEquation.Factor;
import org.feynet.derive.TensorEquation.Slot;
import org.feynet.diagrams.Blob;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.model.Closure;
import org.feynet.model.Statistic;

/**
 * The lines of the residual kernel closures' algebra ({@link ResidualSystem}) that are the MLP's one-layer diagrams
 * read in the residual stream's notation (docs/METHOD.md, "Generated residual evaluators").
 *
 * <p>A one-vertex metric diagram of the MLP (diagrams.MetricDiagramEnumerator, expanded by {@link DiagramExpander}
 * and {@link TermSimplifier}) is, per derivative leg j, (1/2) sum_{c_j, d_j} over the ordered sample pairs, a Gaussian
 * expectation &lt;d_{c_1} d_{d_1} ... (sigma_a sigma_b)&gt;_{K0} and one blob of the previous layer's cumulants of
 * Delta = Ghat - K0 (K1: the mean shift, V4: n Cov), times the diagram's weight and the vertex's Cw (and Cb for the
 * single-neuron K0 diagram). In a residual closure the same Taylor expansion of a Gaussian expectation in its
 * covariance holds with Delta the fluctuation of the covariance that drives the expectation:
 * <ul>
 * <li>the vertex's expectation becomes a moment tensor of the closure with the pair-summed derivative convention,
 *     sum_{c,d} &lt;d_c d_d f&gt; X_cd = sum_t H[f,t] X[t] (H[f,t] sums the ordered pairs of the pair t, the blobs are
 *     symmetric within a pair), likewise F for four derivatives and mu for none; the external function sigma_a
 *     sigma_b may become any state function (Price's theorem holds for any test function);</li>
 * <li>each blob is renamed to the closure's tensor (e.g. K1 -&gt; dR, V4 -&gt; W for the published G-only theory,
 *     whose neurons are Gaussian given R_drv = K + Delta), each leg brings the closure's factor (eps^2 Cw for a leg
 *     on the increment covariance eps^2 Sigma(mu), Delta = eps^2 Cw delta G), and an amputated leg (no blob) is the
 *     derivative of the vertex with respect to Delta, a Jacobian entry;</li>
 * <li>the vertex's Cw (and Cb) stay for a statistic of the metric Cb + Cw G and are dropped for one of the functions
 *     s themselves.</li>
 * </ul>
 * A one-index blob is written after the moment (H dR), a two-index one before it (W F), as the hand-written
 * algebra did, so the generated code is unchanged. The lines, for the closures that use them:
 * <pre>
 *   K0G[s] = Cb + Cw mu[ns+s]                   K0 single-neuron                       (G, Gproj, RG, RGM readout)
 *   M1[ns+s] = (1/2) Hk[ns+s,t] dR[t] + (1/8) W[t,u] Fk[ns+s,t,u]
 *                                               K1 propagated-K1 and tadpole            (G readout and step)
 *   A[i,ns+s] += (1/2) eps^2 Cw Hn[i,s]          K1 propagated-K1, leg amputated         (every kernel closure's step)
 *   m1'[r] += (1/2) eps^2 Cw V[ns+s,x] Q[x,r,s] + (1/8) eps^4 Cw^2 V[ns+s,ns+t] Fn[r,s,t]
 *                                               K1 propagated-K1 and tadpole            (Gproj, RG, RGM step)
 * </pre>
 * The last line's first term is the cross term: the propagated-K1 diagram whose leg, instead of the mean shift of
 * Delta, meets the vertex's own fluctuation (a memory the MLP does not have: its vertex is resampled every layer);
 * the diagram gives the coefficient, the leg's eps^2 Cw and the pair sum, the closure's bookkeeping the covariance
 * V(sigma sigma, B) and the regression Q = beta(T d_c d_d s) in place of the moment. The propagated-K1 diagram proper
 * (the mean shift of Delta, eps^2 Cw m1 of the sigma sigma block) is A m1 through the Jacobian entry, and the V4
 * one-loop diagram is that entry twice on a V4 blob, inside V' = A V A^T. Everything else (the regression
 * coefficients, the conditional noise Bc (the analogue of the single-neuron c_2, evaluated at runtime), the
 * transport A V A^T itself, the W/X/dR bookkeeping of the published theory, the readouts) is written by hand in
 * {@link ResidualSystem}, and so is the exact route.
 */
public final class ClosureDiagrams {

    private ClosureDiagrams() {}

    /** A blob template that amputates the leg: the line is the derivative of the vertex (a Jacobian entry). */
    static final String AMPUTATED = "";

    /**
     * How a closure reads the diagrams of one MLP statistic. Templates are tensor entries whose placeholder slots are F
     * (the vertex's function), C and D (the pair of the first and second derivative leg); other letters are kept.
     *
     * @param statistic  the MLP statistic whose one-vertex diagrams are read (K0 or K1)
     * @param target     the entry assigned, e.g. {@code M1[ns+s]}
     * @param accumulate whether the terms add to it
     * @param function   the slot of the vertex's function, e.g. {@code ns+s} (sigma_a sigma_b) or {@code i}
     * @param pairs      the pair letters of the legs, in leg order
     * @param metric     whether the target is a statistic of the metric (keeps the vertex's Cw and Cb)
     * @param legEps2    the power of eps^2 each leg brings
     * @param legCw      the power of Cw each leg brings
     * @param moments    the moment template per number of derivatives (0, 2, 4)
     * @param blobs      the closure's template per blob tensor (K1, V4), or {@link #AMPUTATED}; a diagram is read
     *                   when each of its blobs has one
     * @param note       what the reading means beyond the renaming, for listings (may be empty)
     */
    public record Reading(Statistic statistic, String target, boolean accumulate, String function, String pairs,
                          boolean metric, int legEps2, int legCw, Map<Integer, String> moments,
                          Map<String, String> blobs, String note) {
        public Reading {
            moments = Map.copyOf(moments);
            blobs = Map.copyOf(blobs);
        }

        /** The line this reading produces, with its diagrams. */
        public Line line() {
            return ClosureDiagrams.line(this);
        }

        /** The equation this reading produces. */
        public TensorEquation equation() {
            return line().equation();
        }

        /**
         * How the diagrams were read, as text: {@code K1 -> dR, V4 -> W, <dd f> -> Hk, <dddd f> -> Fk, f = s[ns+s],
         * vertex Cw dropped}.
         */
        public String describe() {
            List<String> parts = new ArrayList<>();
            blobs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(e.getValue()
                    .equals(AMPUTATED) ? e.getKey() + " leg amputated" : e.getKey() + " -> " + name(e.getValue())));
            moments.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(
                    "<" + "d".repeat(e.getKey()) + (e.getKey() > 0 ? " " : "") + "f> -> " + name(e.getValue())));
            parts.add("f = s[" + function + "]");
            if (legEps2 > 0) {
                parts.add("each leg eps^" + 2 * legEps2 + (legCw > 0 ? " Cw" : ""));
            }
            parts.add(metric ? "vertex Cw kept" : "vertex Cw dropped");
            return String.join(", ", parts) + (note.isEmpty() ? "" : "; " + note);
        }

        private static String name(String template) {
            return template.substring(0, template.indexOf('['));
        }
    }

    /**
     * A line produced from diagrams.
     *
     * @param equation the tensor equation
     * @param reading  how it was read
     * @param diagrams the MLP diagrams it came from, in the enumerator's order
     */
    public record Line(TensorEquation equation, Reading reading, List<MetricDiagram> diagrams) {
        public Line {
            diagrams = List.copyOf(diagrams);
        }

        /** {@code K1: propagated-K1 (weight 1), tadpole (weight 1/2)}. */
        public String origin() {
            return reading.statistic().name() + ": " + diagrams.stream()
                    .map(d -> d.name() + " (weight " + Fractions.text(d.weight()) + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    /** The metric's K0 of a kernel closure's readout: the single-neuron diagram, &lt;s_a s_b&gt; -&gt; mu. */
    public static final Reading METRIC_K0 = new Reading(Statistic.K0, "K0G[s]", false, "ns+s", "", true, 0, 0,
            Map.of(0, "mu[F]"), Map.of(), "");

    /**
     * The published G-only theory's tadpole M1 = G's 1/n shift, at layer l: the neuron is Gaussian given R_drv, whose
     * shift is dR and whose n Cov is W.
     */
    public static final Reading G_TADPOLE = new Reading(Statistic.K1, "M1[ns+s]", false, "ns+s", "tu", false, 0, 0,
            Map.of(2, "Hk[F,C]", 4, "Fk[F,C,D]"), Map.of("K1", "dR[C]", "V4", "W[C,D]"), "");

    /** The linear response of every state function to the increment covariance, the Jacobian's entry. */
    public static final Reading JACOBIAN = new Reading(Statistic.K1, "A[i,ns+s]", true, "i", "s", false, 1, 1,
            Map.of(2, "Hn[F,C]"), Map.of("K1", AMPUTATED),
            "the derivative of the vertex, a Jacobian entry; twice on a V4 blob in A V A^T it is the V4 one-loop");

    /**
     * A regression closure's m1 sources on the regressed functions r: the cross term (the leg meets the vertex's own
     * fluctuation, regressed: V(sigma sigma, B) Q) and the Hessian tadpole on the V4 of the increment covariance.
     */
    public static final Reading REGRESSION_TADPOLE = new Reading(Statistic.K1, "m1'[r]", true, "r", "st", false, 1,
            1, Map.of(2, "Q[x,F,C]", 4, "Fn[F,C,D]"), Map.of("K1", "V[ns+C,x]", "V4", "V[ns+C,ns+D]"),
            "the K1 leg meets the vertex's own fluctuation regressed on B (the cross term; the propagated-K1 proper"
                    + " is A m1)");

    /** The lines of a closure that come from diagrams, in the order its system uses them (none for exact). */
    public static List<Line> of(Closure closure) {
        return switch (closure) {
            case G -> List.of(G_TADPOLE.line(), METRIC_K0.line(), JACOBIAN.line());
            case GPROJ, RG, RGM -> List.of(METRIC_K0.line(), JACOBIAN.line(), REGRESSION_TADPOLE.line());
            case EXACT -> List.of();
        };
    }

    /** Each reading's line, expanded once (a system reads some twice: the G-only tadpole in readout and step). */
    private static final Map<Reading, Line> LINES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The diagrams of the reading's statistic whose blobs it reads, expanded and translated term by term. */
    static Line line(Reading reading) {
        return LINES.computeIfAbsent(reading, ClosureDiagrams::expand);
    }

    private static Line expand(Reading reading) {
        List<MetricDiagram> used = new ArrayList<>();
        List<TensorEquation.Term> terms = new ArrayList<>();
        for (MetricDiagram d : MetricDiagrams.of(reading.statistic())) {
            if (d.blobs().stream().map(Blob::tensor).allMatch(reading.blobs()::containsKey)) {
                used.add(d);
                for (Term t : Derivation.termsOf(d)) {
                    if (reading.metric() || !t.cb()) {
                        terms.add(translate(reading, d, t));
                    }
                }
            }
        }
        return new Line(new TensorEquation(TensorEquation.factor(reading.target()), reading.accumulate(), terms),
                reading, used);
    }

    /** One term of a one-vertex diagram in the closure's notation. */
    static TensorEquation.Term translate(Reading reading, MetricDiagram diagram, Term term) {
        if (diagram.vertices().size() != 1 || term.atoms().size() > 1 || term.tensors().size() > 1
                || term.lambdaBPower() + term.lambdaWPower() > 0) {
            throw new IllegalArgumentException("only a one-vertex diagram has a residual reading: " + diagram);
        }
        if (diagram.vertices().get(0).cumulantOrder() != 1) {
            throw new IllegalArgumentException("a residual reading is of a vertex with one external leg: " + diagram);
        }
        if (term.cwPower() != (term.cb() ? 0 : 1)) {
            throw new IllegalStateException("a K vertex carries Cw once: " + diagram);
        }
        List<String> legs = term.tensors().isEmpty() ? List.of() : term.tensors().get(0).indices();
        if (legs.size() / 2 > reading.pairs().length()) {
            throw new IllegalArgumentException("no pair letter for each of the " + legs.size() / 2 + " legs of "
                    + diagram + " in " + reading.target());
        }
        List<Factor> factors = new ArrayList<>();
        if (!term.atoms().isEmpty()) {
            Atom atom = term.atoms().get(0);
            if (!atom.sigma().equals(List.of(Names.externalFirst(1), Names.externalSecond(1)))
                    || atom.hasDerivativeFactors() || !sortedEqual(atom.derivatives(), legs)) {
                throw new IllegalStateException("not a vertex <d..d (s_a1 s_b1)> on its blob's legs: " + diagram);
            }
            String moment = reading.moments().get(legs.size());
            if (moment == null) {
                throw new IllegalArgumentException("no moment with " + legs.size() + " derivatives in " + reading);
            }
            factors.add(substitute(moment, reading));
        }
        if (!term.tensors().isEmpty()) {
            String blob = reading.blobs().get(term.tensors().get(0).name());
            if (!blob.equals(AMPUTATED)) {
                Factor f = substitute(blob, reading);
                factors.add(f.slots().size() == 1 ? factors.size() : 0, f);
            }
        }
        int r = legs.size() / 2;
        return new TensorEquation.Term(term.coefficient().getNumeratorAsLong(),
                term.coefficient().getDenominatorAsLong(), r * reading.legEps2(),
                r * reading.legCw() + (reading.metric() ? term.cwPower() : 0), reading.metric() && term.cb(),
                factors);
    }

    /**
     * The template's placeholder slots filled: F by the function's slot, C and D by the legs' pair letters (shifted
     * into the sigma sigma block where the template says ns+C).
     */
    private static Factor substitute(String template, Reading reading) {
        Factor t = TensorEquation.factor(template);
        Slot function = TensorEquation.factor("f[" + reading.function() + "]").slots().get(0);
        List<Slot> slots = new ArrayList<>();
        for (Slot s : t.slots()) {
            char c = s.index();
            if (c == 'F') {
                if (s.shifted()) {
                    throw new IllegalArgumentException("the function slot is not a pair: " + template);
                }
                slots.add(function);
            } else if (c == 'C' || c == 'D') {
                slots.add(new Slot(reading.pairs().charAt(c - 'C'), s.shifted()));
            } else {
                slots.add(s);
            }
        }
        return new Factor(t.tensor(), slots);
    }

    private static boolean sortedEqual(List<String> x, List<String> y) {
        List<String> a = new ArrayList<>(x);
        List<String> b = new ArrayList<>(y);
        a.sort(Names::compareIndex);
        b.sort(Names::compareIndex);
        return a.equals(b);
    }
}
