package org.feynet.diagrams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Drawings of a {@link MetricDiagram} as SVG and as a TikZ picture (plain {@code tikz}, no
 * {@code tikz-feynman}).
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
    private static final double VERTEX_RADIUS = 0.07;
    private static final double ARC_BEND = 1.0;
    private static final double SVG_SCALE = 60;
    private static final double SVG_MARGIN = 10;

    private final MetricDiagram diagram;
    private final double[] vertexX;
    private final double[] blobX;
    private final double minX;
    private final double maxX;
    private final double minY;
    private final double maxY;

    /** Lays out {@code diagram}. */
    public DiagramDrawing(MetricDiagram diagram) {
        this.diagram = diagram;
        int k = diagram.vertices().size();
        vertexX = new double[k];
        for (int v = 1; v < k; v++) {
            // room for the leg labels of both neighbours: half of each vertex's fan plus the base spacing
            double fans = LEG_SPREAD * (diagram.vertices().get(v - 1).cumulantOrder()
                    + diagram.vertices().get(v).cumulantOrder() - 2) / 2.0;
            vertexX[v] = vertexX[v - 1] + VERTEX_SPACING + fans;
        }
        blobX = placeBlobs();
        double lo = 0;
        double hi = vertexX[k - 1];
        for (Vertex v : diagram.vertices()) {
            lo = Math.min(lo, legEndX(v, 0));
            hi = Math.max(hi, legEndX(v, v.cumulantOrder() - 1));
        }
        for (double x : blobX) {
            lo = Math.min(lo, x - BLOB_RADIUS);
            hi = Math.max(hi, x + BLOB_RADIUS);
        }
        minX = lo - 0.6;
        maxX = hi + 0.6;
        maxY = LEG_HEIGHT + 0.5;
        minY = diagram.blobs().isEmpty() ? -0.3 : BLOB_Y - BLOB_RADIUS - 0.3;
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

    private double legEndX(Vertex v, int j) {
        return vertexX[v.id()] + LEG_SPREAD * (j - (v.cumulantOrder() - 1) / 2.0);
    }

    /** One arc: start, control point and end, in layout units (y up). */
    private record Arc(double x0, double y0, double cx, double cy, double x1, double y1) {
    }

    private List<Arc> arcs() {
        List<Arc> out = new ArrayList<>();
        for (Attachment a : diagram.attachments()) {
            double x0 = vertexX[a.vertex()];
            double x1 = blobX[a.blob()];
            double y1 = BLOB_Y;
            double len = Math.hypot(x1 - x0, y1);
            double nx = -y1 / len;
            double ny = (x1 - x0) / len;
            for (int j = 0; j < a.multiplicity(); j++) {
                double o = ARC_BEND * (j - (a.multiplicity() - 1) / 2.0);
                out.add(new Arc(x0, 0, (x0 + x1) / 2 + o * nx, y1 / 2 + o * ny, x1, y1));
            }
        }
        return out;
    }

    /** A standalone SVG document (UTF-8, one {@code <svg>} root). */
    public String svg() {
        double w = (maxX - minX) * SVG_SCALE + 2 * SVG_MARGIN;
        double h = (maxY - minY) * SVG_SCALE + 2 * SVG_MARGIN;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(f(w)).append("\" height=\"")
                .append(f(h)).append("\" viewBox=\"0 0 ").append(f(w)).append(' ').append(f(h))
                .append("\" font-family=\"serif\" font-size=\"14\">\n");
        s.append("  <title>").append(xml(diagram.toString())).append("</title>\n");
        for (Arc a : arcs()) {
            s.append("  <path class=\"edge\" d=\"M ").append(px(a.x0)).append(' ').append(py(a.y0))
                    .append(" Q ").append(px(a.cx)).append(' ').append(py(a.cy)).append(' ')
                    .append(px(a.x1)).append(' ').append(py(a.y1))
                    .append("\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n");
        }
        for (Vertex v : diagram.vertices()) {
            for (int j = 0; j < v.cumulantOrder(); j++) {
                double ex = legEndX(v, j);
                int leg = v.externalLegs().get(j);
                s.append("  <line class=\"leg\" x1=\"").append(px(vertexX[v.id()])).append("\" y1=\"")
                        .append(py(0)).append("\" x2=\"").append(px(ex)).append("\" y2=\"").append(py(LEG_HEIGHT))
                        .append("\" stroke=\"black\" stroke-width=\"1.5\"/>\n");
                s.append("  <text class=\"leg-label\" x=\"").append(px(ex)).append("\" y=\"")
                        .append(py(LEG_HEIGHT + 0.12)).append("\" text-anchor=\"middle\">(a").append(sub(leg))
                        .append(" b").append(sub(leg)).append(")</text>\n");
            }
        }
        for (Blob b : diagram.blobs()) {
            s.append("  <circle class=\"blob\" cx=\"").append(px(blobX[b.id()])).append("\" cy=\"")
                    .append(py(BLOB_Y)).append("\" r=\"").append(f(BLOB_RADIUS * SVG_SCALE))
                    .append("\" fill=\"#dddddd\" stroke=\"black\" stroke-width=\"1.5\"/>\n");
            String[] t = tensorParts(b);
            s.append("  <text class=\"blob-label\" x=\"").append(px(blobX[b.id()])).append("\" y=\"")
                    .append(py(BLOB_Y - 0.08)).append("\" text-anchor=\"middle\">").append(t[0])
                    .append(sub(t[1]));
            if (!t[2].isEmpty()) {
                s.append("<tspan baseline-shift=\"super\" font-size=\"9\">").append(t[2]).append("</tspan>");
            }
            s.append("</text>\n");
        }
        for (Vertex v : diagram.vertices()) {
            s.append("  <circle class=\"vertex\" cx=\"").append(px(vertexX[v.id()])).append("\" cy=\"")
                    .append(py(0)).append("\" r=\"").append(f(VERTEX_RADIUS * SVG_SCALE))
                    .append("\" fill=\"black\"/>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** A {@code tikzpicture} environment that needs only the {@code tikz} package. */
    public String tikz() {
        StringBuilder s = new StringBuilder();
        s.append("% ").append(diagram).append('\n');
        s.append("\\begin{tikzpicture}[x=1cm,y=1cm,line width=0.8pt]\n");
        for (Arc a : arcs()) {
            s.append("  \\draw ").append(pt(a.x0, a.y0)).append(" .. controls ").append(pt(a.cx, a.cy))
                    .append(" .. ").append(pt(a.x1, a.y1)).append(";\n");
        }
        for (Vertex v : diagram.vertices()) {
            for (int j = 0; j < v.cumulantOrder(); j++) {
                int leg = v.externalLegs().get(j);
                s.append("  \\draw ").append(pt(vertexX[v.id()], 0)).append(" -- ")
                        .append(pt(legEndX(v, j), LEG_HEIGHT)).append(" node[above] {$(a_{").append(leg)
                        .append("}\\,b_{").append(leg).append("})$};\n");
            }
        }
        for (Blob b : diagram.blobs()) {
            String[] t = tensorParts(b);
            s.append("  \\filldraw[fill=black!15] ").append(pt(blobX[b.id()], BLOB_Y)).append(" circle (")
                    .append(f(BLOB_RADIUS)).append(");\n");
            s.append("  \\node at ").append(pt(blobX[b.id()], BLOB_Y)).append(" {$").append(t[0]).append("_{")
                    .append(t[1]).append('}').append(t[2].isEmpty() ? "" : "^{" + t[2] + "}").append("$};\n");
        }
        for (Vertex v : diagram.vertices()) {
            s.append("  \\fill ").append(pt(vertexX[v.id()], 0)).append(" circle (").append(f(VERTEX_RADIUS))
                    .append(");\n");
        }
        s.append("\\end{tikzpicture}\n");
        return s.toString();
    }

    /** Symbol, subscript, superscript of a blob's tensor. */
    private static String[] tensorParts(Blob b) {
        return b.statistic().symbolParts();
    }

    private static String sub(Object text) {
        return "<tspan baseline-shift=\"sub\" font-size=\"9\">" + text + "</tspan>";
    }

    private String px(double x) {
        return f((x - minX) * SVG_SCALE + SVG_MARGIN);
    }

    private String py(double y) {
        return f((maxY - y) * SVG_SCALE + SVG_MARGIN);
    }

    private static String pt(double x, double y) {
        return "(" + f(x) + "," + f(y) + ")";
    }

    private static String f(double x) {
        String s = String.format(Locale.ROOT, "%.2f", x);
        return s.equals("-0.00") ? "0.00" : s;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
