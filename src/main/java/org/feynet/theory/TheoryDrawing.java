package org.feynet.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drawings of a {@link TheoryGraph} as SVG and as a plain TikZ picture.
 *
 * <p><b>Layout.</b> Connected components side by side. In a component, the interaction vertices sit on a
 * circle (one vertex at its centre), each external point one unit outside its vertex, labelled x1, x2, ...
 * The k lines between two vertices are quadratic curves with symmetric, distinct bends (one line is straight);
 * loops are circles outside the vertex, at evenly spread angles. Fields are told apart by the line style
 * (solid, dashed, dotted), interactions by the vertex mark (dot, square, diamond, triangle), external points
 * are open circles. The output depends only on the graph, with {@link Locale#ROOT} fixed-point numbers, so
 * equal diagrams give identical text.
 */
public final class TheoryDrawing {

    private static final double SCALE = 50;
    private static final double LOOP = 0.32;
    private static final String[] SVG_DASH = {"", " stroke-dasharray=\"6,4\"", " stroke-dasharray=\"2,3\""};
    private static final String[] TIKZ_DASH = {"", ", dashed", ", dotted"};

    private final TheoryGraph graph;
    private final double[] x;
    private final double[] y;
    private final double width;
    private final double height;

    public TheoryDrawing(TheoryGraph graph) {
        this.graph = graph;
        int n = graph.size();
        x = new double[n];
        y = new double[n];
        double left = 0;
        double top = 1;
        for (List<Integer> component : graph.components()) {
            List<Integer> internal = new ArrayList<>();
            for (int v : component) {
                if (!graph.kind(v).external()) {
                    internal.add(v);
                }
            }
            double r = internal.size() <= 1 ? 0 : 0.55 + 0.22 * internal.size();
            for (int i = 0; i < internal.size(); i++) {
                double a = Math.PI - 2 * Math.PI * i / internal.size();
                x[internal.get(i)] = r * Math.cos(a);
                y[internal.get(i)] = r * Math.sin(a);
            }
            List<Integer> free = new ArrayList<>();
            for (int v : component) {
                if (graph.kind(v).external()) {
                    int at = -1;
                    for (int u : internal) {
                        if (graph.lines(u, v) > 0) {
                            at = u;
                        }
                    }
                    if (at < 0) {
                        free.add(v);
                        continue;
                    }
                    double a = internal.size() == 1 ? Math.PI : Math.atan2(y[at], x[at]);
                    int siblings = 0;
                    int index = 0;
                    for (int w : component) {
                        if (graph.kind(w).external() && graph.lines(at, w) > 0) {
                            if (w < v) {
                                index++;
                            }
                            siblings++;
                        }
                    }
                    if (internal.size() == 1) {
                        a = Math.PI - 2 * Math.PI * index / siblings;
                    } else {
                        a += 0.5 * (index - (siblings - 1) / 2.0);
                    }
                    x[v] = x[at] + 1.1 * Math.cos(a);
                    y[v] = y[at] + 1.1 * Math.sin(a);
                }
            }
            for (int i = 0; i < free.size(); i++) {
                x[free.get(i)] = i % 2 == 0 ? -0.8 : 0.8;
                y[free.get(i)] = -0.6 * (i / 2);
            }
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int v : component) {
                min = Math.min(min, x[v] - extent(v));
                max = Math.max(max, x[v] + extent(v));
                top = Math.max(top, Math.abs(y[v]) + extent(v));
            }
            for (int v : component) {
                x[v] += left - min;
            }
            left += max - min + 0.6;
        }
        width = Math.max(left - 0.6, 0.5);
        height = top;
    }

    private double extent(int v) {
        return graph.kind(v).external() ? 0.45 : loopsAt(v) > 0 ? 2 * LOOP + 0.1 : 0.2;
    }

    private int loopsAt(int v) {
        return graph.lines(v, v);
    }

    /** The SVG width in pixels. */
    public double svgWidth() {
        return (width + 1) * SCALE;
    }

    /** The SVG height in pixels. */
    public double svgHeight() {
        return (2 * height + 1) * SCALE;
    }

    /** A standalone SVG document. */
    public String svg() {
        return svg(0, 0);
    }

    /** An {@code <svg>} element placed at (x0, y0) pixels, standalone when both are 0. */
    public String svg(double x0, double y0) {
        double w = svgWidth();
        double h = svgHeight();
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
                x0, y0, w, h, w, h));
        s.append("<g fill=\"none\" stroke=\"black\" stroke-width=\"1.5\">\n");
        lines((x1, y1, cx, cy, x2, y2, field) -> s.append(f("  <path class=\"line\" d=\"M %.1f %.1f Q %.1f %.1f %.1f %.1f\"%s/>%n",
                sx(x1), sy(y1), sx(cx), sy(cy), sx(x2), sy(y2), SVG_DASH[field % 3])),
                (cx, cy, field) -> s.append(f("  <circle class=\"loop\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"%s/>%n",
                        sx(cx), sy(cy), LOOP * SCALE, SVG_DASH[field % 3])));
        s.append("</g>\n");
        for (int v = 0; v < graph.size(); v++) {
            VertexKind k = graph.kind(v);
            if (k.external()) {
                s.append(f("<circle class=\"external\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"white\" stroke=\"black\"/>%n",
                        sx(x[v]), sy(y[v])));
                s.append(f("<text class=\"label\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">x%d</text>%n",
                        sx(x[v]), sy(y[v]) - 9, k.label()));
            } else {
                s.append(svgMark(k.interaction(), sx(x[v]), sy(y[v])));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** A {@code tikzpicture} environment (needs only the tikz package). */
    public String tikz() {
        StringBuilder s = new StringBuilder("\\begin{tikzpicture}[baseline=(current bounding box.center)]\n");
        lines((x1, y1, cx, cy, x2, y2, field) -> s.append(f("  \\draw[thick%s] (%.2f,%.2f) .. controls (%.2f,%.2f) .. (%.2f,%.2f);%n",
                TIKZ_DASH[field % 3], x1, y1, cx, cy, x2, y2)),
                (cx, cy, field) -> s.append(f("  \\draw[thick%s] (%.2f,%.2f) circle (%.2f);%n", TIKZ_DASH[field % 3], cx, cy, LOOP)));
        for (int v = 0; v < graph.size(); v++) {
            VertexKind k = graph.kind(v);
            if (k.external()) {
                s.append(f("  \\draw[fill=white] (%.2f,%.2f) circle (0.08) node[above=2pt] {\\scriptsize $x_{%d}$};%n",
                        x[v], y[v], k.label()));
            } else {
                String[] shapes = {"circle (0.09)", "rectangle ++(0.16,0.16)", "circle (0.12)", "circle (0.06)"};
                int t = k.interaction() % 4;
                double dx = t == 1 ? -0.08 : 0;
                s.append(f("  \\fill%s (%.2f,%.2f) %s;%n", t == 2 ? "[gray]" : "", x[v] + dx, y[v] + dx, shapes[t]));
            }
        }
        return s.append("\\end{tikzpicture}").toString();
    }

    /**
     * One SVG sheet with several drawings in a grid, each captioned (symmetry factor and value), and the same as
     * TikZ pictures with captions.
     */
    public static String[] sheet(List<TheoryGraph> graphs, List<String> captions, String title) {
        List<TheoryDrawing> drawings = new ArrayList<>();
        double cell = 0;
        for (TheoryGraph g : graphs) {
            TheoryDrawing d = new TheoryDrawing(g);
            drawings.add(d);
            cell = Math.max(cell, Math.max(d.svgWidth(), d.svgHeight()));
        }
        cell = Math.max(cell, 160);
        int columns = Math.max(1, Math.min(graphs.size(), (int) Math.floor(1000 / cell)));
        int rows = (graphs.size() + columns - 1) / columns;
        double w = columns * cell;
        double h = 30 + rows * (cell + 40);
        StringBuilder svg = new StringBuilder(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n",
                w, h, w, h));
        svg.append(f("<text x=\"10\" y=\"20\" font-size=\"16\">%s</text>%n", escape(title)));
        StringBuilder tikz = new StringBuilder("% " + title + "\n");
        for (int i = 0; i < drawings.size(); i++) {
            TheoryDrawing d = drawings.get(i);
            double x0 = (i % columns) * cell + (cell - d.svgWidth()) / 2;
            double y0 = 30 + (i / columns) * (cell + 40) + (cell - d.svgHeight()) / 2;
            svg.append(d.svg(x0, y0));
            svg.append(f("<text class=\"caption\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%d. %s</text>%n",
                    (i % columns) * cell + cell / 2, 30 + (i / columns) * (cell + 40) + cell + 20, i + 1, escape(captions.get(i))));
            tikz.append("% ").append(i + 1).append(". ").append(captions.get(i)).append('\n').append(d.tikz()).append("\n\n");
        }
        svg.append("</svg>\n");
        return new String[] {svg.toString(), tikz.toString()};
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private interface Curve {
        void draw(double x1, double y1, double cx, double cy, double x2, double y2, int field);
    }

    private interface Loop {
        void draw(double cx, double cy, int field);
    }

    private void lines(Curve curve, Loop loop) {
        int n = graph.size();
        double mx = 0;
        double my = 0;
        for (int v = 0; v < n; v++) {
            mx += x[v] / n;
            my += y[v] / n;
        }
        for (int u = 0; u < n; u++) {
            int total = graph.lines(u, u);
            int index = 0;
            for (int f = 0; f < graph.fields(); f++) {
                for (int l = 0; l < graph.loops(u, f); l++) {
                    double base = Math.atan2(y[u] - centreY(u), x[u] - centreX(u));
                    if (Math.hypot(y[u] - centreY(u), x[u] - centreX(u)) < 1e-9) {
                        base = Math.PI / 2;
                    }
                    double a = base + 2 * Math.PI * index / Math.max(total, 1) * (total > 2 ? 1 : 0.5);
                    if (total == 2 && index == 1) {
                        a = base + Math.PI;
                    }
                    loop.draw(x[u] + LOOP * Math.cos(a), y[u] + LOOP * Math.sin(a), f);
                    index++;
                }
            }
            for (int v = u + 1; v < n; v++) {
                int m = graph.lines(u, v);
                int k = 0;
                for (int f = 0; f < graph.fields(); f++) {
                    for (int l = 0; l < graph.lines(u, v, f); l++) {
                        double bend = 0.45 * (k - (m - 1) / 2.0);
                        double dx = x[v] - x[u];
                        double dy = y[v] - y[u];
                        double len = Math.max(Math.hypot(dx, dy), 1e-9);
                        double cx = (x[u] + x[v]) / 2 - bend * dy / len * Math.max(1, len / 1.5);
                        double cy = (y[u] + y[v]) / 2 + bend * dx / len * Math.max(1, len / 1.5);
                        curve.draw(x[u], y[u], cx, cy, x[v], y[v], f);
                        k++;
                    }
                }
            }
        }
    }

    private double centreX(int v) {
        return componentMean(v, true);
    }

    private double centreY(int v) {
        return componentMean(v, false);
    }

    private double componentMean(int v, boolean isX) {
        for (List<Integer> c : graph.components()) {
            if (c.contains(v)) {
                double s = 0;
                int k = 0;
                for (int w : c) {
                    if (!graph.kind(w).external()) {
                        s += isX ? x[w] : y[w];
                        k++;
                    }
                }
                return k == 0 ? (isX ? x[v] : y[v]) : s / k;
            }
        }
        return 0;
    }

    private String svgMark(int interaction, double cx, double cy) {
        switch (interaction % 4) {
            case 1:
                return f("<rect class=\"vertex\" x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"black\"/>%n", cx - 4.5, cy - 4.5);
            case 2:
                return f("<polygon class=\"vertex\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"gray\"/>%n",
                        cx, cy - 6, cx + 6, cy, cx, cy + 6, cx - 6, cy);
            case 3:
                return f("<circle class=\"vertex\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"black\"/>%n", cx, cy);
            default:
                return f("<circle class=\"vertex\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"black\"/>%n", cx, cy);
        }
    }

    private double sx(double v) {
        return (v + 0.5) * SCALE;
    }

    private double sy(double v) {
        return (height + 0.5 - v) * SCALE;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
