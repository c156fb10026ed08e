package org.feynet.dmft;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
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
        int rows = (charts.size() + columns - 1) / columns;
        boolean svg = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        Path target = path.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (svg) {
                    VectorGraphics2D g = new VectorGraphics2D();
                    for (int k = 0; k < charts.size(); k++) {
                        Graphics2D cell = (Graphics2D) g.create();
                        cell.translate((k % columns) * WIDTH, (k / columns) * HEIGHT);
                        charts.get(k).paint(cell, WIDTH, HEIGHT);
                        cell.dispose();
                    }
                    Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, columns * WIDTH, rows * HEIGHT))
                            .writeTo(out);
                } else {
                    BitmapEncoder.saveBitmap(charts, rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + path + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the original failure is what the user needs to see
                }
            }
        }
    }
}
