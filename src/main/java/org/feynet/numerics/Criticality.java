package org.feynet.numerics;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The infinite-width criticality analysis of a multilayer perceptron (PDLT chapter 5), as
 * {@link CriticalityAnalysis} finds it. Quantities that are not defined (a kernel that grows without bound has no
 * fixed point; a correlation depth is infinite at criticality) are empty, and {@link #notes} says why, under the
 * quantity's name.
 *
 * @param cb          bias variance
 * @param cw          weight variance
 * @param startKernel the single-input kernel the flow starts from (the mean of the diagonal of K^(1))
 * @param flow        where the single-input kernel K^(l) goes
 * @param kStar       the attractive fixed point K* of f(K) = Cb + Cw &lt;sigma^2&gt;_K that the flow reaches
 * @param chiPar      chi_par = f'(K*)
 * @param chiPerp     chi_perp = Cw &lt;sigma'^2&gt;_{K*}
 * @param lyapunov    lambda = (1/2) ln chi_perp, the largest Lyapunov exponent per layer
 * @param cStar       the attractive fixed point of the correlation c = K12/K* of two inputs
 * @param chiC        chi_c = Cw &lt;sigma'(u1) sigma'(u2)&gt; at c*
 * @param xiPar       the correlation depth -1/ln chi_par (for 0 &lt; chi_par &lt; 1)
 * @param xiC         the correlation depth -1/ln chi_c (for 0 &lt; chi_c &lt; 1)
 * @param phase       ordered, chaotic or critical, by chi_perp and {@link #tolerance}
 * @param tolerance   |chi - 1| at most this counts as 1
 * @param universality the activation's universality class
 * @param notes       why a quantity is empty, by its JSON key (K_star, chi_par, ...)
 */
public record Criticality(
        double cb,
        double cw,
        double startKernel,
        Flow flow,
        OptionalDouble kStar,
        OptionalDouble chiPar,
        OptionalDouble chiPerp,
        OptionalDouble lyapunov,
        OptionalDouble cStar,
        OptionalDouble chiC,
        OptionalDouble xiPar,
        OptionalDouble xiC,
        Phase phase,
        double tolerance,
        UniversalityClass universality,
        Map<String, String> notes) {

    public Criticality {
        notes = Map.copyOf(notes);
    }

    /** Where the single-input kernel flows, from the start kernel. */
    public enum Flow {
        /** to a fixed point K* &gt; 0 */
        FIXED_POINT("fixed_point"),
        /** to the fixed point K* = 0 (Cb = 0 and sigma(0) = 0) */
        TO_ZERO("to_zero"),
        /** without bound: no fixed point above the start below {@value CriticalityAnalysis#K_MAX} */
        TO_INFINITY("to_infinity"),
        /** nowhere: every K is a fixed point (scale-invariant activations at criticality) */
        FIXED_LINE("fixed_line");

        private final String key;

        Flow(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** The phase, by the perpendicular susceptibility at the fixed point. */
    public enum Phase {
        /** chi_perp &lt; 1 - tolerance: nearby inputs converge, the largest Lyapunov exponent is negative */
        ORDERED,
        /** chi_perp &gt; 1 + tolerance (or a kernel that grows without bound): nearby inputs separate */
        CHAOTIC,
        /** |chi_perp - 1| &lt;= tolerance: the edge of chaos */
        CRITICAL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Both susceptibilities are 1 within the tolerance: criticality in the sense of PDLT section 5.2. */
    public boolean tunedToCriticality() {
        return chiPar.isPresent() && chiPerp.isPresent() && Math.abs(chiPar.getAsDouble() - 1) <= tolerance
                && Math.abs(chiPerp.getAsDouble() - 1) <= tolerance;
    }
}
