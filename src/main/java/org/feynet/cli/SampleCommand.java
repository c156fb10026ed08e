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
import org.feynet.numerics.Tensor;
import org.feynet.sampling.DntkSample;
import org.feynet.sampling.DntkSampler;
import org.feynet.sampling.MetricSample;
import org.feynet.sampling.NetworkSampler;
import org.feynet.sampling.NtkSample;
import org.feynet.sampling.NtkSampler;
import org.feynet.sampling.TiedSample;
import org.feynet.sampling.TiedSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet sample}: Monte Carlo over real networks of one width, with standard errors. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw real finite-width networks and measure the metric's statistics (and the NTK's).")
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

    @Option(names = "--method", paramLabel = "METHOD", description = SamplingMethods.DESCRIPTION)
    String method;

    @Option(names = "--json", description = "machine-readable output on stdout")
    boolean json;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--increments", description = "residual networks: the same as --method chain")
    boolean increments;

    @Option(names = "--no-theory", description = "do not print the predictions beside the sampled means")
    boolean noTheory;

    @Override
    public Integer call() throws Exception {
        Checks.positive("--width", width);
        if (options.subject() instanceof Subject.Residual residual) {
            Checks.atLeast("--networks", networks, 2);
            boolean weights = SamplingMethods.residualWeights(method, !increments);
            if (increments && weights) {
                throw new UserError("--increments is --method chain, and --method " + method + " asks otherwise");
            }
            return ResidualCommands.sample(residual, spec.commandLine().getOut(), width, networks, seed, !weights, json,
                    !quiet && !json, !noTheory);
        }
        Subject.Network loaded = options.network();
        Checks.positive("--networks", networks);
        Checks.atLeast("--batches", batches, 2);
        Checks.atLeast("--networks", networks, 2 * batches);
        if (loaded.model().tied()) {
            return sampleTied(loaded);
        }
        NtkSample ntk = null;
        DntkSample dntk = null;
        MetricSample sample;
        Observable observable = loaded.model().observable();
        NetworkSampler.Method drawn = SamplingMethods.resolve(method, observable);
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
            sample = NetworkSampler.of(loaded.model(), width).method(drawn).networks(networks).batches(batches).seed(seed)
                    .progress(!quiet).sample();
        }
        MetricStatistics theory = noTheory ? null : Pipeline.evaluate(loaded, false, options.cache());
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(toJson(sample, ntk, dntk,
                    theory)));
            return 0;
        }
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
                    s.append(String.format(Locale.ROOT, "  [%d %d]  E[Ghat] = %.6f +- %.6f   n Var = %.5f +- %.5f", a + 1, b + 1,
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

    /**
     * A weight-tied network: per step t, E[R^(t)] and n Var(R^(t)) with standard errors, and the means of the two-step
     * kernels R^(t,s); no predictions (their recursions are not derived yet).
     */
    private int sampleTied(Subject.Network loaded) throws Exception {
        TiedSample sample = TiedSampler.of(loaded.model(), width).networks(networks).batches(batches).seed(seed)
                .progress(!quiet).sample();
        MetricSample steps = sample.steps();
        if (json) {
            Map<String, Object> out = toJson(steps, null, null, null);
            out.put("weights", "tied");
            out.put("two_step_mean", sample.twoStepMean());
            out.put("two_step_mean_error", sample.twoStepError());
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
        int p = loaded.model().inputs();
        int t = loaded.model().depth();
        StringBuilder s = new StringBuilder(Describe.model(loaded)).append('\n');
        s.append(String.format(Locale.ROOT, "weight-tied: one W and b shared by every step; %d networks of width %d,"
                + " seed %d, %.1f s; errors from %d batches%n", steps.networks(), steps.width(), steps.seed(),
                steps.elapsedSeconds(), steps.batches()));
        s.append("R^(t) = (1/n) sum_i z^(t)_i z^(t)_i per step (no predictions: the recursions of weight-tied"
                + " networks are not derived yet)\n");
        for (MetricSample.Layer l : steps.layers()) {
            s.append("step ").append(l.layer()).append('\n');
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format(Locale.ROOT, "  [%d %d]  E[R] = %.6f +- %.6f   n Var = %.5f +- %.5f%n", a + 1, b + 1,
                            l.mean()[a][b], l.meanError()[a][b], l.nCov()[a][b][a][b], l.nCovError()[a][b][a][b]));
                }
            }
        }
        double[][][][] k0 = noTheory ? null : org.feynet.numerics.TiedKernels.twoStep(
                Pipeline.gaussianMoments(loaded.model()), loaded.model().cb(), loaded.model().cw(),
                loaded.model().firstLayerMetric(), t);
        s.append("two-step kernel E[R^(t,s)_ab] = E[(1/n) sum_i z^(t)_{i;a} z^(s)_{i;b}], s > t")
                .append(k0 == null ? "" : " (in brackets: the infinite-width K0_two_step; no 1/n corrections yet)")
                .append('\n');
        for (int a = 0; a < t; a++) {
            for (int b = a + 1; b < t; b++) {
                s.append(String.format(Locale.ROOT, "  t=%d s=%d", a + 1, b + 1));
                for (int x = 0; x < p; x++) {
                    for (int y = 0; y < p; y++) {
                        s.append(String.format(Locale.ROOT, "  [%d %d] %.6f +- %.6f", x + 1, y + 1,
                                sample.twoStepMean()[a][b][x][y], sample.twoStepError()[a][b][x][y]));
                        if (k0 != null) {
                            s.append(String.format(Locale.ROOT, " (%.6f)", k0[a][b][x][y]));
                        }
                    }
                }
                s.append('\n');
            }
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
                            a + 1, b + 1, mean, se, l.ntkSame().value()[a][b][a][b], l.ntkSame().error()[a][b][a][b]));
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

    /**
     * The {@code sample --json} document (docs/OUTPUTS.md): the sampled estimates of every layer and, unless
     * --no-theory, the theory's statistics ("theory", as in {@code eval --json}) and its predictions at the sampled
     * width ("predicted").
     */
    private static Map<String, Object> toJson(MetricSample sample, NtkSample ntk, DntkSample dntk,
                                              MetricStatistics theory) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", sample.model());
        if (theory != null) {
            out.put("order", theory.order());
        }
        out.put("indices", "0-based");
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
            if (theory != null) {
                layer.put("theory", StatisticsJson.layer(theory, theory.layer(l.layer())));
                layer.put("predicted", predicted(theory, theory.layer(l.layer()), sample.width()));
            }
            layers.add(layer);
        }
        out.put("layers", layers);
        return out;
    }

    /**
     * The theory's predictions at width n of what is sampled: "mean" = K0 + K1/n (+ K2/n^2), "n_cov" = V4
     * (+ V4_1/n), and for an NTK model "ntk_mean" = H0 + H1/n, each summed over the orders derived.
     */
    static Map<String, Object> predicted(MetricStatistics theory, MetricStatistics.Layer t, int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mean", series(theory, t, n, Statistic.Kind.METRIC, 1));
        out.put("n_cov", series(theory, t, n, Statistic.Kind.METRIC, 2));
        if (theory.statistics().contains(Statistic.H0)) {
            out.put("ntk_mean", series(theory, t, n, Statistic.Kind.NTK_MEAN, 1));
        }
        return out;
    }

    /** sum over the statistics of a kind and size of statistic / n^(order - leading order), as a nested array. */
    private static Object series(MetricStatistics theory, MetricStatistics.Layer t, int n, Statistic.Kind kind,
                                 int size) {
        Tensor sum = Tensor.zeros(theory.inputs(), 2 * size);
        for (Statistic s : theory.statistics()) {
            if (s.kind() == kind && s.size() == size) {
                sum = sum.plus(Math.pow(n, -(s.order() - (size - 1))), t.tensor(s));
            }
        }
        return sum.nested();
    }
}
