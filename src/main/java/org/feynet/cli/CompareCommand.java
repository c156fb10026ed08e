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
            description = "widths (default: 32,48,64,96,128,192,256; for a train block 256,512,1024,2048)")
    List<Integer> widths;

    @Option(names = "--networks", paramLabel = "COUNT",
            description = "networks per width (default: 6000; for a train block 4 trained seeds)")
    Integer networks;

    @Option(names = "--step", paramLabel = "DT", description = "train block: largest RK4 step of training (default: 0.2)")
    double step = 0.2;

    @Option(names = "--steps", paramLabel = "N", description = "train block: DMFT time steps, a multiple of 40 (default: 200)")
    int steps = 200;

    @Option(names = "--population", paramLabel = "M",
            description = "train block: DMFT sampling solver neurons per layer per replica (default: 2000)")
    int population = 2000;

    @Option(names = "--replicas", paramLabel = "R", description = "train block: DMFT sampling replicas (default: 4)")
    int replicas = 4;

    @Option(names = "--layer", paramLabel = "L", description = "layer to compare (default: the last)")
    Integer layer;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--plot", paramLabel = "FILE", description = "plot file, .png or .svg (default: MODEL-compare.png)")
    Path plot;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        Path file = ModelOptions.resolve(options.file);
        org.feynet.model.ModelFile models = org.feynet.lang.ModelReader.read(file);
        if (!models.trainings().isEmpty() && (options.model == null || models.trainings().stream()
                .anyMatch(t -> t.network().name().equals(options.model)))) {
            return compareTraining(TrainingOptions.select(models, options.model, file));
        }
        List<Integer> widths = this.widths != null ? this.widths : List.of(32, 48, 64, 96, 128, 192, 256);
        int networks = this.networks != null ? this.networks : 6000;
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
        Path plotFile = plot != null ? plot : Path.of(loaded.model().name() + "-compare.png");
        MetricStatistics theory = Pipeline.evaluate(loaded, !quiet);
        ComparisonResult result = Comparison.of(loaded.model(), theory).widths(widths).networks(networks).seed(seed)
                .layer(target).progress(!quiet).plot(plotFile).run();
        spec.commandLine().getOut().print(Describe.model(loaded) + "\n\n" + result.table());
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma; plot written to %s%n", result.maxAbsPull(), plotFile);
        return 0;
    }

    private int compareTraining(org.feynet.model.TrainingProblem problem) {
        TrainingRunOptions run = new TrainingRunOptions();
        run.widths = widths != null ? widths : List.of(256, 512, 1024, 2048);
        run.seeds = networks != null ? networks : 4;
        run.step = step;
        run.trainSeed = seed;
        Checks.atLeast("--widths (count)", run.widths.size(), 3);
        if (steps < 40 || steps % 40 != 0) {
            throw new UserError("--steps must be a positive multiple of 40 (got " + steps + ")");
        }
        Checks.atLeast("--population", population, 16);
        Checks.atLeast("--replicas", replicas, 2);
        Path plotFile = plot != null ? plot : Path.of(problem.network().name() + "-compare.png");
        org.feynet.dmft.Dynamics.Options defaults = org.feynet.dmft.Dynamics.Options.defaults();
        org.feynet.dmft.DmftResult dmft = org.feynet.dmft.Dynamics.solve(problem, new org.feynet.dmft.Dynamics.Options(
                steps, false, population, replicas, seed, defaults.damping(), defaults.tolerance(),
                defaults.maxIterations(), false, false, false, false));
        List<org.feynet.training.Ensemble> ensembles = run.ensembles(problem, !quiet);
        List<TrainingComparison.Row> rows = TrainingComparison.rows(problem, dmft, ensembles);
        TrainingComparison.plot(problem, dmft, ensembles, rows, plotFile);
        spec.commandLine().getOut().print(TrainingComparison.table(problem, dmft, ensembles, rows));
        double worst = rows.stream().mapToDouble(r -> Math.abs(r.pull())).max().orElse(0);
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma; plot written to %s%n", worst, plotFile);
        return 0;
    }
}
