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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * Writes a grid of XChart charts (row-major, every cell {@code width} x {@code height} pixels) as PNG, or as SVG
 * when the path ends in ".svg" (through VectorGraphics2D). The file is written to a temporary sibling and moved
 * into place, so a failure never leaves a partial plot behind; it gets the usual rw-r--r-- permissions.
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
        Path target = path.toAbsolutePath();
        Path temporary = null;
        try {
            if (!Files.isDirectory(target.getParent())) {
                throw new IOException("the folder " + target.getParent() + " does not exist");
            }
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (svg) {
                    writeSvg(charts, rows, columns, width, height, out);
                } else {
                    writePng(charts, rows, columns, width, height, out);
                }
            }
            readableByAll(temporary);
            move(temporary, target);
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

    /** Temporary files are created owner-only; a plot should get the usual rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their default permissions
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
