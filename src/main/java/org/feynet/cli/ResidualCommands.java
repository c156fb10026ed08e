package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.ExactContinuousDepth;
import org.feynet.numerics.ResidualStatistics;
import org.feynet.codegen.Evaluators;
import org.feynet.numerics.ResidualTheory;
import org.feynet.sampling.ResidualComparison;
import org.feynet.sampling.ResidualSample;
import org.feynet.sampling.ResidualSampler;

/** The network commands for residual networks: derive, eval, sample and compare (docs/OUTPUTS.md). */
final class ResidualCommands {

    private ResidualCommands() {}

    static String describe(Subject.Residual r) {
        ResidualModel m = r.model();
        return r.source() + ": residual network " + m.name() + ", metric to order 1/n, closure " + m.closure().keyword()
                + "\n  sigma(z) = " + m.activation().name() + ", Cb = " + m.cb() + ", Cw = " + m.cw() + ", L = " + m.depth()
                + ", eps = " + scales(m) + ", " + m.inputs() + " inputs given by the kernel of the stream z[0]";
    }

    private static String scales(ResidualModel m) {
        double first = m.eps(0);
        for (int l = 1; l < m.depth(); l++) {
            if (m.eps(l) != first) {
                double[] all = new double[m.depth()];
                for (int k = 0; k < all.length; k++) {
                    all[k] = m.eps(k);
                }
                return java.util.Arrays.toString(all);
            }
        }
        return Double.toString(first);
    }

    /** The statistics under the model's closure. */
    static ResidualStatistics evaluate(ResidualModel model, boolean progress) {
        try (Progress bar = Progress.start("eval " + model.name() + " (" + model.closure().keyword() + ")", model.depth(),
                progress)) {
            return new ResidualTheory(model).run(Evaluators.residual(model.closure()), bar::stepTo);
        }
    }

    static int eval(Subject.Residual r, PrintWriter out, boolean json, boolean progress) throws java.io.IOException {
        ResidualStatistics stats = evaluate(r.model(), progress);
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(json(r.model(), stats)));
            return 0;
        }
        StringBuilder s = new StringBuilder(describe(r)).append("\n\n");
        s.append("E[R_ab] = K0 + K1/n, n Var(R_ab) = V4[ab][ab]; the same for the metric Cb + Cw G\n");
        int p = r.model().inputs();
        for (ResidualStatistics.Layer l : stats.layers()) {
            s.append(String.format(Locale.ROOT, "layer %d%n", l.layer()));
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format(Locale.ROOT,
                            "  [%d %d] R: K0 = %-13.8g K1 = %-13.6g V4 = %-13.6g  metric: K0 = %-13.8g K1 = %-13.6g V4 = %.6g%n",
                            a + 1, b + 1, l.stream().k0()[a][b], l.stream().k1()[a][b], l.stream().v4()[a][b][a][b],
                            l.metric().k0()[a][b], l.metric().k1()[a][b], l.metric().v4()[a][b][a][b]));
                }
            }
        }
        s.append("(--json for every component of V4)\n");
        out.print(s);
        return 0;
    }

    /** Grid steps per layer for the exact route's continuous solution: at least {@code EXACT_GRID} steps in all. */
    static final int EXACT_GRID = 16;

    /**
     * The continuous-depth solution at t = sum of eps_k^2 up to each layer, beside the discrete recursion. For the
     * exact route the solution is {@link ExactContinuousDepth}'s, and the Richardson extrapolation 2 X_L - X_(L/2) of
     * the discrete recursion (two layers merged into one of eps^2 = eps_(2l)^2 + eps_(2l+1)^2) is printed beside it
     * at even layers as an independent check.
     */
    static int continuous(Subject.Residual r, PrintWriter out, boolean json) throws java.io.IOException {
        ResidualModel m = r.model();
        double[] times = times(m);
        boolean exact = m.closure() == Closure.EXACT;
        int refine = Math.max(1, (EXACT_GRID + m.depth() - 1) / m.depth());
        ResidualStatistics limit = exact ? new ExactContinuousDepth(m).solve(times, refine, 1e-10)
                : new org.feynet.numerics.ContinuousDepth(m).solve(times, 1e-9);
        ResidualStatistics discrete = exact ? sameQuadrature(m) : evaluate(m, false);
        ResidualStatistics coarse = exact && m.depth() % 2 == 0 ? sameQuadrature(merged(m)) : null;
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(continuousJson(m, times, refine, limit, discrete, coarse)));
            return 0;
        }
        StringBuilder s = new StringBuilder(describe(r)).append("\n\n");
        s.append("continuous depth t = sum eps_l^2 (Dormand-Prince 8(5,3), tolerance ").append(exact ? "1e-10" : "1e-9")
                .append(") vs the discrete recursion\n");
        if (exact) {
            s.append(String.format(Locale.ROOT, "(exact route: the Volterra system in two times on a grid of %d steps,"
                    + " cubic rule; discrete with the same quadrature; Richardson = 2 X_L - X_L/2 of it)%n", refine * m.depth()));
        }
        s.append(String.format(Locale.ROOT, "%-5s %-8s %14s %14s %14s %14s", "layer", "t", "R K0[11] ode", "discrete",
                "metric K1 ode", "discrete"));
        s.append(exact ? String.format(Locale.ROOT, " %14s", "Richardson") : "");
        s.append(String.format(Locale.ROOT, " %14s %14s", "metric V4 ode", "discrete"));
        s.append(exact ? String.format(Locale.ROOT, " %14s", "Richardson") : "").append('\n');
        for (int l = 0; l <= m.depth(); l++) {
            ResidualStatistics.Layer c = limit.layers().get(l);
            ResidualStatistics.Layer d = discrete.layers().get(l);
            ResidualStatistics.Layer h = coarse != null && l % 2 == 0 ? coarse.layers().get(l / 2) : null;
            s.append(String.format(Locale.ROOT, "%-5d %-8.4f %14.8f %14.8f %14.6g %14.6g", l, times[l],
                    c.stream().k0()[0][0], d.stream().k0()[0][0], c.metric().k1()[0][0], d.metric().k1()[0][0]));
            if (exact) {
                s.append(h == null ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %14.6g",
                        2 * d.metric().k1()[0][0] - h.metric().k1()[0][0]));
            }
            s.append(String.format(Locale.ROOT, " %14.6g %14.6g", c.metric().v4()[0][0][0][0],
                    d.metric().v4()[0][0][0][0]));
            if (exact) {
                s.append(h == null ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %14.6g",
                        2 * d.metric().v4()[0][0][0][0] - h.metric().v4()[0][0][0][0]));
            }
            s.append('\n');
        }
        out.print(s);
        return 0;
    }

    /**
     * The discrete exact recursion with the continuous solver's quadrature ({@link ExactContinuousDepth#integrals}),
     * so that the comparison shows the eps discretisation alone.
     */
    private static ResidualStatistics sameQuadrature(ResidualModel m) {
        return new ResidualTheory(m, ExactContinuousDepth.integrals(m)).run(Evaluators.residual(m.closure()), null);
    }

    /** t_l = sum_{k<l} eps_k^2, l = 0..L. */
    private static double[] times(ResidualModel m) {
        double[] times = new double[m.depth() + 1];
        for (int l = 0; l < m.depth(); l++) {
            times[l + 1] = times[l] + m.eps(l) * m.eps(l);
        }
        return times;
    }

    /** The network with every two consecutive blocks merged into one of eps^2 = eps_(2l)^2 + eps_(2l+1)^2 (L even). */
    private static ResidualModel merged(ResidualModel m) {
        double[] eps = new double[m.depth() / 2];
        for (int l = 0; l < eps.length; l++) {
            eps[l] = Math.sqrt(m.eps(2 * l) * m.eps(2 * l) + m.eps(2 * l + 1) * m.eps(2 * l + 1));
        }
        return new ResidualModel(m.name(), m.activation(), m.cb(), m.cw(), eps, m.gramCopy(), m.closure());
    }

    private static Map<String, Object> continuousJson(ResidualModel m, double[] times, int refine,
                                                      ResidualStatistics limit, ResidualStatistics discrete,
                                                      ResidualStatistics coarse) {
        Map<String, Object> root = json(m, limit);
        root.put("continuous", true);
        root.put("t", times);
        if (m.closure() == Closure.EXACT) {
            root.put("grid_steps", refine * m.depth());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) root.get("layers");
        for (int l = 0; l <= m.depth(); l++) {
            Map<String, Object> layer = layers.get(l);
            layer.put("t", times[l]);
            ResidualStatistics.Layer d = discrete.layers().get(l);
            Map<String, Object> recursion = new LinkedHashMap<>();
            put(recursion, d.stream());
            Map<String, Object> metric = new LinkedHashMap<>();
            put(metric, d.metric());
            recursion.put("metric", metric);
            layer.put("discrete", recursion);
            if (coarse != null && l % 2 == 0) {
                layer.put("richardson", richardson(d, coarse.layers().get(l / 2)));
            }
        }
        return root;
    }

    /** 2 X_L - X_(L/2) for K1 and V4 of R and the metric. */
    private static Map<String, Object> richardson(ResidualStatistics.Layer fine, ResidualStatistics.Layer coarse) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("K1", extrapolate(fine.stream().k1(), coarse.stream().k1()));
        out.put("V4", extrapolate4(fine.stream().v4(), coarse.stream().v4()));
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("K1", extrapolate(fine.metric().k1(), coarse.metric().k1()));
        metric.put("V4", extrapolate4(fine.metric().v4(), coarse.metric().v4()));
        out.put("metric", metric);
        return out;
    }

    private static double[][] extrapolate(double[][] fine, double[][] coarse) {
        double[][] out = new double[fine.length][fine.length];
        for (int a = 0; a < fine.length; a++) {
            for (int b = 0; b < fine.length; b++) {
                out[a][b] = 2 * fine[a][b] - coarse[a][b];
            }
        }
        return out;
    }

    private static double[][][][] extrapolate4(double[][][][] fine, double[][][][] coarse) {
        double[][][][] out = new double[fine.length][][][];
        for (int a = 0; a < fine.length; a++) {
            out[a] = new double[fine.length][][];
            for (int b = 0; b < fine.length; b++) {
                out[a][b] = extrapolate(fine[a][b], coarse[a][b]);
            }
        }
        return out;
    }

    static Map<String, Object> json(ResidualModel model, ResidualStatistics stats) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        root.put("architecture", "resnet");
        root.put("inputs", model.inputs());
        root.put("order", 1);
        root.put("closure", model.closure().keyword());
        root.put("depth", model.depth());
        List<Double> eps = new ArrayList<>();
        for (int l = 0; l < model.depth(); l++) {
            eps.add(model.eps(l));
        }
        root.put("eps", eps);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ResidualStatistics.Layer l : stats.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l.layer());
            put(layer, l.stream());
            Map<String, Object> metric = new LinkedHashMap<>();
            put(metric, l.metric());
            layer.put("metric", metric);
            layers.add(layer);
        }
        root.put("layers", layers);
        return root;
    }

    private static void put(Map<String, Object> target, ResidualStatistics.Kernel k) {
        target.put("K0", k.k0());
        target.put("K1", k.k1());
        target.put("V4", k.v4());
    }

    static int sample(Subject.Residual r, PrintWriter out, int width, int networks, long seed, boolean increments,
                      boolean json, boolean progress, boolean theory) throws java.io.IOException {
        ResidualModel m = r.model();
        ResidualSampler sampler = new ResidualSampler(m, increments ? ResidualSampler.Mode.INCREMENTS
                : ResidualSampler.Mode.WEIGHTS);
        ResidualSample sample;
        try (Progress bar = Progress.start("sample " + m.name() + " n=" + width, networks, progress)) {
            sample = sampler.sample(width, networks, seed, bar::stepTo);
        }
        ResidualStatistics predicted = theory ? evaluate(m, false) : null;
        int p = m.inputs();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", m.name());
            root.put("width", width);
            root.put("networks", networks);
            root.put("seed", seed);
            root.put("weights", increments ? "conditional increments" : "explicit");
            List<Map<String, Object>> layers = new ArrayList<>();
            for (int l = 0; l <= m.depth(); l++) {
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("layer", l);
                for (int kernel = 0; kernel < 2; kernel++) {
                    Map<String, Object> k = kernel == 0 ? layer : new LinkedHashMap<>();
                    k.put("mean", sample.mean()[l][kernel]);
                    k.put("mean_error", sample.meanError()[l][kernel]);
                    k.put("n_cov", sample.v4()[l][kernel]);
                    k.put("n_cov_error", sample.v4Error()[l][kernel]);
                    if (kernel == 1) {
                        layer.put("metric", k);
                    }
                }
                layers.add(layer);
            }
            root.put("layers", layers);
            out.println(new ObjectMapper().writeValueAsString(root));
            return 0;
        }
        StringBuilder s = new StringBuilder(describe(r)).append("\n\n");
        s.append(String.format(Locale.ROOT, "%d networks of width %d (%s), seed %d%n", networks, width,
                increments ? "increments drawn from their conditional law" : "explicit weights", seed));
        if (theory) {
            s.append("prediction: K0 + K1/n and V4 (closure ").append(m.closure().keyword()).append(")\n");
        }
        for (int l = 0; l <= m.depth(); l++) {
            s.append(String.format(Locale.ROOT, "layer %d%n", l));
            for (int kernel = 0; kernel < 2; kernel++) {
                for (int a = 0; a < p; a++) {
                    for (int b = a; b < p; b++) {
                        s.append(String.format(Locale.ROOT, "  %-6s [%d %d] mean %.6f +- %.6f  n Var %.5f +- %.5f",
                                kernel == 0 ? "R" : "metric", a + 1, b + 1, sample.mean()[l][kernel][a][b],
                                sample.meanError()[l][kernel][a][b], sample.v4()[l][kernel][a][b][a][b],
                                sample.v4Error()[l][kernel][a][b][a][b]));
                        if (predicted != null) {
                            ResidualStatistics.Layer t = predicted.layers().get(l);
                            ResidualStatistics.Kernel k = kernel == 0 ? t.stream() : t.metric();
                            s.append(String.format(Locale.ROOT, "   predicted %.6f, %.5f", k.k0()[a][b] + k.k1()[a][b] / width,
                                    k.v4()[a][b][a][b]));
                        }
                        s.append('\n');
                    }
                }
            }
        }
        out.print(s);
        return 0;
    }

    static int compare(Subject.Residual r, PrintWriter out, List<Integer> widths, int networks, long seed,
                       boolean weights, Path plot, boolean noPlot, boolean progress) {
        ResidualModel m = r.model();
        Path plotFile = noPlot ? null : OutputFiles.plot("--plot", plot != null ? plot : Path.of(m.name()
                + "-compare.png"));
        List<Closure> closures = List.of(Closure.EXACT, Closure.G, Closure.GPROJ, Closure.RG, Closure.RGM);
        Map<Closure, ResidualStatistics> theories = new EnumMap<>(Closure.class);
        for (Closure c : closures) {
            theories.put(c, evaluate(m.withClosure(c), progress));
        }
        ResidualComparison.Result result;
        try (Progress bar = Progress.start("sample " + m.name(), (long) networks * widths.size(), progress)) {
            result = ResidualComparison.run(m, theories, widths, networks, seed,
                    weights ? ResidualSampler.Mode.WEIGHTS : ResidualSampler.Mode.INCREMENTS, bar::stepTo);
        }
        if (plotFile != null) {
            ResidualComparison.plot(m.name(), result, closures, plotFile);
        }
        out.print(describe(r) + "\n\n");
        out.printf(Locale.ROOT, "widths %s, %d networks each (%s), seed %d%n", widths, networks,
                weights ? "explicit weights" : "increments drawn from their exact conditional law", seed);
        out.print("K0: fit mean(n) = K0 + K1/n + c/n^2; K1: fit n (mean(n) - K0) = K1 + c/n; V4: fit n Cov(n) = V4 + d/n\n");
        out.print("exact = the O(1/n)-exact route; G = the published Gaussian G-only theory; Gproj, RG, RGM = regression"
                + " closures (approximations)\n\n");
        out.print(ResidualComparison.table(result, closures));
        out.print("\nthe published G-only theory against the exact route as depth grows ([11] entries, 1-based):\n");
        out.print(ResidualComparison.publishedErrors(theories));
        if (plotFile != null) {
            out.printf("plot written to %s%n", plotFile);
        }
        return 0;
    }
}
