package org.feynet.dmft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.feynet.model.TrainingProblem;

/** The JSON of {@code feynet dmft --json} (docs/OUTPUTS.md). */
public final class DynamicsJson {

    private DynamicsJson() {}

    public static String of(TrainingProblem problem, DmftResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", problem.network().name());
        root.put("solver", r.solver());
        root.put("depth", problem.network().depth());
        root.put("samples", problem.network().samples());
        root.put("gamma0", problem.network().gamma0());
        root.put("time", problem.time());
        root.put("targets", problem.targets());
        root.put("times", r.times());
        root.putAll(curves(r.full()));
        root.put("alignment", r.full().alignment()[r.times().length - 1]);
        root.put("Phi", r.phi());
        root.put("G", r.g());
        root.put("Phi_two_time", r.phiTwoTime());
        if (r.fullError() != null) {
            Map<String, Object> error = curves(r.fullError());
            error.put("alignment", r.fullError().alignment()[r.times().length - 1]);
            root.put("monte_carlo_error", error);
        }
        Map<String, Object> convergence = new LinkedHashMap<>();
        convergence.put("iterations", r.iterations());
        convergence.put("change", r.change());
        convergence.put("tolerance", r.tolerance());
        convergence.put("converged", r.converged());
        convergence.put("averaged_iterations", r.averaged());
        convergence.put("iteration_spread", r.iterationSpread());
        convergence.put("time_steps", r.steps());
        convergence.put("time_error", Double.isNaN(r.timeError()) ? null : r.timeError());
        convergence.put("population", r.population());
        convergence.put("replicas", r.replicas());
        convergence.put("anderson_history", r.anderson());
        convergence.put("responses", r.responses() == null ? null : r.responses().key());
        root.put("convergence", convergence);
        if (r.smoothing() != null) {
            Map<String, Object> smoothing = new LinkedHashMap<>();
            smoothing.put("betas", r.smoothing().betas());
            smoothing.put("weights", r.smoothing().weights());
            smoothing.put("extrapolation_error", curves(r.smoothing().extrapolationError()));
            java.util.List<Object> rungs = new java.util.ArrayList<>();
            for (int k = 0; k < r.smoothing().betas().length; k++) {
                Map<String, Object> rung = new LinkedHashMap<>();
                rung.put("beta", r.smoothing().betas()[k]);
                rung.put("loss", r.smoothing().rungs().get(k).loss());
                rung.put("f", r.smoothing().rungs().get(k).f());
                rungs.add(rung);
            }
            smoothing.put("rungs", rungs);
            root.put("smoothing", smoothing);
        }
        Map<String, Object> approximations = new LinkedHashMap<>();
        for (Map.Entry<String, Curves> e : r.approximations().entrySet()) {
            Map<String, Object> c = curves(e.getValue());
            c.put("alignment", e.getValue().alignment()[r.times().length - 1]);
            approximations.put(e.getKey(), c);
        }
        root.put("approximations", approximations);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> curves(Curves c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", c.loss());
        m.put("f", c.f());
        m.put("ntk", c.ntk());
        m.put("alignment_over_time", c.alignment());
        return m;
    }
}
