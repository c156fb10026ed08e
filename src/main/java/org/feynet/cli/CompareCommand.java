package org.feynet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.feynet.numerics.MetricStatistics;
import org.feynet.sampling.Comparison;
import org.feynet.sampling.ComparisonResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feynet compare}: theory against sampled networks across widths, a table with pulls and a plot. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the predictions with sampled networks across widths: fit mean(n) = K0 + K1/n + c/n^2",
                "and n Cov(n) = V4 + d/n, print theory vs fit with pulls, and plot against 1/n."})
final class CompareCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--widths", split = ",", paramLabel = "N,N,...",
            description = "widths (default: 32,48,64,96,128,192,256)")
    List<Integer> widths = List.of(32, 48, 64, 96, 128, 192, 256);

    @Option(names = "--networks", paramLabel = "COUNT", description = "networks per width (default: ${DEFAULT-VALUE})")
    int networks = 6000;

    @Option(names = "--layer", paramLabel = "L", description = "layer to compare (default: the last)")
    Integer layer;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--plot", paramLabel = "FILE", description = "plot file, .png or .svg (default: MODEL-compare.png)")
    Path plot;

    @Option(names = "--method", paramLabel = "METHOD", description = SamplingMethods.DESCRIPTION)
    String method;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        Subject.Network loaded = options.network();
        for (int w : widths) {
            Checks.atLeast("--widths", w, 2);
        }
        Checks.atLeast("--widths (count)", widths.size(), 3);
        Checks.atLeast("--networks", networks, 64);
        int target = layer == null ? loaded.model().depth() : layer;
        if (target < 2 || target > loaded.model().depth()) {
            throw new UserError("--layer must be between 2 and " + loaded.model().depth() + " (got " + target + ")");
        }
        org.feynet.sampling.NetworkSampler.Method drawn = SamplingMethods.resolve(method, loaded.model().observable());
        Path plotFile = plot != null ? plot : Path.of(loaded.model().name() + "-compare.png");
        MetricStatistics theory = Pipeline.evaluate(loaded, !quiet, options.cache());
        ComparisonResult result = Comparison.of(loaded.model(), theory).widths(widths).networks(networks).seed(seed)
                .method(drawn)
                .layer(target).progress(!quiet).plot(plotFile).run();
        spec.commandLine().getOut().print(Describe.model(loaded) + "\n\n" + result.table());
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma; plot written to %s%n", result.maxAbsPull(), plotFile);
        return 0;
    }
}
