package org.feynet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feynet.model.MlpModel;
import org.feynet.numerics.CollectiveFieldTheory;
import org.feynet.sampling.MetricSample;
import org.feynet.sampling.TiedSampler;
import org.feynet.sampling.WidthSeriesFit;

/**
 * {@code compare} for a weight-tied network: sampled weight-tied networks at several widths against the
 * collective-field prediction with tied weights and, side by side, with untied weights.
 *
 * <p>Per step t &gt;= 2 and entry: K1 from the fit of n (mean R^(t)_ab - K0_ab) = K1 + c/n over the widths, V4 from the
 * fit of n Cov(R_ab, R_cd) = V4 + c/n (the entries (ab)(ab) and (aa)(bb)), both weighted by the sampling standard
 * errors ({@link WidthSeriesFit}). The pull is (fit - theory) / sqrt(fit error^2 + quadrature error^2).
 */
final class TiedComparison {

    /** One compared number. */
    record Row(int step, String statistic, double fit, double fitError, double tied, double tiedError, double untied,
               double untiedError) {

        double tiedPull() {
            return (fit - tied) / Math.hypot(fitError, tiedError);
        }

        double untiedPull() {
            return (fit - untied) / Math.hypot(fitError, untiedError);
        }
    }

    private TiedComparison() {}

    static List<Row> rows(MlpModel model, List<Integer> widths, int networks, long seed, boolean progress) {
        CollectiveFieldTheory.Result tied = CollectiveFieldRoute.evaluate(model, true,
                CollectiveFieldTheory.Quadrature.DEFAULT);
        CollectiveFieldTheory.Result untied = CollectiveFieldRoute.evaluate(model, false,
                CollectiveFieldTheory.Quadrature.DEFAULT);
        List<MetricSample> samples = new ArrayList<>();
        for (int w : widths) {
            samples.add(TiedSampler.of(model, w).networks(networks).seed(seed).progress(progress).sample().steps());
        }
        int p = model.inputs();
        List<Row> rows = new ArrayList<>();
        for (int t = 2; t <= model.depth(); t++) {
            CollectiveFieldTheory.Step a = tied.step(t);
            CollectiveFieldTheory.Step b = untied.step(t);
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    double[] values = new double[widths.size()];
                    double[] errors = new double[widths.size()];
                    for (int k = 0; k < widths.size(); k++) {
                        MetricSample.Layer layer = samples.get(k).layer(t);
                        int n = widths.get(k);
                        values[k] = n * (layer.mean()[i][j] - a.k0()[i][j]);
                        errors[k] = n * layer.meanError()[i][j];
                    }
                    WidthSeriesFit fit = WidthSeriesFit.of(widths, values, errors, 2);
                    rows.add(new Row(t, "K1[" + (i + 1) + (j + 1) + "]", fit.coefficients()[0], fit.errors()[0], a.k1()[i][j],
                            a.k1Error()[i][j], b.k1()[i][j], b.k1Error()[i][j]));
                    addV4(rows, samples, widths, t, a, b, i, j, i, j);
                    if (i != j) {
                        addV4(rows, samples, widths, t, a, b, i, i, j, j);
                    }
                }
            }
        }
        return rows;
    }

    private static void addV4(List<Row> rows, List<MetricSample> samples, List<Integer> widths, int t,
                              CollectiveFieldTheory.Step a, CollectiveFieldTheory.Step b, int i, int j, int c, int d) {
        double[] values = new double[widths.size()];
        double[] errors = new double[widths.size()];
        for (int k = 0; k < widths.size(); k++) {
            MetricSample.Layer layer = samples.get(k).layer(t);
            values[k] = layer.nCov()[i][j][c][d];
            errors[k] = layer.nCovError()[i][j][c][d];
        }
        WidthSeriesFit fit = WidthSeriesFit.of(widths, values, errors, 2);
        rows.add(new Row(t, "V4[" + (i + 1) + (j + 1) + (c + 1) + (d + 1) + "]", fit.coefficients()[0], fit.errors()[0], a.v4()[i][j][c][d],
                a.v4Error()[i][j][c][d], b.v4()[i][j][c][d], b.v4Error()[i][j][c][d]));
    }

    /**
     * The plot: one chart per statistic (K1[ab], V4[abcd]) against the step t, the sampled fit with its error bars
     * beside the tied and the untied predictions (PNG or SVG by the file's extension).
     */
    static void plot(String model, List<Row> rows, java.nio.file.Path path) {
        java.util.Map<String, List<Row>> byStatistic = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            byStatistic.computeIfAbsent(r.statistic(), k -> new ArrayList<>()).add(r);
        }
        List<org.knowm.xchart.XYChart> charts = new ArrayList<>();
        for (var entry : byStatistic.entrySet()) {
            List<Row> of = entry.getValue();
            int m = of.size();
            double[] steps = new double[m];
            double[] fit = new double[m];
            double[] fitError = new double[m];
            double[] tied = new double[m];
            double[] untied = new double[m];
            for (int i = 0; i < m; i++) {
                steps[i] = of.get(i).step();
                fit[i] = of.get(i).fit();
                fitError[i] = of.get(i).fitError();
                tied[i] = of.get(i).tied();
                untied[i] = of.get(i).untied();
            }
            org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(420).height(320)
                    .title(model + ": " + entry.getKey()).xAxisTitle("step t").yAxisTitle(entry.getKey()).build();
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
            var sampled = chart.addSeries("sampled (fit)", steps, fit, fitError);
            sampled.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            sampled.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            chart.addSeries("tied theory", steps, tied).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            var line = chart.addSeries("untied theory", steps, untied);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            charts.add(chart);
        }
        org.feynet.core.ChartFiles.write(charts, 4, 420, 320, path);
    }

    /** The JSON of docs/OUTPUTS.md ("compare --json" of a weight-tied network). */
    static String json(String model, List<Integer> widths, int networks, long seed, List<Row> rows) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("model", model);
        out.put("weights", "tied");
        out.put("widths", widths);
        out.put("networks", networks);
        out.put("seed", seed);
        List<java.util.Map<String, Object>> list = new ArrayList<>();
        double largest = 0;
        for (Row r : rows) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("step", r.step());
            row.put("statistic", r.statistic());
            row.put("fit", r.fit());
            row.put("fit_error", r.fitError());
            row.put("tied", r.tied());
            row.put("tied_error", r.tiedError());
            row.put("tied_pull", r.tiedPull());
            row.put("untied", r.untied());
            row.put("untied_error", r.untiedError());
            row.put("untied_pull", r.untiedPull());
            list.add(row);
            largest = Math.max(largest, Math.abs(r.tiedPull()));
        }
        out.put("rows", list);
        out.put("largest_pull", largest);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table: per step and statistic the sampled fit, the tied and untied predictions, and both pulls. */
    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-4s %-9s %22s %22s %8s %22s %8s%n", "step",
                "statistic", "sampled fit", "tied theory", "pull", "untied theory", "pull"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-4d %-9s %11.5f +- %7.5f %11.5f +- %7.5f %8.2f %11.5f +- %7.5f %8.2f%n",
                    r.step(), r.statistic(), r.fit(), r.fitError(), r.tied(), r.tiedError(), r.tiedPull(), r.untied(),
                    r.untiedError(), r.untiedPull()));
        }
        Row worst = rows.stream().max((x, y) -> Double.compare(Math.abs(x.tiedPull()), Math.abs(y.tiedPull())))
                .orElseThrow();
        s.append(String.format(Locale.ROOT, "largest |pull| against the tied theory = %.2f sigma (step %d %s)%n",
                Math.abs(worst.tiedPull()), worst.step(), worst.statistic()));
        return s.toString();
    }
}
