package org.feynet.sampling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.LayerState;
import org.feynet.numerics.MetricStatistics;
import org.feynet.numerics.NtkObservables;

/**
 * Theory against Monte Carlo across widths (docs/VALIDATION.md, "Statistical"): samples real networks at each width
 * with {@link NetworkSampler} (for the NTK {@link NtkSampler}, for its differentials also {@link DntkSampler}), then for every layer 2..L and every independent component fits
 * <ul>
 *   <li>E[Ghat_{ab}](n) = A + B/n + C/n^2, to compare A with K0 and B with K1 (and C with K2 when derived), and</li>
 *   <li>n Cov(Ghat_{a1a2}, Ghat_{a3a4})(n) = D + E/n, to compare D with V4 (and E with V4_1 when derived),</li>
 * </ul>
 * by weighted least squares on the per-width standard errors ({@link WidthSeriesFit}). The extra coefficient in
 * each fit absorbs the first order the theory omits, so a correct theory gives pulls (fit - theory)/error that are
 * standard normal. Width n samples with seed {@code Seeds.forWidth(seed, n)}, independent across widths.
 *
 * <p>A sampled error that is exactly zero (a metric entry that does not fluctuate, as for a constant activation)
 * is replaced by 1e-12 max(1, |value|) so that the fit stays defined.
 *
 * <p>Instances are immutable; the {@code with}-style methods return modified copies.
 */
public final class Comparison {

    /** The widths sampled by default. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(32, 64, 128, 256);

    private final MlpModel model;
    private final MetricStatistics theory;
    private final List<Integer> widths;
    private final int networks;
    private final long seed;
    private final int layer;
    private final int batches;
    private final int threads;
    private final boolean progress;
    private final Path plot;
    private final List<String> plotted;

    private Comparison(MlpModel model, MetricStatistics theory, List<Integer> widths, int networks, long seed,
                       int layer, int batches, int threads, boolean progress, Path plot, List<String> plotted) {
        this.model = model;
        this.theory = theory;
        this.widths = widths;
        this.networks = networks;
        this.seed = seed;
        this.layer = layer;
        this.batches = batches;
        this.threads = threads;
        this.progress = progress;
        this.plot = plot;
        this.plotted = plotted;
    }

    /**
     * A comparison of {@code model} with {@code theory} at {@link #DEFAULT_WIDTHS}, N = 1000 networks per width,
     * seed 0, the last layer shown, B = 32 batches, all processors, progress on stderr, no plot.
     *
     * @throws IllegalArgumentException if the theory does not describe the model's inputs and layers to order 1/n
     */
    public static Comparison of(MlpModel model, MetricStatistics theory) {
        checkTheory(model, theory);
        return new Comparison(model, theory, DEFAULT_WIDTHS, NetworkSampler.DEFAULT_NETWORKS, 0, model.depth(),
                NetworkSampler.DEFAULT_BATCHES, Runtime.getRuntime().availableProcessors(), true, null, null);
    }

    /**
     * Runs a comparison with the default layer (the last), batches and threads.
     *
     * @param plotPath where to write the plot (PNG, or SVG for ".svg"), or null for none
     */
    public static ComparisonResult run(MlpModel model, MetricStatistics theory, List<Integer> widths,
                                       int networksPerWidth, long seed, Path plotPath, boolean progress) {
        return of(model, theory).widths(widths).networks(networksPerWidth).seed(seed).plot(plotPath)
                .progress(progress).run();
    }

    /** The widths; at least 3 distinct, each at least 1. */
    public Comparison widths(List<Integer> widths) {
        TreeSet<Integer> sorted = new TreeSet<>(widths);
        if (sorted.size() < 3) {
            throw new IllegalArgumentException("fitting A + B/n + C/n^2 needs at least 3 distinct widths, got "
                    + widths);
        }
        if (sorted.first() < 1) {
            throw new IllegalArgumentException("widths must be positive, got " + widths);
        }
        return new Comparison(model, theory, List.copyOf(sorted), networks, seed, layer, batches, threads,
                progress, plot, plotted);
    }

    /** N, the networks per width; at least 4. */
    public Comparison networks(int networks) {
        if (networks < 4) {
            throw new IllegalArgumentException("need at least 4 networks per width, got " + networks);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    public Comparison seed(long seed) {
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    /** The layer shown in the table and the plot, 2..L. */
    public Comparison layer(int layer) {
        if (layer < 2 || layer > model.depth()) {
            throw new IllegalArgumentException("layer must be in 2.." + model.depth()
                    + " (layer 1 is deterministic), got " + layer);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    /** B, the batches per width for the standard errors; at least 2. */
    public Comparison batches(int batches) {
        if (batches < 2) {
            throw new IllegalArgumentException("need at least 2 batches, got " + batches);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    public Comparison threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + threads);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    public Comparison progress(boolean progress) {
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    /**
     * Where to write the plot of the chosen layer: PNG for ".png", SVG for ".svg" (either case); null for none.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public Comparison plot(Path plot) {
        if (plot != null && !isPlotFile(plot)) {
            throw new IllegalArgumentException("the plot must be a .png or .svg file, got " + plot.getFileName());
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot, plotted);
    }

    /** Whether a path names a plot file this class can write: its extension is .png or .svg, in either case. */
    public static boolean isPlotFile(Path path) {
        return ComparisonPlot.format(path) != null;
    }

    /**
     * The components the plot shows, by their labels in the table ({@link ComponentComparison#label()}); null for
     * the default selection ({@link ComparisonPlot#MAX_PER_KIND} per observable).
     *
     * @throws IllegalArgumentException if a label names no component of the chosen layer, or none is given
     */
    public Comparison plotComponents(List<String> labels) {
        if (labels != null) {
            List<String> known = labels();
            for (String label : labels) {
                if (!known.contains(label)) {
                    throw new IllegalArgumentException("no component '" + label + "' (the components are "
                            + String.join(", ", known) + ")");
                }
            }
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("no components to plot");
            }
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot,
                labels == null ? null : List.copyOf(labels));
    }

    /** The labels of every component compared at a layer, in table order (known before sampling). */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (ComponentComparison.Kind kind : kinds()) {
            for (int[] indices : LayerState.canonicalTuples(model.inputs(), symmetry(kind))) {
                labels.add(ComponentComparison.label(kind, Arrays.stream(indices).boxed().toList()));
            }
        }
        return labels;
    }

    /**
     * The observables compared: the metric's mean and n Cov, for an NTK model the NTK's too, and the dNTK's and
     * ddNTK's statistics when derived.
     */
    private List<ComponentComparison.Kind> kinds() {
        boolean ntk = theory.statistics().contains(Statistic.A);
        List<ComponentComparison.Kind> kinds = new ArrayList<>();
        for (ComponentComparison.Kind kind : ComponentComparison.Kind.values()) {
            Statistic differential = kind.differential();
            boolean wanted = differential != null ? theory.statistics().contains(differential)
                    : ntk || kind == ComponentComparison.Kind.MEAN || kind == ComponentComparison.Kind.COVARIANCE;
            if (wanted) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /**
     * Samples every width, fits, compares, and writes the plot if one was asked for.
     *
     * @throws org.feynet.numerics.NumericalTrouble if sampling meets non-finite metrics
     * @throws java.io.UncheckedIOException          if the plot cannot be written
     */
    public ComparisonResult run() {
        boolean ntk = theory.statistics().contains(Statistic.A);
        boolean dntk = theory.statistics().contains(Statistic.P);
        boolean ddntk = theory.statistics().contains(Statistic.R);
        List<MetricSample> samples = new ArrayList<>();
        List<Sampled> sampled = new ArrayList<>();
        for (int n : widths) {
            if (ntk) {
                NtkSample sample = NtkSampler.of(model, n).networks(networks).seed(Seeds.forWidth(seed, n))
                        .batches(batches).threads(threads).progress(progress)
                        .learningRates(model.rates().lambdaB(), model.rates().lambdaW()).sample();
                DntkSample differentials = !dntk ? null : DntkSampler.of(model, n).networks(networks)
                        .seed(Seeds.forWidth(seed, n)).batches(batches).threads(threads).progress(progress)
                        .learningRates(model.rates().lambdaB(), model.rates().lambdaW()).ddntk(ddntk).sample();
                samples.add(sample.metric());
                sampled.add(l -> new NtkLayer(sample.layer(l), differentials == null ? null
                        : differentials.layer(l)));
            } else {
                MetricSample sample = NetworkSampler.of(model, n).networks(networks).seed(Seeds.forWidth(seed, n))
                        .batches(batches).threads(threads).progress(progress).sample();
                samples.add(sample);
                sampled.add(l -> new MetricLayer(sample.layer(l)));
            }
        }
        List<ComponentComparison> components = new ArrayList<>();
        for (int l = 2; l <= model.depth(); l++) {
            for (ComponentComparison.Kind kind : kinds()) {
                components.addAll(compare(kind, l, sampled));
            }
        }
        List<ComponentComparison> atLayer = components.stream().filter(c -> c.layer() == layer).toList();
        List<ComponentComparison> shown = plot == null ? List.of() : plotted == null ? ComparisonPlot.shown(atLayer)
                : atLayer.stream().filter(c -> plotted.contains(c.label())).toList();
        if (plot != null) {
            ComparisonPlot.write(model.name(), layer, shown, plot);
        }
        return new ComparisonResult(model.name(), theory.order(), layer, widths, networks, seed, samples, components,
                plot, shown.stream().map(ComponentComparison::label).toList());
    }

    /** The sampled layers of one width, by layer number. */
    private interface Sampled {
        SampledLayer layer(int l);
    }

    /** One observable's sampled value and error at sample indices. */
    private interface SampledLayer {
        double value(ComponentComparison.Kind kind, int[] indices);

        double error(ComponentComparison.Kind kind, int[] indices);
    }

    private record MetricLayer(MetricSample.Layer layer) implements SampledLayer {
        @Override
        public double value(ComponentComparison.Kind kind, int[] i) {
            return kind == ComponentComparison.Kind.MEAN ? layer.mean()[i[0]][i[1]]
                    : layer.nCov()[i[0]][i[1]][i[2]][i[3]];
        }

        @Override
        public double error(ComponentComparison.Kind kind, int[] i) {
            return kind == ComponentComparison.Kind.MEAN ? layer.meanError()[i[0]][i[1]]
                    : layer.nCovError()[i[0]][i[1]][i[2]][i[3]];
        }
    }

    /** The NTK sampler's layer, and the dNTK sampler's when the differentials are compared (else null). */
    private record NtkLayer(NtkSample.Layer layer, DntkSample.Layer differentials) implements SampledLayer {
        @Override
        public double value(ComponentComparison.Kind kind, int[] i) {
            return switch (kind) {
                case MEAN, COVARIANCE -> new MetricLayer(layer.metric()).value(kind, i);
                case NTK_MEAN -> layer.ntkMean().value()[i[0]][i[1]];
                default -> estimate(kind).value()[i[0]][i[1]][i[2]][i[3]];
            };
        }

        @Override
        public double error(ComponentComparison.Kind kind, int[] i) {
            return switch (kind) {
                case MEAN, COVARIANCE -> new MetricLayer(layer.metric()).error(kind, i);
                case NTK_MEAN -> layer.ntkMean().error()[i[0]][i[1]];
                default -> estimate(kind).error()[i[0]][i[1]][i[2]][i[3]];
            };
        }

        private NtkSample.TensorEstimate estimate(ComponentComparison.Kind kind) {
            return kind.differential() != null ? differentials.estimate(kind.differential())
                    : layer.fourPoint().get(kind.title());
        }
    }

    /** Every independent component of one observable at layer l. */
    private List<ComponentComparison> compare(ComponentComparison.Kind kind, int l, List<Sampled> sampled) {
        MetricStatistics.Layer predicted = theory.layers().get(l - 1);
        int m = widths.size();
        List<ComponentComparison> out = new ArrayList<>();
        for (int[] indices : LayerState.canonicalTuples(model.inputs(), symmetry(kind))) {
            double[] values = new double[m];
            double[] errors = new double[m];
            for (int w = 0; w < m; w++) {
                SampledLayer s = sampled.get(w).layer(l);
                values[w] = s.value(kind, indices);
                errors[w] = s.error(kind, indices);
            }
            List<Integer> index = Arrays.stream(indices).boxed().toList();
            out.add(component(kind, l, index, series(kind, predicted, indices), values, errors));
        }
        return out;
    }

    /** The statistic whose symmetries the observable's components share. */
    private static Statistic symmetry(ComponentComparison.Kind kind) {
        return switch (kind) {
            case MEAN, NTK_MEAN -> Statistic.K0;
            case COVARIANCE -> Statistic.V4;
            case NTK_SAME, NTK_OTHER -> Statistic.A;
            case NTK_OFF -> Statistic.B;
            case NTK_METRIC -> Statistic.D;
            case NTK_PREACTIVATION_OFF -> Statistic.F;
            case DNTK_P, DNTK_Q, DDNTK_R, DDNTK_S, DDNTK_T, DDNTK_U -> kind.differential();
        };
    }

    /**
     * The predicted series of one component: for the metric's mean and covariance the statistics of orders
     * size-1, size, ... (K0, K1, K2; V4, V4_1), for the NTK's mean H0, H1, and for its fluctuations the leading value;
     * NaN for the coefficients not derived.
     */
    private static double[] series(ComponentComparison.Kind kind, MetricStatistics.Layer predicted, int[] indices) {
        double[] series = new double[kind.coefficients()];
        Arrays.fill(series, Double.NaN);
        switch (kind) {
            case MEAN, COVARIANCE -> {
                int size = kind == ComponentComparison.Kind.MEAN ? 1 : 2;
                for (int k = 0; k < series.length; k++) {
                    Statistic s = Statistic.metric(size, size - 1 + k);
                    series[k] = predicted.has(s) ? predicted.get(s, indices) : Double.NaN;
                }
            }
            case NTK_MEAN -> {
                series[0] = predicted.get(Statistic.H0, indices);
                series[1] = predicted.get(Statistic.H1, indices);
            }
            default -> series[0] = kind.differential() != null ? predicted.get(kind.differential(), indices)
                    : NtkObservables.of(predicted).get(kind.title()).get(indices);
        }
        return series;
    }

    private ComponentComparison component(ComponentComparison.Kind kind, int l, List<Integer> indices,
                                          double[] series, double[] values, double[] errors) {
        for (int w = 0; w < errors.length; w++) {
            if (!(errors[w] > 0)) {
                errors[w] = 1e-12 * Math.max(1, Math.abs(values[w]));
            }
        }
        WidthSeriesFit fit = WidthSeriesFit.of(widths, values, errors, series.length);
        double[] pulls = new double[series.length];
        for (int k = 0; k < series.length; k++) {
            pulls[k] = (fit.coefficients()[k] - series[k]) / fit.errors()[k];
        }
        double[] scaled = new double[values.length];
        double[] scaledErrors = new double[values.length];
        for (int w = 0; w < values.length; w++) {
            scaled[w] = widths.get(w) * (values[w] - series[0]);
            scaledErrors[w] = widths.get(w) * errors[w];
        }
        WidthSeriesFit correction = WidthSeriesFit.of(widths, scaled, scaledErrors, 2);
        double correctionPull = (correction.coefficients()[0] - series[1]) / correction.errors()[0];
        return new ComponentComparison(kind, l, indices, series, fit, pulls, correction, correctionPull, widths,
                values, errors);
    }

    private static void checkTheory(MlpModel model, MetricStatistics theory) {
        if (model == null || theory == null) {
            throw new IllegalArgumentException("need a model and its theory statistics");
        }
        if (model.depth() < 2) {
            throw new IllegalArgumentException("depth " + model.depth() + ": only layer 1, whose metric is"
                    + " deterministic; nothing to compare");
        }
        if (theory.inputs() != model.inputs()) {
            throw new IllegalArgumentException("theory has " + theory.inputs() + " inputs but " + model.name()
                    + " has " + model.inputs());
        }
        if (theory.layers().size() < model.depth()) {
            throw new IllegalArgumentException("theory describes " + theory.layers().size() + " layers but "
                    + model.name() + " has depth " + model.depth());
        }
        for (int l = 2; l <= model.depth(); l++) {
            MetricStatistics.Layer s = theory.layers().get(l - 1);
            if (s.layer() != l) {
                throw new IllegalArgumentException("theory entry " + l + " describes layer " + s.layer());
            }
            if (!s.has(Statistic.K0) || !s.has(Statistic.K1) || !s.has(Statistic.V4)) {
                throw new IllegalArgumentException("comparison needs K0, K1 and V4 at every layer (derive to"
                        + " order 1/n); layer " + l + " lacks them");
            }
        }
    }
}
