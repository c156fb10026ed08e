package org.feynet.cli;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.feynet.core.ChartFiles;
import org.feynet.numerics.Criticality;
import org.feynet.numerics.PhaseDiagram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The phase diagram as a chart: Cw across, Cb up; the grid points coloured by phase (ordered blue, chaotic red,
 * critical within the tolerance black), the critical line chi_perp = 1 and the network's own (Cw, Cb) as a diamond.
 */
final class PhaseDiagramPlot {

    static final int WIDTH = 640;
    static final int HEIGHT = 560;

    private PhaseDiagramPlot() {}

    static void write(String title, PhaseDiagram diagram, double cb, double cw, Path path) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Cw").yAxisTitle("Cb").build();
        org.knowm.xchart.style.XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(5);
        styler.setXAxisDecimalPattern("0.##");
        styler.setYAxisDecimalPattern("0.##");
        styler.setXAxisTickMarkSpacingHint(80);
        styler.setYAxisTickMarkSpacingHint(60);
        for (Criticality.Phase phase : Criticality.Phase.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < diagram.cbs().length; i++) {
                for (int j = 0; j < diagram.cws().length; j++) {
                    if (diagram.phases()[i][j] == phase) {
                        x.add(diagram.cws()[j]);
                        y.add(diagram.cbs()[i]);
                    }
                }
            }
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(phase.key(), x, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(switch (phase) {
                    case ORDERED -> new Color(70, 110, 200);
                    case CHAOTIC -> new Color(210, 70, 60);
                    case CRITICAL -> Color.BLACK;
                });
            }
        }
        List<Double> lineX = new ArrayList<>();
        List<Double> lineY = new ArrayList<>();
        for (int i = 0; i < diagram.cbs().length; i++) {
            if (!Double.isNaN(diagram.criticalCws()[i])) {
                lineX.add(diagram.criticalCws()[i]);
                lineY.add(diagram.cbs()[i]);
            }
        }
        if (!lineX.isEmpty()) {
            XYSeries line = chart.addSeries("critical line (chi_perp = 1)", lineX, lineY);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.BLACK);
        }
        XYSeries here = chart.addSeries("this network", new double[] {cw}, new double[] {cb});
        here.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        here.setMarker(SeriesMarkers.DIAMOND);
        here.setMarkerColor(new Color(20, 150, 60));
        ChartFiles.write(List.of(chart), 1, WIDTH, HEIGHT, path);
    }
}
