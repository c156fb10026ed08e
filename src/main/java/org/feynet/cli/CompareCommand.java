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
            description = "widths (default: 32,48,64,96,128,192,256; residual networks 32,64,128,256)")
    List<Integer> widths;

    @Option(names = "--networks", paramLabel = "COUNT", description = "networks per width (default: 6000; residual"
            + " networks 4000)")
    Integer networks;

    @Option(names = "--layer", paramLabel = "L", description = "layer to compare (default: the last)")
    Integer layer;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--plot", paramLabel = "FILE", description = "plot file, .png or .svg (default: MODEL-compare.png)")
    Path plot;

    @Option(names = "--weights", description = "residual networks: draw explicit weights (default: each layer's"
            + " increment from its exact conditional law, the same law at a fraction of the cost)")
    boolean weights;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        Subject subject = options.subject();
        if (subject instanceof Subject.Residual residual) {
            List<Integer> w = widths != null ? widths : List.of(32, 64, 128, 256);
            for (int x : w) {
                Checks.atLeast("--widths", x, 2);
            }
            Checks.atLeast("--widths (count)", w.size(), 3);
            Checks.atLeast("--networks", networks != null ? networks : 4000, 64);
            return ResidualCommands.compare(residual, spec.commandLine().getOut(), w, networks != null ? networks : 4000,
                    seed, weights, plot, !quiet);
        }
        Subject.Network loaded = options.network();
        if (widths == null) {
            widths = List.of(32, 48, 64, 96, 128, 192, 256);
        }
        for (int w : widths) {
            Checks.atLeast("--widths", w, 2);
        }
        Checks.atLeast("--widths (count)", widths.size(), 3);
        if (networks == null) {
            networks = 6000;
        }
        Checks.atLeast("--networks", networks, 64);
        int target = layer == null ? loaded.model().depth() : layer;
        if (target < 2 || target > loaded.model().depth()) {
            throw new UserError("--layer must be between 2 and " + loaded.model().depth() + " (got " + target + ")");
        }
        Path plotFile = plot != null ? plot : Path.of(loaded.model().name() + "-compare.png");
        MetricStatistics theory = Pipeline.evaluate(loaded, !quiet);
        ComparisonResult result = Comparison.of(loaded.model(), theory).widths(widths).networks(networks).seed(seed)
                .layer(target).progress(!quiet).plot(plotFile).run();
        spec.commandLine().getOut().print(Describe.model(loaded) + "\n\n" + result.table());
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma; plot written to %s%n", result.maxAbsPull(), plotFile);
        return 0;
    }
}
