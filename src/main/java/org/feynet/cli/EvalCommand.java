package org.feynet.cli;

import java.util.concurrent.Callable;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.CollectiveFieldTheory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet eval}: the numbers of every layer, from the generated evaluator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the recursions for every layer: K0, K1 (K2) and V4 (V4_1, T6).")
final class EvalCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--json", description = "print the JSON of docs/OUTPUTS.md on stdout and nothing else there")
    boolean json;

    @Option(names = "--continuous", description = "residual networks: the continuous-depth limit (eps -> 0,"
            + " t = l eps^2) at t = l eps^2 for l = 0..L, beside the discrete recursions")
    boolean continuous;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws java.io.IOException {
        Timing.mark("command line parsed");
        java.util.Optional<org.feynet.model.FourierResidualNetwork> ecrn = options.fourier();
        if (ecrn.isPresent()) {
            return FourierCommands.eval(ecrn.get(), spec.commandLine().getOut(), json, !quiet);
        }
        Subject subject = options.subject();
        Timing.mark("model read");
        if (subject instanceof Subject.Theory theory) {
            return TheoryCommands.eval(theory, spec.commandLine().getOut(), json);
        }
        if (subject instanceof Subject.Residual residual) {
            if (continuous) {
                return ResidualCommands.continuous(residual, spec.commandLine().getOut(), json);
            }
            return ResidualCommands.eval(residual, spec.commandLine().getOut(), json, !quiet && !json);
        }
        Subject.Network network = (Subject.Network) subject;
        if (network.model().tied()) {
            return tied(network);
        }
        MetricStatistics stats = Pipeline.evaluate(network, !quiet, options.cache());
        if (json) {
            spec.commandLine().getOut().println(StatisticsJson.of(stats));
            Timing.mark("JSON printed");
            return 0;
        }
        spec.commandLine().getOut().print(Describe.model(network) + "\n\n" + table(stats));
        return 0;
    }

    /**
     * A weight-tied network: per step t the statistics of R^(t) = (1/n) sum_i z^(t) z^(t)^T to order 1/n by the
     * collective-field route ({@link CollectiveFieldTheory}: E[R] = K0 + K1/n, n Cov(R_ab, R_cd) = V4), with the
     * standard errors of its quasi-Monte Carlo, and the infinite-width two-step kernel K0_two_step[t-1][s-1][a][b].
     */
    private int tied(Subject.Network network) throws java.io.IOException {
        var model = network.model();
        CollectiveFieldRoute.checkBudget(network, model.inputs(), true, CollectiveFieldTheory.Quadrature.DEFAULT);
        CollectiveFieldTheory.Result result = CollectiveFieldRoute.evaluate(model, true,
                CollectiveFieldTheory.Quadrature.DEFAULT);
        if (json) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("model", model.name());
            out.put("inputs", model.inputs());
            out.put("order", 1);
            out.put("weights", "tied");
            java.util.List<java.util.Map<String, Object>> layers = new java.util.ArrayList<>();
            for (CollectiveFieldTheory.Step step : result.steps()) {
                java.util.Map<String, Object> layer = new java.util.LinkedHashMap<>();
                layer.put("layer", step.step());
                layer.put("K0", step.k0());
                layer.put("K1", step.k1());
                layer.put("V4", step.v4());
                layer.put("K1_error", step.k1Error());
                layer.put("V4_error", step.v4Error());
                layers.add(layer);
            }
            out.put("layers", layers);
            out.put("K0_two_step", result.twoStep());
            spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(out));
            return 0;
        }
        StringBuilder s = new StringBuilder(Describe.model(network)).append("\n\nweight-tied, collective-field route"
                + " (one loop): E[R^(t)_ab] = K0 + K1/n,  n Cov(R^(t)_ab, R^(t)_cd) = V4;  (+- quadrature error)\n");
        int p = model.inputs();
        for (CollectiveFieldTheory.Step step : result.steps()) {
            s.append(String.format(java.util.Locale.ROOT, "step %d%n", step.step()));
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format(java.util.Locale.ROOT,
                            "  [%d %d]  K0 = %-14.10g K1 = %-12.6g (+- %.1e)  V4[(ab)(ab)] = %-12.6g (+- %.1e)%n", a + 1, b + 1,
                            step.k0()[a][b], step.k1()[a][b], step.k1Error()[a][b], step.v4()[a][b][a][b],
                            step.v4Error()[a][b][a][b]));
                }
            }
        }
        s.append("two-step kernel K0(t, s)_ab = lim E[(1/n) sum_i z^(t)_{i;a} z^(s)_{i;b}]:\n");
        double[][][][] c = result.twoStep();
        for (int t = 0; t < model.depth(); t++) {
            for (int u = t + 1; u < model.depth(); u++) {
                s.append(String.format(java.util.Locale.ROOT, "  t=%d s=%d", t + 1, u + 1));
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        s.append(String.format(java.util.Locale.ROOT, "  [%d %d] %.10g", a + 1, b + 1, c[t][u][a][b]));
                    }
                }
                s.append('\n');
            }
        }
        spec.commandLine().getOut().print(s);
        return 0;
    }

    /**
     * Per layer and independent pair of samples, every statistic of one metric entry (K0, K1, ...) and the variance
     * part V4[(ab)(ab)] of every cumulant of two.
     */
    private static String table(MetricStatistics stats) {
        StringBuilder s = new StringBuilder("E[Ghat] = ").append(series(stats, Statistic.Kind.METRIC));
        if (stats.statistics().contains(Statistic.H0)) {
            s.append(";  E[Theta_ii] = ").append(series(stats, Statistic.Kind.NTK_MEAN));
        }
        s.append(";  n Var(Ghat_ab) = V4[(ab)(ab)]\n");
        int p = stats.inputs();
        for (MetricStatistics.Layer l : stats.layers()) {
            s.append(String.format("layer %d%n", l.layer()));
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format("  [%d %d] ", a + 1, b + 1));
                    for (Statistic t : stats.statistics()) {
                        if (t.size() == 1) {
                            s.append(String.format(t.order() == 0 ? " %s = %-14.10g" : " %s = %-14.8g", t.name(),
                                    l.get(t, a, b)));
                        }
                    }
                    s.append(String.format(" V4 = %.8g%n", l.get(Statistic.V4, a, b, a, b)));
                }
            }
            for (int a = 0; a < p; a++) {
                differentials(s, stats, l, a);
            }
        }
        s.append("(--json for every component of V4").append(stats.statistics().contains(Statistic.A)
                ? ", of the NTK's fluctuations" : "").append(stats.statistics().contains(Statistic.P)
                ? " and of the dNTK statistics" : "").append(")\n");
        return s.toString();
    }

    /** The dNTK and ddNTK statistics with all four samples equal to a, when derived. */
    private static void differentials(StringBuilder s, MetricStatistics stats, MetricStatistics.Layer l, int a) {
        StringBuilder line = new StringBuilder();
        for (Statistic t : stats.statistics()) {
            if (!t.pairedIndices()) {
                line.append(String.format(" %s = %-14.8g", t.name(), l.get(t, a, a, a, a)));
            }
        }
        if (line.length() > 0) {
            s.append(String.format("  [%d %d %d %d]", a, a, a, a)).append(line.toString().stripTrailing())
                    .append('\n');
        }
    }

    /** K0 + K1/n + ... of the mean statistics of one kind. */
    private static String series(MetricStatistics stats, Statistic.Kind kind) {
        StringBuilder mean = new StringBuilder();
        for (Statistic t : stats.statistics()) {
            if (t.size() == 1 && t.kind() == kind) {
                mean.append(mean.length() == 0 ? "" : " + ").append(t.name())
                        .append(t.order() == 0 ? "" : t.order() == 1 ? "/n" : "/n^" + t.order());
            }
        }
        return mean.toString();
    }
}
