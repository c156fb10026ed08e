package org.feynet.dmft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plot of {@code feynet dmft --plot}: loss, two NTK entries (K_11 and K_12) and the kernel-target alignment
 * over time, the full DMFT solution solid and each approximation dashed.
 */
public final class DynamicsPlot {

    private DynamicsPlot() {}

    public static void write(String model, DmftResult result, Path path) {
        List<XYChart> charts = new ArrayList<>();
        charts.add(chart(model + ": loss", "loss", result, c -> c.loss()));
        charts.add(chart(model + ": NTK K_11", "K_11", result, c -> column(c, 0, 0)));
        int p = result.full().f()[0].length;
        charts.add(chart(model + ": NTK K_12", "K_12", result, c -> column(c, 0, Math.min(1, p - 1))));
        charts.add(chart(model + ": alignment y'Ky/(|K|_F |y|^2)", "alignment", result, c -> c.alignment()));
        Charts.write(charts, 2, path);
    }

    private static double[] column(Curves c, int mu, int nu) {
        double[] out = new double[c.ntk().length];
        for (int t = 0; t < out.length; t++) {
            out[t] = c.ntk()[t][mu][nu];
        }
        return out;
    }

    private static XYChart chart(String title, String y, DmftResult result,
            java.util.function.Function<Curves, double[]> quantity) {
        XYChart chart = Charts.chart(title, "t", y);
        XYSeries full = chart.addSeries("DMFT (" + result.solver() + ")", result.times(), quantity.apply(result.full()));
        full.setMarker(SeriesMarkers.NONE);
        for (Map.Entry<String, Curves> e : result.approximations().entrySet()) {
            XYSeries s = chart.addSeries(label(e.getKey()), result.times(), quantity.apply(e.getValue()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }

    static String label(String approximation) {
        return switch (approximation) {
            case "static_ntk" -> "static NTK";
            case "gia" -> "gradient independence";
            case "perturbative" -> "perturbative O(gamma0^2)";
            default -> approximation;
        };
    }

}
