package org.feynet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.feynet.model.MlpModel;
import org.feynet.numerics.Criticality;
import org.feynet.numerics.FiniteWidthDepth;
import org.feynet.numerics.UniversalityClass;

/**
 * The {@code criticality --json} document of docs/OUTPUTS.md: the keys K_star, chi_par, chi_perp, lyapunov, c_star,
 * chi_c, xi_par, xi_c and phase, each a number or null (never Infinity or NaN; "notes" then says why), with the
 * model, the hyperparameters, the flow, the universality class and, when drawn, the phase-diagram files.
 */
final class CriticalityJson {

    private CriticalityJson() {}

    /**
     * With {@code finiteWidth} (may be null): also chi_par_1, xi_par_1, chi_c_1, xi_c_1, K1_star, V4_star and their
     * notes under "finite_width_notes"; for a weight-tied model these are null (with {@link #TIED_NOTE}) and the
     * values of the same network with independent layers are under "untied_reference".
     */
    static String of(MlpModel model, Criticality c, FiniteWidthDepth.Result finiteWidth,
                     java.util.List<org.feynet.numerics.TiedLocalRate> tiedRates, Map<String, String> files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.name());
        out.put("activation", model.activation().name());
        out.put("Cb", c.cb());
        out.put("Cw", c.cw());
        out.put("K_start", c.startKernel());
        out.put("flow", c.flow().key());
        out.put("K_star", number(c.kStar()));
        out.put("chi_par", number(c.chiPar()));
        out.put("chi_perp", number(c.chiPerp()));
        out.put("lyapunov", number(c.lyapunov()));
        out.put("c_star", number(c.cStar()));
        out.put("chi_c", number(c.chiC()));
        out.put("xi_par", number(c.xiPar()));
        out.put("xi_c", number(c.xiC()));
        out.put("phase", c.phase().key());
        out.put("tolerance", c.tolerance());
        out.put("tuned_to_criticality", c.tunedToCriticality());
        out.put("universality", universality(c.universality()));
        out.put("notes", c.notes());
        if (finiteWidth != null) {
            Map<String, Object> values = finiteWidth(finiteWidth);
            if (model.tied()) {
                Map<String, String> notes = new LinkedHashMap<>();
                for (String key : values.keySet()) {
                    if (!key.equals("finite_width_notes")) {
                        out.put(key, null);
                        notes.put(key, TIED_NOTE);
                    }
                }
                out.put("finite_width_notes", notes);
                out.put("tied_local_rate", tiedRates == null ? null : tiedRates.stream().map(CriticalityJson::rate)
                        .toList());
                out.put("untied_reference", values);
            } else {
                out.putAll(values);
            }
        }
        if (!files.isEmpty()) {
            out.put("phase_diagram", files);
        }
        try {
            return new ObjectMapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a weight-tied network has no finite-width correlation depth (docs/METHOD.md). */
    static final String TIED_REASON = "weight-tied: the steps are not a Markov chain and the 1/n correction K1(t) of"
            + " the kernel does not settle at a fixed point (it keeps growing with t in every case measured, see"
            + " docs/METHOD.md), so there is no 1/n rate chi_1";

    /** The JSON note of each finite-width key of a weight-tied network. */
    static final String TIED_NOTE = TIED_REASON + "; untied_reference holds the values for the same network with"
            + " independent layers";

    /** One step of {@code tied_local_rate}; xi0, xi1 null where |r0| is not below 1. */
    private static Map<String, Object> rate(org.feynet.numerics.TiedLocalRate r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step", r.step());
        out.put("r0", r.r0());
        out.put("r1", r.r1());
        out.put("r1_error", r.r1Error());
        out.put("xi0", Double.isNaN(r.xi0()) ? null : r.xi0());
        out.put("xi1", Double.isNaN(r.xi1()) ? null : r.xi1());
        out.put("xi1_error", Double.isNaN(r.xi1()) ? null : r.xi1Error());
        return out;
    }

    private static Map<String, Object> finiteWidth(FiniteWidthDepth.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chi_par_1", number(r.chiPar1()));
        out.put("xi_par_1", number(r.xiPar1()));
        out.put("K1_star", number(r.kStar1()));
        out.put("V4_star", number(r.vStar()));
        out.put("chi_c_1", number(r.chiC1()));
        out.put("xi_c_1", number(r.xiC1()));
        out.put("finite_width_notes", r.notes());
        return out;
    }

    static Map<String, Object> universality(UniversalityClass u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", u.label());
        if (u instanceof UniversalityClass.ScaleInvariant s) {
            out.put("slopes", new double[] {s.p(), s.q()});
            out.put("A2", s.a2());
            out.put("critical_Cb", 0.0);
            out.put("critical_Cw", s.criticalCw());
            out.put("kernel_exponent", 0.0);
            out.put("correlation_exponent", s.correlationExponent().orElse(null));
            out.put("correlation_amplitude", s.correlationAmplitude().orElse(null));
        } else if (u instanceof UniversalityClass.ZeroFixedPoint z) {
            out.put("a1", z.a1());
            out.put("b1", z.b1());
            out.put("critical_Cb", 0.0);
            out.put("critical_Cw", z.criticalCw());
            out.put("kernel_exponent", 1.0);
            out.put("kernel_amplitude", z.kernelAmplitude());
            out.put("perpendicular_exponent", z.perpendicularExponent());
        } else if (u instanceof UniversalityClass.Other o) {
            out.put("reason", o.reason());
        }
        return out;
    }

    /** The value, or null when absent or not finite; -0.0 (a product with an exact zero) is written as 0.0. */
    private static Double number(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value.getAsDouble() + 0.0 : null;
    }
}
