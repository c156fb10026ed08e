package org.feynet.sampling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricStatistics;

/**
 * Theory against Monte Carlo across widths (docs/VALIDATION.md, "Statistical"): samples real networks at each width
 * with {@link NetworkSampler}, then for every layer 2..L and every independent component fits
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

    /** Coefficients fitted to the mean, A + B/n + C/n^2: one beyond K0, K1 absorbs the omitted order. */
    static final int MEAN_COEFFICIENTS = 3;
    /** Coefficients fitted to n Cov, D + E/n: one beyond V4 absorbs the omitted order. */
    static final int COVARIANCE_COEFFICIENTS = 2;

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

    private Comparison(MlpModel model, MetricStatistics theory, List<Integer> widths, int networks, long seed,
                       int layer, int batches, int threads, boolean progress, Path plot) {
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
                NetworkSampler.DEFAULT_BATCHES, Runtime.getRuntime().availableProcessors(), true, null);
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
                progress, plot);
    }

    /** N, the networks per width; at least 4. */
    public Comparison networks(int networks) {
        if (networks < 4) {
            throw new IllegalArgumentException("need at least 4 networks per width, got " + networks);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    public Comparison seed(long seed) {
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    /** The layer shown in the table and the plot, 2..L. */
    public Comparison layer(int layer) {
        if (layer < 2 || layer > model.depth()) {
            throw new IllegalArgumentException("layer must be in 2.." + model.depth()
                    + " (layer 1 is deterministic), got " + layer);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    /** B, the batches per width for the standard errors; at least 2. */
    public Comparison batches(int batches) {
        if (batches < 2) {
            throw new IllegalArgumentException("need at least 2 batches, got " + batches);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    public Comparison threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + threads);
        }
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    public Comparison progress(boolean progress) {
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    /** Where to write the plot of the chosen layer (PNG, or SVG for ".svg"); null for none. */
    public Comparison plot(Path plot) {
        return new Comparison(model, theory, widths, networks, seed, layer, batches, threads, progress, plot);
    }

    /**
     * Samples every width, fits, compares, and writes the plot if one was asked for.
     *
     * @throws org.feynet.numerics.NumericalTrouble if sampling meets non-finite metrics
     * @throws java.io.UncheckedIOException          if the plot cannot be written
     */
    public ComparisonResult run() {
        List<MetricSample> samples = new ArrayList<>();
        for (int n : widths) {
            samples.add(NetworkSampler.of(model, n).networks(networks).seed(Seeds.forWidth(seed, n))
                    .batches(batches).threads(threads).progress(progress).sample());
        }
        List<ComponentComparison> components = new ArrayList<>();
        for (int l = 2; l <= model.depth(); l++) {
            components.addAll(compareLayer(l, samples));
        }
        ComparisonResult result = new ComparisonResult(model.name(), layer, widths, networks, seed, samples,
                components, plot);
        if (plot != null) {
            ComparisonPlot.write(model.name(), layer, result.components(layer), plot);
        }
        return result;
    }

    private List<ComponentComparison> compareLayer(int l, List<MetricSample> samples) {
        MetricStatistics.Layer predicted = theory.layers().get(l - 1);
        int p = model.inputs();
        int m = widths.size();
        List<ComponentComparison> out = new ArrayList<>();
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double[] values = new double[m];
                double[] errors = new double[m];
                for (int w = 0; w < m; w++) {
                    MetricSample.Layer s = samples.get(w).layer(l);
                    values[w] = s.mean()[a][b];
                    errors[w] = s.meanError()[a][b];
                }
                double[] series = series(predicted, 1, MEAN_COEFFICIENTS, a, b);
                out.add(component(ComponentComparison.Kind.MEAN, l, List.of(a, b), series, values, errors));
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        for (int u = 0; u < pairs.size(); u++) {
            for (int v = u; v < pairs.size(); v++) {
                int a1 = pairs.get(u)[0];
                int a2 = pairs.get(u)[1];
                int a3 = pairs.get(v)[0];
                int a4 = pairs.get(v)[1];
                double[] values = new double[m];
                double[] errors = new double[m];
                for (int w = 0; w < m; w++) {
                    MetricSample.Layer s = samples.get(w).layer(l);
                    values[w] = s.nCov()[a1][a2][a3][a4];
                    errors[w] = s.nCovError()[a1][a2][a3][a4];
                }
                double[] series = series(predicted, 2, COVARIANCE_COEFFICIENTS, a1, a2, a3, a4);
                out.add(component(ComponentComparison.Kind.COVARIANCE, l, List.of(a1, a2, a3, a4), series,
                        values, errors));
            }
        }
        return out;
    }

    /**
     * The predicted series of a cumulant of {@code size} metric entries at the given sample indices: its statistics
     * of orders size-1, size, ..., {@code count} of them, NaN for those not derived.
     */
    private static double[] series(MetricStatistics.Layer predicted, int size, int count, int... indices) {
        double[] series = new double[count];
        for (int k = 0; k < count; k++) {
            Statistic s = Statistic.metric(size, size - 1 + k);
            series[k] = predicted.has(s) ? predicted.get(s, indices) : Double.NaN;
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
