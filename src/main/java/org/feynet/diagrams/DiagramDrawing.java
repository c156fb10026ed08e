package org.feynet.diagrams;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.feynet.core.Canvas;
import org.feynet.core.Canvas.Dash;
import org.feynet.core.Canvas.Place;
import org.feynet.core.Canvas.Size;
import org.feynet.core.Canvas.Text;

/**
 * Drawings of a {@link MetricDiagram} as SVG and as a TikZ picture (plain {@code tikz}, no
 * {@code tikz-feynman}), both from one {@link Canvas}.
 *
 * <p><b>Layout.</b> Vertices are small filled dots on a horizontal line, {@value #VERTEX_SPACING}
 * units apart plus the width of their leg fans, in the diagram's vertex order. Each external leg is a short line fanning upwards
 * and ending in its label {@code (a_i b_i)}. Blobs are larger shaded circles on a lower line,
 * labelled with their tensor ({@code K_t}, {@code V_4}, {@code V_4^(1)}, {@code T_6},
 * {@code C_{r,t}}), placed at the multiplicity-weighted mean abscissa of their vertices and
 * pushed apart to at least {@value #BLOB_SPACING} units. Every derivative leg is one curve from
 * its vertex to its blob: an attachment of multiplicity {@code mu} gives {@code mu} quadratic
 * arcs with symmetric, distinct bends (a single leg is straight).
 *
 * <p>The output is a function of the diagram only (fixed-point formatting with
 * {@link Locale#ROOT}), so equal diagrams give byte-identical text. SVG elements carry the classes
 * {@code vertex}, {@code blob}, {@code edge}, {@code leg}, {@code leg-label}, {@code blob-label}.
 *
 * <p><b>Complexity.</b> {@code O(k + b log b + R + m)}.
 */
public final class DiagramDrawing {

    static final double VERTEX_SPACING = 1.6;
    static final double BLOB_SPACING = 1.1;
    private static final double LEG_SPREAD = 1.0;
    private static final double LEG_HEIGHT = 0.9;
    private static final double BLOB_Y = -1.5;
    private static final double BLOB_RADIUS = 0.36;
    private static final double ARC_BEND = 1.0;
    private static final double PIXELS_PER_UNIT = 60;
    private static final double MARGIN = 0.75;

    private final MetricDiagram diagram;
    private final double[] vertexX;
    private final double[] blobX;
    private final Canvas canvas;

    /** Lays out {@code diagram}. */
    public DiagramDrawing(MetricDiagram diagram) {
        this.diagram = diagram;
        this.vertexX = placeVertices();
        this.blobX = placeBlobs();
        this.canvas = new Canvas(frame(), PIXELS_PER_UNIT).title(diagram.toString());
        drawDerivativeLegs();
        drawExternalLegs();
        drawBlobs();
        drawVertices();
    }

    private double[] placeVertices() {
        int k = diagram.vertices().size();
        double[] x = new double[k];
        for (int v = 1; v < k; v++) {
            // room for the leg labels of both neighbours: half of each vertex's fan plus the base spacing
            double fans = LEG_SPREAD * (diagram.vertices().get(v - 1).cumulantOrder()
                    + diagram.vertices().get(v).cumulantOrder() - 2) / 2.0;
            x[v] = x[v - 1] + VERTEX_SPACING + fans;
        }
        return x;
    }

    private double[] placeBlobs() {
        int b = diagram.blobs().size();
        double[] desired = new double[b];
        int[] weight = new int[b];
        for (Attachment a : diagram.attachments()) {
            desired[a.blob()] += a.multiplicity() * vertexX[a.vertex()];
            weight[a.blob()] += a.multiplicity();
        }
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            desired[i] /= weight[i];
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> desired[i]).thenComparing(i -> i));
        double[] x = new double[b];
        double shift = 0;
        for (int j = 0; j < b; j++) {
            int i = order[j];
            x[i] = j == 0 ? desired[i] : Math.max(desired[i], x[order[j - 1]] + BLOB_SPACING);
            shift += desired[i] - x[i];
        }
        for (int i = 0; i < b; i++) {
            x[i] += b == 0 ? 0 : shift / b;
        }
        return x;
    }

    /** The leg fans, the blobs and a margin for the labels. */
    private Canvas.Box frame() {
        double lo = 0;
        double hi = vertexX[vertexX.length - 1];
        for (Vertex v : diagram.vertices()) {
            lo = Math.min(lo, legEndX(v, 0));
            hi = Math.max(hi, legEndX(v, v.cumulantOrder() - 1));
        }
        for (double x : blobX) {
            lo = Math.min(lo, x - BLOB_RADIUS);
            hi = Math.max(hi, x + BLOB_RADIUS);
        }
        double bottom = diagram.blobs().isEmpty() ? -0.3 : BLOB_Y - BLOB_RADIUS - 0.3;
        return new Canvas.Box(lo - MARGIN, bottom - 0.2, hi + MARGIN, LEG_HEIGHT + 0.7);
    }

    private double legEndX(Vertex v, int j) {
        return vertexX[v.id()] + LEG_SPREAD * (j - (v.cumulantOrder() - 1) / 2.0);
    }

    /** Every derivative leg: {@code mu} arcs per attachment, bent symmetrically about the straight line. */
    private void drawDerivativeLegs() {
        for (Attachment a : diagram.attachments()) {
            double x0 = vertexX[a.vertex()];
            double x1 = blobX[a.blob()];
            double len = Math.hypot(x1 - x0, BLOB_Y);
            double nx = -BLOB_Y / len;
            double ny = (x1 - x0) / len;
            for (int j = 0; j < a.multiplicity(); j++) {
                double o = ARC_BEND * (j - (a.multiplicity() - 1) / 2.0);
                canvas.curve(x0, 0, (x0 + x1) / 2 + o * nx, BLOB_Y / 2 + o * ny, x1, BLOB_Y, Dash.SOLID, "edge");
            }
        }
    }

    private void drawExternalLegs() {
        for (Vertex v : diagram.vertices()) {
            for (int j = 0; j < v.cumulantOrder(); j++) {
                int leg = v.externalLegs().get(j);
                canvas.line(vertexX[v.id()], 0, legEndX(v, j), LEG_HEIGHT, Dash.SOLID, "leg");
                canvas.text(legEndX(v, j), LEG_HEIGHT, Text.of("(a").sub(leg).then(" b").sub(leg).then(")"),
                        Place.ABOVE, Size.NORMAL, "leg-label");
            }
        }
    }

    private void drawBlobs() {
        for (Blob b : diagram.blobs()) {
            canvas.circle(blobX[b.id()], BLOB_Y, BLOB_RADIUS, Canvas.Fill.SHADED, Dash.SOLID, "blob");
            canvas.text(blobX[b.id()], BLOB_Y, tensorLabel(b), Place.CENTRE, Size.NORMAL, "blob-label");
        }
    }

    private void drawVertices() {
        for (Vertex v : diagram.vertices()) {
            canvas.mark(vertexX[v.id()], 0, Canvas.Mark.DOT, "vertex");
        }
    }

    /** A standalone SVG document (UTF-8, one {@code <svg>} root). */
    public String svg() {
        return canvas.svg();
    }

    /** A {@code tikzpicture} environment that needs only the {@code tikz} package. */
    public String tikz() {
        return canvas.tikz();
    }

    /** The blob's tensor: {@code K_t}, {@code V_4}, {@code V_4^(1)}, {@code T_6}, {@code C_8}, ... */
    private static Text tensorLabel(Blob b) {
        String[] parts = b.statistic().symbolParts();
        Text label = Text.of(parts[0]).sub(parts[1]);
        return parts[2].isEmpty() ? label : label.sup(parts[2]);
    }
}
