package org.feynet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            description = "widths (default: 32,48,64,96,128,192,256; residual networks 32,64,128,256; a train block"
                    + " 256,512,1024,2048; an ecrn train block 32,64,128)")
    List<Integer> widths;

    @Option(names = "--networks", paramLabel = "COUNT", description = "networks per width (default: 6000; residual"
            + " networks 4000; for a train block 4 trained seeds, for an ecrn train block 8)")
    Integer networks;

    @Option(names = "--step", paramLabel = "DT", description = "train block: largest RK4 step of training (default: 0.2; ecrn: 0.5)")
    double step = 0.2;

    @Option(names = "--steps", paramLabel = "N", description = "train block: DMFT time steps, a multiple of 40 (default: 40)")
    int steps = 40;

    @Option(names = "--population", paramLabel = "M", description = {"train block: DMFT sampling solver neurons per"
            + " layer per replica", "(default: 400, raised to 2 (steps + 1) P when that is larger)"})
    Integer population;

    @Option(names = "--replicas", paramLabel = "R", description = "train block: DMFT sampling replicas (default: 4)")
    int replicas = 4;

    @Option(names = "--layer", paramLabel = "L", description = "layer of the table and the plot (default: the last)")
    Integer layer;

    @Option(names = "--layers", paramLabel = "all|L,L,...",
            description = "layers of the table: 'all' (2..L) or a list (default: --layer)")
    String layers;

    @Option(names = "--seed", paramLabel = "SEED", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "plot file, .png or .svg (default: MODEL-compare.png; with --json, no plot unless given)")
    Path plot;

    @Option(names = "--no-plot", description = "write no plot")
    boolean noPlot;

    @Option(names = "--components", split = ",", paramLabel = "LABEL",
            description = "components to plot, labelled as in the table (G_12, (11)(12), ...), or 'all'"
                    + " (default: the first six of each observable)")
    List<String> components;

    @Option(names = "--method", paramLabel = "METHOD", description = SamplingMethods.DESCRIPTION)
    String method;

    @Option(names = "--json", description = "print the comparison as JSON on stdout (docs/OUTPUTS.md) and nothing else")
    boolean json;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    @Override
    public Integer call() {
        Path file = ModelOptions.resolve(options.file);
        org.feynet.model.ModelFile models = org.feynet.lang.ModelReader.read(file);
        java.util.Optional<org.feynet.model.FourierResidualTraining> ecrn = FourierResidualRuns.select(models,
                options.model);
        if (ecrn.isPresent()) {
            return compareEcrn(ecrn.get());
        }
        if (!models.trainings().isEmpty() && (options.model == null || models.trainings().stream()
                .anyMatch(t -> t.network().name().equals(options.model)))) {
            return compareTraining(TrainingOptions.select(models, options.model, file));
        }
        Subject subject = options.subject();
        if (subject instanceof Subject.Residual residual) {
            List<Integer> w = widths != null ? widths : List.of(32, 64, 128, 256);
            for (int x : w) {
                Checks.atLeast("--widths", x, 2);
            }
            Checks.atLeast("--widths (count)", w.size(), 3);
            Checks.atLeast("--networks", networks != null ? networks : 4000, 64);
            return ResidualCommands.compare(residual, spec.commandLine().getOut(), w, networks != null ? networks : 4000,
                    seed, SamplingMethods.residualWeights(method, false), plot, noPlot, !quiet);
        }
        Subject.Network loaded = options.network();
        if (widths == null) {
            widths = loaded.model().tied() ? List.of(32, 64, 128, 256) : List.of(32, 48, 64, 96, 128, 192, 256);
        }
        for (int w : widths) {
            Checks.atLeast("--widths", w, 2);
        }
        Checks.atLeast("--widths (count)", widths.size(), 3);
        if (networks == null) {
            networks = 6000;
        }
        Checks.atLeast("--networks", networks, 64);
        if (loaded.model().tied()) {
            org.feynet.cli.CollectiveFieldRoute.checkBudget(loaded, loaded.model().inputs(), true,
                    org.feynet.numerics.CollectiveFieldTheory.Quadrature.DEFAULT);
            Path tiedPlot = noPlot || (json && plot == null) ? null
                    : plot != null ? plot : Path.of(loaded.model().name() + "-compare.png");
            if (tiedPlot != null) {
                OutputFiles.plot("--plot", tiedPlot);
            }
            List<TiedComparison.Row> rows = TiedComparison.rows(loaded.model(), widths, networks, seed,
                    !quiet && !json);
            if (tiedPlot != null) {
                TiedComparison.plot(loaded.model().name(), rows, tiedPlot);
            }
            if (json) {
                spec.commandLine().getOut().println(TiedComparison.json(loaded.model().name(), widths, networks,
                        seed, rows));
                return 0;
            }
            spec.commandLine().getOut().print(Describe.model(loaded) + "\n\nweight-tied networks sampled against the"
                    + " collective-field theory (tied, and untied side by side); K1: fit of n (mean - K0) = K1 + c/n,"
                    + " V4: fit of n Cov = V4 + c/n\n" + TiedComparison.table(rows)
                    + (tiedPlot == null ? "" : "plot written to " + tiedPlot + "\n"));
            return 0;
        }
        int depth = loaded.model().depth();
        int target = layer == null ? depth : layer;
        if (target < 2 || target > depth) {
            throw new UserError("--layer must be between 2 and " + depth + " (got " + target + ")");
        }
        List<Integer> tableLayers = layers == null ? List.of(target) : tableLayers(layers, depth);
        Path plotFile = noPlot || (json && plot == null) ? null
                : plot != null ? plot : Path.of(loaded.model().name() + "-compare.png");
        if (plotFile != null) {
            OutputFiles.plot("--plot", plotFile);
        }
        org.feynet.sampling.NetworkSampler.Method drawn = SamplingMethods.resolve(method, loaded.model().observable());
        MetricStatistics theory = Pipeline.evaluate(loaded, !quiet && !json, options.cache());
        Comparison comparison;
        try {
            comparison = Comparison.of(loaded.model(), theory).widths(widths).networks(networks).seed(seed)
                    .method(drawn).layer(target).progress(!quiet && !json).plot(plotFile)
                    .plotComponents(components == null || components.equals(List.of("all")) ? null : components);
        } catch (IllegalArgumentException e) {
            throw new UserError("--components: " + e.getMessage());
        }
        List<String> all = comparison.labels();
        if (components != null && components.equals(List.of("all"))) {
            comparison = comparison.plotComponents(all);
        }
        ComparisonResult result = comparison.run();
        if (json) {
            spec.commandLine().getOut().println(ComparisonJson.of(result));
            return 0;
        }
        StringBuilder out = new StringBuilder(Describe.model(loaded)).append("\n\n");
        for (int l : tableLayers) {
            out.append(l == tableLayers.get(0) ? "" : "\n").append(result.table(l));
        }
        out.append(String.format(Locale.ROOT, "%nlargest |pull| = %.2f sigma (%s)", result.maxAbsPull(),
                result.largestPull().describe()));
        if (plotFile != null) {
            out.append("; plot of layer ").append(target).append(" written to ").append(plotFile);
            if (result.plotted().size() < all.size()) {
                out.append(String.format(Locale.ROOT, "%n(the plot shows %d of the %d components; --components"
                        + " chooses others, as labelled in the table, e.g. --components %s, or all)",
                        result.plotted().size(), all.size(), all.get(all.size() - 1)));
            }
        }
        spec.commandLine().getOut().println(out);
        return 0;
    }

    /** The layers of --layers: "all" for 2..L, else a comma-separated list of layers in 2..L. */
    static List<Integer> tableLayers(String spec, int depth) {
        List<Integer> out = new ArrayList<>();
        if (spec.strip().equalsIgnoreCase("all")) {
            for (int l = 2; l <= depth; l++) {
                out.add(l);
            }
            return out;
        }
        for (String part : spec.split(",", -1)) {
            int l;
            try {
                l = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new UserError("--layers: expected 'all' or layers separated by commas, like 2,5,10 (got '"
                        + spec + "')");
            }
            if (l < 2 || l > depth) {
                throw new UserError("--layers: layer " + l + " is not between 2 and " + depth
                        + " (layer 1 is deterministic)");
            }
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** compare of an ecrn train block: see {@link FourierResidualComparison}. */
    private int compareEcrn(org.feynet.model.FourierResidualTraining training) {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<Integer> w = widths != null ? widths : FourierResidualRuns.DEFAULT_WIDTHS;
        Checks.atLeast("--widths (count)", w.size(), 3);
        FourierResidualRuns runs = new FourierResidualRuns(w, networks != null ? networks
                : FourierResidualRuns.DEFAULT_SEEDS, FourierResidualRuns.DEFAULT_INTERVALS,
                parsed.hasMatchedOption("--step") ? step : FourierResidualRuns.DEFAULT_STEP, seed,
                org.feynet.training.FourierResidualTrainer.Prediction.TRUNCATED);
        Path plotFile = noPlot || (json && plot == null) ? null
                : plot != null ? plot : Path.of(training.network().name() + "-compare.png");
        if (plotFile != null) {
            OutputFiles.plot("--plot", plotFile);
        }
        List<org.feynet.training.FourierResidualEnsemble> ensembles = runs.train(training, !quiet && !json);
        FourierResidualComparison comparison = new FourierResidualComparison(training, ensembles);
        List<FourierResidualComparison.Row> rows = comparison.rows();
        List<FourierResidualComparison.DriftRow> drift = comparison.driftRows();
        if (plotFile != null) {
            comparison.plot(rows, drift, plotFile);
        }
        if (json) {
            spec.commandLine().getOut().println(comparison.json(rows, drift));
            return 0;
        }
        spec.commandLine().getOut().print(comparison.table(rows, drift));
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma%s%n", comparison.worstPull(rows, drift),
                plotFile == null ? "" : "; plot written to " + plotFile);
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
        int neurons = SolverPopulation.resolve(population, steps, problem, false, spec.commandLine().getErr());
        Checks.atLeast("--replicas", replicas, 2);
        Path plotFile = noPlot ? null : OutputFiles.plot("--plot", plot != null ? plot : Path.of(problem.network().name()
                + "-compare.png"));
        org.feynet.dmft.Dynamics.Options defaults = org.feynet.dmft.Dynamics.Options.defaults();
        org.feynet.dmft.DmftResult dmft = org.feynet.dmft.Dynamics.solve(problem, new org.feynet.dmft.Dynamics.Options(
                steps, false, neurons, replicas, seed, defaults.damping(), defaults.tolerance(),
                defaults.maxIterations(), false, false, false, false));
        List<org.feynet.training.Ensemble> ensembles = run.ensembles(problem, !quiet);
        List<TrainingComparison.Row> rows = TrainingComparison.rows(problem, dmft, ensembles);
        if (plotFile != null) {
            TrainingComparison.plot(problem, dmft, ensembles, rows, plotFile);
        }
        spec.commandLine().getOut().print(TrainingComparison.table(problem, dmft, ensembles, rows));
        double worst = rows.stream().mapToDouble(r -> Math.abs(r.pull())).max().orElse(0);
        spec.commandLine().getOut().printf("%nlargest |pull| = %.2f sigma%s%n", worst,
                plotFile == null ? "" : "; plot written to " + plotFile);
        return 0;
    }
}
