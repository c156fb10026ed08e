package org.feynet.sampling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.numerics.ResidualStatistics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Residual-network predictions (the exact route and every kernel closure) against sampled networks across widths.
 * Per layer, kernel (R or the metric) and entry: K0 from the fit mean(n) = K0 + K1/n + c/n^2; K1 from the fit of
 * n (mean(n) - K0) = K1 + c/n with the exact infinite-width K0 (every closure shares it); V4 from n Cov(n) = V4 +
 * d/n. Each fit is weighted by the sampled standard errors (WidthSeriesFit); a pull is (fit - prediction) / fit error.
 */
public final class ResidualComparison {

    /** One compared number. */
    public record Row(int layer, String kernel, String statistic, String entry, double fit, double error,
                      Map<Closure, Double> predictions) {

        /** (fit - prediction) / error. */
        public double pull(Closure closure) {
            return (fit - predictions.get(closure)) / error;
        }
    }

    /** The rows, the samples they came from. */
    public record Result(List<Row> rows, List<ResidualSample> samples) {

        /** The largest |pull| of a closure over the rows of one statistic (K0, K1 or V4). */
        public double maxAbsPull(Closure closure, String statistic) {
            double max = 0;
            for (Row r : rows) {
                if (r.statistic().equals(statistic)) {
                    max = Math.max(max, Math.abs(r.pull(closure)));
                }
            }
            return max;
        }
    }

    private ResidualComparison() {}

    /**
     * Samples every width and fits.
     *
     * @param theories the statistics under each closure (at least {@link Closure#EXACT})
     */
    public static Result run(ResidualModel model, Map<Closure, ResidualStatistics> theories, List<Integer> widths,
                             int networks, long seed, ResidualSampler.Mode mode, IntConsumer progress) {
        List<ResidualSample> samples = new ArrayList<>();
        ResidualSampler sampler = new ResidualSampler(model, mode);
        int done = 0;
        for (int w : widths) {
            int base = done;
            samples.add(sampler.sample(w, networks, seed + 7919L * w, k -> {
                if (progress != null) {
                    progress.accept(base + k);
                }
            }));
            done += networks;
        }
        return new Result(rows(model, theories, widths, samples), samples);
    }

    static List<Row> rows(ResidualModel model, Map<Closure, ResidualStatistics> theories, List<Integer> widths,
                          List<ResidualSample> samples) {
        int p = model.inputs();
        List<Row> rows = new ArrayList<>();
        ResidualStatistics exact = theories.get(Closure.EXACT);
        for (int l = 0; l <= model.depth(); l++) {
            for (int kernel = 0; kernel < 2; kernel++) {
                String name = kernel == 0 ? "R" : "metric";
                for (int a = 0; a < p; a++) {
                    for (int b = a; b < p; b++) {
                        double k0 = kernelOf(exact, l, kernel).k0()[a][b];
                        double[] y = new double[widths.size()];
                        double[] e = new double[widths.size()];
                        double[] yk1 = new double[widths.size()];
                        double[] ek1 = new double[widths.size()];
                        for (int i = 0; i < widths.size(); i++) {
                            ResidualSample s = samples.get(i);
                            y[i] = s.mean()[l][kernel][a][b];
                            e[i] = s.meanError()[l][kernel][a][b];
                            yk1[i] = widths.get(i) * (y[i] - k0);
                            ek1[i] = widths.get(i) * e[i];
                        }
                        String entry = "[" + (a + 1) + (b + 1) + "]"; // 1-based, as every label a person reads
                        if (l > 0) {
                            WidthSeriesFit fit0 = WidthSeriesFit.of(widths, y, e, 3);
                            rows.add(row(l, name, "K0", entry, fit0, theories, kernel, null, a, b));
                        }
                        WidthSeriesFit fit1 = WidthSeriesFit.of(widths, yk1, ek1, 2);
                        if (l > 0) {
                            rows.add(row(l, name, "K1", entry, fit1, theories, kernel, null, a, b));
                        }
                        for (int c = a; c < p; c++) {
                            for (int d = c == a ? b : c; d < p; d++) {
                                double[] v = new double[widths.size()];
                                double[] ev = new double[widths.size()];
                                for (int i = 0; i < widths.size(); i++) {
                                    v[i] = samples.get(i).v4()[l][kernel][a][b][c][d];
                                    ev[i] = samples.get(i).v4Error()[l][kernel][a][b][c][d];
                                }
                                WidthSeriesFit fitV = WidthSeriesFit.of(widths, v, ev, 2);
                                Map<Closure, Double> predictions = new EnumMap<>(Closure.class);
                                for (Map.Entry<Closure, ResidualStatistics> t : theories.entrySet()) {
                                    predictions.put(t.getKey(), kernelOf(t.getValue(), l, kernel).v4()[a][b][c][d]);
                                }
                                rows.add(new Row(l, name, "V4", "[" + (a + 1) + (b + 1) + "][" + (c + 1) + (d + 1) + "]", fitV.coefficients()[0],
                                        fitV.errors()[0], predictions));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static Row row(int l, String name, String statistic, String entry, WidthSeriesFit fit,
                           Map<Closure, ResidualStatistics> theories, int kernel, Object unused, int a, int b) {
        Map<Closure, Double> predictions = new EnumMap<>(Closure.class);
        for (Map.Entry<Closure, ResidualStatistics> t : theories.entrySet()) {
            ResidualStatistics.Kernel k = kernelOf(t.getValue(), l, kernel);
            predictions.put(t.getKey(), statistic.equals("K0") ? k.k0()[a][b] : k.k1()[a][b]);
        }
        return new Row(l, name, statistic, entry, fit.coefficients()[0], fit.errors()[0], predictions);
    }

    static ResidualStatistics.Kernel kernelOf(ResidualStatistics s, int l, int kernel) {
        ResidualStatistics.Layer layer = s.layers().get(l);
        return kernel == 0 ? layer.stream() : layer.metric();
    }

    /** The table: one line per row, every closure's prediction with its pull. */
    public static String table(Result result, List<Closure> closures) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-5s %-7s %-4s %-10s %22s", "layer", "kernel",
                "stat", "entry", "sampled fit"));
        for (Closure c : closures) {
            s.append(String.format(Locale.ROOT, " %21s", c.keyword() + " (pull)"));
        }
        s.append('\n');
        for (Row r : result.rows()) {
            s.append(String.format(Locale.ROOT, "%-5d %-7s %-4s %-10s %12.5g +- %-7.2g", r.layer(), r.kernel(),
                    r.statistic(), r.entry(), r.fit(), r.error()));
            for (Closure c : closures) {
                s.append(String.format(Locale.ROOT, " %12.5g (%+6.1f)", r.predictions().get(c), r.pull(c)));
            }
            s.append('\n');
        }
        s.append("\nlargest |pull| over all layers and entries:\n");
        for (Closure c : closures) {
            s.append(String.format(Locale.ROOT, "  %-6s K0 %6.2f   K1 %6.2f   V4 %6.2f%n", c.keyword(),
                    result.maxAbsPull(c, "K0"), result.maxAbsPull(c, "K1"), result.maxAbsPull(c, "V4")));
        }
        return s.toString();
    }

    /**
     * The published G-only theory against the exact route as depth grows: per layer the metric's K1[11] and
     * V4[11][11] and R's V4[11][11] under both, with the G-only relative error.
     */
    public static String publishedErrors(Map<Closure, ResidualStatistics> theories) {
        ResidualStatistics exact = theories.get(Closure.EXACT);
        ResidualStatistics g = theories.get(Closure.G);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-5s %12s %12s %8s   %12s %12s %8s   %12s %12s %8s%n",
                "layer", "metric K1", "G-only", "error", "metric V4", "G-only", "error", "R V4", "G-only", "error"));
        for (int l = 0; l < exact.layers().size(); l++) {
            ResidualStatistics.Layer e = exact.layers().get(l);
            ResidualStatistics.Layer p = g.layers().get(l);
            s.append(String.format(Locale.ROOT, "%-5d %12.5g %12.5g %8s   %12.5g %12.5g %8s   %12.5g %12.5g %8s%n", l,
                    e.metric().k1()[0][0], p.metric().k1()[0][0], relative(p.metric().k1()[0][0], e.metric().k1()[0][0]),
                    e.metric().v4()[0][0][0][0], p.metric().v4()[0][0][0][0],
                    relative(p.metric().v4()[0][0][0][0], e.metric().v4()[0][0][0][0]),
                    e.stream().v4()[0][0][0][0], p.stream().v4()[0][0][0][0],
                    relative(p.stream().v4()[0][0][0][0], e.stream().v4()[0][0][0][0])));
        }
        return s.toString();
    }

    private static String relative(double value, double reference) {
        return reference == 0 ? (value == 0 ? "0" : "-") : String.format(Locale.ROOT, "%+.1f%%", 100 * (value / reference - 1));
    }

    /**
     * A PNG plot against the layer: for R and for the metric, K1[11], K1[12] and V4[11][11] (1-based) sampled (fits with error
     * bars) and each closure's prediction.
     */
    public static void plot(String model, Result result, List<Closure> closures, Path path) {
        List<XYChart> charts = new ArrayList<>();
        for (String kernel : List.of("R", "metric")) {
            for (String[] what : new String[][] {{"K1", "[11]"}, {"K1", "[12]"}, {"V4", "[11][11]"}}) {
                charts.add(chart(model, result, closures, kernel, what[0], what[1]));
            }
        }
        org.feynet.core.ChartFiles.write(charts, 3, 420, 320, path);
    }

    private static XYChart chart(String model, Result result, List<Closure> closures, String kernel, String statistic,
                                 String entry) {
        List<Row> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            if (r.kernel().equals(kernel) && r.statistic().equals(statistic) && r.entry().equals(entry)) {
                rows.add(r);
            }
        }
        XYChart chart = new XYChartBuilder().width(420).height(320).title(model + ": " + statistic + " " + kernel + entry)
                .xAxisTitle("layer l").yAxisTitle(statistic).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        double[] e = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i).layer();
            y[i] = rows.get(i).fit();
            e[i] = rows.get(i).error();
        }
        XYSeries sampled = chart.addSeries("sampled", x, y, e);
        sampled.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sampled.setMarker(SeriesMarkers.CIRCLE);
        for (Closure c : closures) {
            double[] t = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                t[i] = rows.get(i).predictions().get(c);
            }
            chart.addSeries(c.keyword(), x, t).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
