package org.feynet.sampling;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A grid of charts, one per component of a layer, against x = 1/n: the sampled E[Ghat] (or n Cov) with error bars,
 * the theory line K0 + K1 x (or V4, plus the higher coefficients when derived), the fitted series, dashed, with its
 * band of one standard error (shaded, {@link WidthSeriesFit#standardErrorAt}), and the fitted intercept at x = 0 (the
 * infinite-width limit the fit extrapolates to) with its error bar. PNG, or SVG when the path ends in ".svg". The file is written to a temporary sibling and moved into place, so a
 * failure never leaves a partial plot behind.
 */
final class ComparisonPlot {

    private static final int CHART_WIDTH = 420;
    private static final int CHART_HEIGHT = 320;
    private static final int LINE_POINTS = 41;
    /** The fit's band: a translucent grey. */
    private static final Color BAND = new Color(128, 128, 128, 70);

    private ComparisonPlot() {}

    /** At most this many mean and this many covariance components are drawn; the table lists them all. */
    static final int MAX_PER_KIND = 6;

    /** The format of a plot file by its extension, "png" or "svg" in either case; null for any other. */
    static String format(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") ? "png" : name.endsWith(".svg") ? "svg" : null;
    }

    static void write(String model, int layer, List<ComponentComparison> components, Path path) {
        List<XYChart> charts = new ArrayList<>();
        for (ComponentComparison c : components) {
            charts.add(chart(model, layer, c));
        }
        int columns = Math.min(3, charts.size());
        org.feynet.core.ChartFiles.write(charts, columns, CHART_WIDTH, CHART_HEIGHT, path);
    }

    /**
     * The default selection: the first {@value #MAX_PER_KIND} components of each kind (half as many when more than
     * two kinds are compared, as for the NTK).
     */
    static List<ComponentComparison> shown(List<ComponentComparison> components) {
        java.util.Map<ComponentComparison.Kind, List<ComponentComparison>> byKind =
                new java.util.EnumMap<>(ComponentComparison.Kind.class);
        for (ComponentComparison c : components) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        }
        int perKind = byKind.size() > 2 ? MAX_PER_KIND / 2 : MAX_PER_KIND;
        List<ComponentComparison> shown = new ArrayList<>();
        for (List<ComponentComparison> ofKind : byKind.values()) {
            shown.addAll(ofKind.subList(0, Math.min(perKind, ofKind.size())));
        }
        return shown;
    }

    static XYChart chart(String model, int layer, ComponentComparison c) {
        String what = c.kind().isMean() ? "E[" + c.label() + "]"
                : c.kind() == ComponentComparison.Kind.COVARIANCE ? "n Cov" + c.label() : c.label();
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
                .title(String.format(Locale.ROOT, "%s l=%d: %s, %s = %.4g +- %.2g", model, layer, what, c.fitName(0),
                        c.fit().coefficients()[0], c.fit().errors()[0]))
                .xAxisTitle("1/n").yAxisTitle(c.kind().title()).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendFont(styler.getLegendFont().deriveFont(10f));
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(12f));
        int m = c.widths().size();
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = 1.0 / c.widths().get(i);
        }
        XYSeries sampled = chart.addSeries("sampled", x, c.sampled(), c.errors());
        sampled.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sampled.setMarker(SeriesMarkers.CIRCLE);
        double[] grid = new double[LINE_POINTS];
        double[] theory = new double[LINE_POINTS];
        double[] fitted = new double[LINE_POINTS];
        double[] band = new double[2 * LINE_POINTS];
        double[] bandX = new double[2 * LINE_POINTS];
        double xMax = 1.1 * x[0];
        for (int i = 0; i < LINE_POINTS; i++) {
            grid[i] = xMax * i / (LINE_POINTS - 1);
            theory[i] = evaluate(c.theory(), grid[i]);
            fitted[i] = evaluate(c.fit().coefficients(), grid[i]);
            double se = c.fit().standardErrorAt(grid[i]);
            bandX[i] = grid[i];
            band[i] = fitted[i] + se;
            bandX[2 * LINE_POINTS - 1 - i] = grid[i];
            band[2 * LINE_POINTS - 1 - i] = fitted[i] - se;
        }
        XYSeries area = chart.addSeries("fit +- se", bandX, band);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setMarker(SeriesMarkers.NONE);
        area.setFillColor(BAND);
        area.setLineColor(BAND);
        XYSeries line = chart.addSeries("theory", grid, theory);
        line.setMarker(SeriesMarkers.NONE);
        XYSeries fit = chart.addSeries("fit", grid, fitted);
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineStyle(SeriesLines.DASH_DASH);
        XYSeries intercept = chart.addSeries(c.fitName(0), new double[] {0},
                new double[] {c.fit().coefficients()[0]}, new double[] {c.fit().errors()[0]});
        intercept.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        intercept.setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }

    /** sum_k c_k x^k over the coefficients that are not NaN. */
    private static double evaluate(double[] c, double x) {
        double sum = 0;
        double power = 1;
        for (double ck : c) {
            if (!Double.isNaN(ck)) {
                sum += ck * power;
            }
            power *= x;
        }
        return sum;
    }
}
