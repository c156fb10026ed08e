package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Locale;
import org.feynet.model.Observable;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;
import org.feynet.sampling.DntkSample;
import org.feynet.sampling.DntkSampler;
import org.feynet.sampling.MetricSample;
import org.feynet.sampling.NetworkSampler;
import org.feynet.sampling.NtkSample;
import org.feynet.sampling.NtkSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet sample}: Monte Carlo over real networks of one width, with standard errors. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw real finite-width networks with explicit weights and measure the metric's statistics.")
final class SampleCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--width", paramLabel = "N", description = "hidden width n (default: ${DEFAULT-VALUE})")
    int width = 64;

    @Option(names = "--networks", paramLabel = "COUNT", description = "networks to draw (default: ${DEFAULT-VALUE})")
    int networks = 2000;

    @Option(names = "--batches", paramLabel = "B", description = "batches for the standard errors (default: ${DEFAULT-VALUE})")
    int batches = NetworkSampler.DEFAULT_BATCHES;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "machine-readable output on stdout")
    boolean json;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--increments", description = "residual networks: draw each layer's increment b + W sigma(z) from its"
            + " exact conditional law N(0, Cb + Cw G) instead of drawing the weights (same law, faster)")
    boolean increments;

    @Option(names = "--no-theory", description = "do not print the predictions beside the sampled means")
    boolean noTheory;

    @Override
    public Integer call() throws Exception {
        Checks.positive("--width", width);
        if (options.subject() instanceof Subject.Residual residual) {
            Checks.atLeast("--networks", networks, 2);
            return ResidualCommands.sample(residual, spec.commandLine().getOut(), width, networks, seed, increments, json,
                    !quiet && !json, !noTheory);
        }
        Subject.Network loaded = options.network();
        Checks.positive("--networks", networks);
        Checks.atLeast("--batches", batches, 2);
        Checks.atLeast("--networks", networks, 2 * batches);
        NtkSample ntk = null;
        DntkSample dntk = null;
        MetricSample sample;
        Observable observable = loaded.model().observable();
        if (observable == Observable.DNTK || observable == Observable.DDNTK) {
            dntk = DntkSampler.of(loaded.model(), width).networks(networks).batches(batches).seed(seed)
                    .progress(!quiet).learningRates(loaded.model().rates().lambdaB(), loaded.model().rates().lambdaW())
                    .ddntk(observable == Observable.DDNTK).sample();
        }
        if (observable != Observable.METRIC) {
            ntk = NtkSampler.of(loaded.model(), width).networks(networks).batches(batches).seed(seed)
                    .progress(!quiet).learningRates(loaded.model().rates().lambdaB(), loaded.model().rates().lambdaW())
                    .sample();
            sample = ntk.metric();
        } else {
            sample = NetworkSampler.of(loaded.model(), width).networks(networks).batches(batches).seed(seed)
                    .progress(!quiet).sample();
        }
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(toJson(sample, ntk, dntk)));
            return 0;
        }
        MetricStatistics theory = noTheory ? null : Pipeline.evaluate(loaded, false);
        StringBuilder s = new StringBuilder(Describe.model(loaded)).append('\n');
        s.append(String.format("%d networks of width %d, seed %d, %.1f s (%.1f networks/s); errors from %d batches%n",
                sample.networks(), sample.width(), sample.seed(), sample.elapsedSeconds(), sample.networksPerSecond(),
                sample.batches()));
        int p = loaded.model().inputs();
        int n = sample.width();
        if (theory != null) {
            s.append("predictions at n = ").append(n).append(": O(1/n) = K0 + K1/n")
                    .append(theory.order() > 1 ? ", O(1/n^2) adds K2/n^2" : "")
                    .append("; pull = (sampled - predicted) / se\n");
        }
        for (MetricSample.Layer l : sample.layers()) {
            s.append("layer ").append(l.layer()).append('\n');
            MetricStatistics.Layer t = theory == null ? null : theory.layers().get(l.layer() - 1);
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    double mean = l.mean()[a][b];
                    double se = l.meanError()[a][b];
                    s.append(String.format(Locale.ROOT, "  [%d %d]  E[Ghat] = %.6f +- %.6f   n Var = %.5f +- %.5f", a, b,
                            mean, se, l.nCov()[a][b][a][b], l.nCovError()[a][b][a][b]));
                    if (t != null && l.layer() > 1) {
                        double first = t.get(Statistic.K0, a, b) + t.get(Statistic.K1, a, b) / n;
                        s.append(String.format(Locale.ROOT, "   O(1/n) %.6f (pull %+.2f)", first, (mean - first) / se));
                        if (t.has(Statistic.K2)) {
                            double second = first + t.get(Statistic.K2, a, b) / ((double) n * n);
                            s.append(String.format(Locale.ROOT, "   O(1/n^2) %.6f (pull %+.2f)", second,
                                    (mean - second) / se));
                        }
                    }
                    s.append('\n');
                }
            }
        }
        if (ntk != null) {
            s.append(ntkRows(ntk, theory, p));
        }
        if (dntk != null) {
            s.append(differentialRows(dntk, theory, p));
        }
        spec.commandLine().getOut().print(s);
        return 0;
    }

    /** Per layer and pair of samples, the mean NTK against H0 + H1/n, and the diagonal of ntk_same. */
    private static String ntkRows(NtkSample ntk, MetricStatistics theory, int p) {
        StringBuilder s = new StringBuilder("NTK: E[Theta_ii] against H0 + H1/n, n Var(Theta_ii) against ntk_same\n");
        int n = ntk.width();
        for (NtkSample.Layer l : ntk.layers()) {
            s.append("layer ").append(l.layer()).append('\n');
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    double mean = l.ntkMean().value()[a][b];
                    double se = l.ntkMean().error()[a][b];
                    s.append(String.format(Locale.ROOT, "  [%d %d]  E[Theta] = %.6f +- %.6f   n Var = %.5f +- %.5f",
                            a, b, mean, se, l.ntkSame().value()[a][b][a][b], l.ntkSame().error()[a][b][a][b]));
                    if (theory != null && l.layer() > 1) {
                        MetricStatistics.Layer t = theory.layer(l.layer());
                        double predicted = t.get(Statistic.H0, a, b) + t.get(Statistic.H1, a, b) / n;
                        s.append(String.format(Locale.ROOT, "   O(1/n) %.6f (pull %+.2f)", predicted,
                                (mean - predicted) / se));
                    }
                    s.append('\n');
                }
            }
        }
        return s.toString();
    }

    /**
     * Per layer and sample a, the dNTK and ddNTK statistics with all four samples equal to a, against their leading
     * values (their 1/n corrections are not derived, so a pull of a few is expected at small widths).
     */
    private static String differentialRows(DntkSample dntk, MetricStatistics theory, int p) {
        StringBuilder s = new StringBuilder("dNTK: n E[dH z] and n E[ddH] against their leading values"
                + " (P, Q" + (dntk.hasDdntk() ? "; R, S, T, U" : "") + ")\n");
        for (DntkSample.Layer l : dntk.layers()) {
            if (l.layer() == 1) {
                continue;
            }
            s.append("layer ").append(l.layer()).append('\n');
            for (int a = 0; a < p; a++) {
                for (Statistic statistic : l.estimates().keySet()) {
                    NtkSample.TensorEstimate e = l.estimate(statistic);
                    double value = e.value()[a][a][a][a];
                    double se = e.error()[a][a][a][a];
                    s.append(String.format(Locale.ROOT, "  %s[%d %d %d %d] = %.5f +- %.5f", statistic, a, a, a, a,
                            value, se));
                    if (theory != null) {
                        double predicted = theory.layer(l.layer()).get(statistic, a, a, a, a);
                        s.append(String.format(Locale.ROOT, "   leading %.5f (pull %+.2f)", predicted,
                                (value - predicted) / se));
                    }
                    s.append('\n');
                }
            }
        }
        return s.toString();
    }

    private static Map<String, Object> toJson(MetricSample sample, NtkSample ntk, DntkSample dntk) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", sample.model());
        out.put("width", sample.width());
        out.put("networks", sample.networks());
        out.put("batches", sample.batches());
        out.put("seed", sample.seed());
        out.put("seconds", sample.elapsedSeconds());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (MetricSample.Layer l : sample.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l.layer());
            layer.put("mean", l.mean());
            layer.put("mean_error", l.meanError());
            layer.put("n_cov", l.nCov());
            layer.put("n_cov_error", l.nCovError());
            if (ntk != null) {
                NtkSample.Layer t = ntk.layer(l.layer());
                layer.put("ntk_mean", t.ntkMean().value());
                layer.put("ntk_mean_error", t.ntkMean().error());
                t.fourPoint().forEach((key, estimate) -> {
                    layer.put(key, estimate.value());
                    layer.put(key + "_error", estimate.error());
                });
            }
            if (dntk != null) {
                dntk.layer(l.layer()).estimates().forEach((statistic, estimate) -> {
                    layer.put(statistic.jsonKey(), estimate.value());
                    layer.put(statistic.jsonKey() + "_error", estimate.error());
                });
            }
            layers.add(layer);
        }
        out.put("layers", layers);
        return out;
    }
}
