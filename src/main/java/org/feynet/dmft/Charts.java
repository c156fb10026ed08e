package org.feynet.dmft;

import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Grids of XChart charts written whole as PNG, or SVG when the path ends in ".svg" (temporary file, then moved). */
public final class Charts {

    static final int WIDTH = 460;
    static final int HEIGHT = 400;

    private Charts() {}

    /** An empty chart with a title and axis labels, legend inside. */
    public static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(10f));
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        return chart;
    }

    /** Writes {@code charts} (a full grid of {@code columns}) to {@code path}. */
    public static void write(List<XYChart> charts, int columns, Path path) {
        org.feynet.core.ChartFiles.write(charts, columns, WIDTH, HEIGHT, path);
    }
}
