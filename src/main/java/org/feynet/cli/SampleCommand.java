package org.feynet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.feynet.sampling.MetricSample;
import org.feynet.sampling.NetworkSampler;
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

    @Override
    public Integer call() throws Exception {
        Pipeline.Loaded loaded = options.load();
        Checks.positive("--width", width);
        Checks.positive("--networks", networks);
        Checks.atLeast("--batches", batches, 2);
        Checks.atLeast("--networks", networks, 2 * batches);
        MetricSample sample = NetworkSampler.of(loaded.model(), width).networks(networks).batches(batches).seed(seed)
                .progress(!quiet).sample();
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(toJson(sample)));
            return 0;
        }
        StringBuilder s = new StringBuilder(Describe.model(loaded)).append('\n');
        s.append(String.format("%d networks of width %d, seed %d, %.1f s (%.1f networks/s); errors from %d batches%n",
                sample.networks(), sample.width(), sample.seed(), sample.elapsedSeconds(), sample.networksPerSecond(),
                sample.batches()));
        int p = loaded.model().inputs();
        for (MetricSample.Layer l : sample.layers()) {
            s.append("layer ").append(l.layer()).append('\n');
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    s.append(String.format("  [%d %d]  E[Ghat] = %.6f +- %.6f   n Var = %.5f +- %.5f%n", a, b,
                            l.mean()[a][b], l.meanError()[a][b], l.nCov()[a][b][a][b], l.nCovError()[a][b][a][b]));
                }
            }
        }
        spec.commandLine().getOut().print(s);
        return 0;
    }

    private static Map<String, Object> toJson(MetricSample sample) {
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
            layers.add(layer);
        }
        out.put("layers", layers);
        return out;
    }
}
