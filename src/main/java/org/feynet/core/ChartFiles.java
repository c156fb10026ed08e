package org.feynet.core;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Writes a grid of XChart charts (row-major, every cell {@code width} x {@code height} pixels) as PNG, or as SVG
 * when the path ends in ".svg" (through VectorGraphics2D). The file is written to a temporary sibling and moved
 * into place, so a failure never leaves a partial plot behind ({@link WholeFiles}); it gets the permissions the user's umask gives.
 */
public final class ChartFiles {

    private ChartFiles() {}

    /**
     * @param charts  the charts, row by row (cells past the last chart stay white)
     * @param columns charts per row
     * @param width   pixels per chart
     * @param height  pixels per chart
     * @param path    .png or .svg
     * @throws UncheckedIOException when the file cannot be written (also when its folder does not exist: this never
 *                              creates folders)
     */
    public static void write(List<XYChart> charts, int columns, int width, int height, Path path) {
        int rows = (charts.size() + columns - 1) / columns;
        boolean svg = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        try {
            WholeFiles.write(path, out -> {
                if (svg) {
                    writeSvg(charts, rows, columns, width, height, out);
                } else {
                    writePng(charts, rows, columns, width, height, out);
                }
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write plot " + path + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** The charts painted into one image, row by row, on white. */
    private static void writePng(List<XYChart> charts, int rows, int columns, int width, int height,
                                 OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int k = 0; k < charts.size(); k++) {
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((k % columns) * width, (k / columns) * height);
            charts.get(k).paint(cell, width, height);
            cell.dispose();
        }
        g.dispose();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void writeSvg(List<XYChart> charts, int rows, int columns, int width, int height,
                                 OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        for (int k = 0; k < charts.size(); k++) {
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate((k % columns) * width, (k / columns) * height);
            charts.get(k).paint(cell, width, height);
            cell.dispose();
        }
        PageSize page = new PageSize(0, 0, columns * width, rows * height);
        Processors.get("svg").getDocument(g.getCommands(), page).writeTo(out);
    }
}
