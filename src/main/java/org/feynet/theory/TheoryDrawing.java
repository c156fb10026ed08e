package org.feynet.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.feynet.core.Canvas;
import org.feynet.core.Canvas.Dash;
import org.feynet.core.Canvas.Mark;

/**
 * Drawings of a {@link TheoryGraph} as SVG and as a plain TikZ picture, both from one {@link Canvas}.
 *
 * <p><b>Layout.</b> Connected components side by side, {@value #COMPONENT_GAP} units apart. In a component,
 * the interaction vertices sit on a circle (one vertex at its centre), each external point
 * {@value #EXTERNAL_DISTANCE} units outside its vertex, labelled x1, x2, ...; external points joined only to
 * each other stand in two columns. The k lines between two vertices are quadratic curves with symmetric,
 * distinct bends (one line is straight); loops are circles outside the vertex, in the widest gap between its
 * lines (two loops opposite each other, more spread evenly). Fields are told apart by the line style (solid, dashed, dotted),
 * interactions by the vertex mark (dot, square, diamond, small dot), external points are open circles. The
 * output depends only on the graph, with {@link Locale#ROOT} fixed-point numbers, so equal diagrams give
 * identical text.
 */
public final class TheoryDrawing {

    private static final double PIXELS_PER_UNIT = 50;
    private static final double LOOP = 0.32;
    private static final double EXTERNAL_RADIUS = 0.1;
    private static final double EXTERNAL_DISTANCE = 1.1;
    private static final double COMPONENT_GAP = 0.6;
    private static final double BEND = 0.45;
    private static final Dash[] DASHES = {Dash.SOLID, Dash.DASHED, Dash.DOTTED};
    private static final Mark[] MARKS = {Mark.DOT, Mark.SQUARE, Mark.DIAMOND, Mark.SMALL_DOT};

    private final TheoryGraph graph;
    private final double[] x;
    private final double[] y;
    private final Canvas canvas;

    public TheoryDrawing(TheoryGraph graph) {
        this.graph = graph;
        int n = graph.size();
        x = new double[n];
        y = new double[n];
        double left = 0;
        double top = 1;
        for (List<Integer> component : graph.components()) {
            List<Integer> internal = interactionVertices(component);
            placeOnCircle(internal);
            placeExternals(component, internal);
            left = shiftRightOf(left, component);
            top = Math.max(top, halfHeight(component));
        }
        double width = Math.max(left - COMPONENT_GAP, 0.5);
        canvas = new Canvas(new Canvas.Box(-0.5, -top - 0.5, width + 0.5, top + 0.5), PIXELS_PER_UNIT);
        drawLines();
        drawVertices();
    }

    // ------------------------------------------------------------------ layout

    private List<Integer> interactionVertices(List<Integer> component) {
        return component.stream().filter(v -> !graph.kind(v).external()).toList();
    }

    /** The interaction vertices clockwise on a circle, the first on the left; a single one at the centre. */
    private void placeOnCircle(List<Integer> internal) {
        double r = internal.size() <= 1 ? 0 : 0.55 + 0.22 * internal.size();
        for (int i = 0; i < internal.size(); i++) {
            double a = Math.PI - 2 * Math.PI * i / internal.size();
            x[internal.get(i)] = r * Math.cos(a);
            y[internal.get(i)] = r * Math.sin(a);
        }
    }

    /**
     * Each external point outside the vertex it hangs on, fanned out when several hang on one vertex (all
     * around it when the component has a single interaction vertex); points joined only to other points in
     * two columns.
     */
    private void placeExternals(List<Integer> component, List<Integer> internal) {
        List<Integer> free = new ArrayList<>();
        for (int v : component) {
            if (!graph.kind(v).external()) {
                continue;
            }
            int at = -1;
            for (int u : internal) {
                if (graph.lines(u, v) > 0) {
                    at = u;
                }
            }
            if (at < 0) {
                free.add(v);
            } else {
                double a = externalAngle(component, internal.size(), at, v);
                x[v] = x[at] + EXTERNAL_DISTANCE * Math.cos(a);
                y[v] = y[at] + EXTERNAL_DISTANCE * Math.sin(a);
            }
        }
        for (int i = 0; i < free.size(); i++) {
            x[free.get(i)] = i % 2 == 0 ? -0.8 : 0.8;
            y[free.get(i)] = -0.6 * (i / 2);
        }
    }

    private double externalAngle(List<Integer> component, int internal, int at, int v) {
        int siblings = 0;
        int index = 0;
        for (int w : component) {
            if (graph.kind(w).external() && graph.lines(at, w) > 0) {
                index += w < v ? 1 : 0;
                siblings++;
            }
        }
        if (internal == 1) {
            return Math.PI - 2 * Math.PI * index / siblings;
        }
        return Math.atan2(y[at], x[at]) + 0.5 * (index - (siblings - 1) / 2.0);
    }

    /** Moves the component so that its left edge is at {@code left}; returns where the next one starts. */
    private double shiftRightOf(double left, List<Integer> component) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int v : component) {
            min = Math.min(min, x[v] - extent(v));
            max = Math.max(max, x[v] + extent(v));
        }
        for (int v : component) {
            x[v] += left - min;
        }
        return left + max - min + COMPONENT_GAP;
    }

    private double halfHeight(List<Integer> component) {
        return component.stream().mapToDouble(v -> Math.abs(y[v]) + extent(v)).max().orElse(0);
    }

    /** How far a vertex's drawing reaches from its centre: label, loops or mark. */
    private double extent(int v) {
        return graph.kind(v).external() ? 0.45 : graph.lines(v, v) > 0 ? 2 * LOOP + 0.1 : 0.2;
    }

    // ------------------------------------------------------------------ drawing

    private void drawLines() {
        for (int u = 0; u < graph.size(); u++) {
            drawLoops(u);
            for (int v = u + 1; v < graph.size(); v++) {
                drawLinesBetween(u, v);
            }
        }
    }

    /** Loops at u: the first in the widest gap between u's lines, two of them opposite, more spread evenly. */
    private void drawLoops(int u) {
        int total = graph.lines(u, u);
        if (total == 0) {
            return;
        }
        double base = widestGap(u);
        int index = 0;
        for (int f = 0; f < graph.fields(); f++) {
            for (int l = 0; l < graph.loops(u, f); l++) {
                double a = total == 2 && index == 1 ? base + Math.PI
                        : base + 2 * Math.PI * index / Math.max(total, 1) * (total > 2 ? 1 : 0.5);
                canvas.circle(x[u] + LOOP * Math.cos(a), y[u] + LOOP * Math.sin(a), LOOP, Canvas.Fill.NONE,
                        DASHES[f % 3], "loop");
                index++;
            }
        }
    }

    /** The bisector of the widest angle between the lines from u to other vertices (straight up if none). */
    private double widestGap(int u) {
        List<Double> angles = new ArrayList<>();
        for (int v = 0; v < graph.size(); v++) {
            if (v != u && graph.lines(u, v) > 0) {
                angles.add(Math.atan2(y[v] - y[u], x[v] - x[u]));
            }
        }
        if (angles.isEmpty()) {
            return Math.PI / 2;
        }
        angles.sort(null);
        double from = angles.get(angles.size() - 1);
        double gap = angles.get(0) + 2 * Math.PI - from;
        for (int i = 1; i < angles.size(); i++) {
            if (angles.get(i) - angles.get(i - 1) > gap) {
                from = angles.get(i - 1);
                gap = angles.get(i) - from;
            }
        }
        return from + gap / 2;
    }

    /** The lines between u and v, field by field, bent symmetrically about the straight line. */
    private void drawLinesBetween(int u, int v) {
        int m = graph.lines(u, v);
        double dx = x[v] - x[u];
        double dy = y[v] - y[u];
        double len = Math.max(Math.hypot(dx, dy), 1e-9);
        double stretch = Math.max(1, len / 1.5);
        int k = 0;
        for (int f = 0; f < graph.fields(); f++) {
            for (int l = 0; l < graph.lines(u, v, f); l++) {
                double bend = BEND * (k - (m - 1) / 2.0) * stretch;
                canvas.curve(x[u], y[u], (x[u] + x[v]) / 2 - bend * dy / len, (y[u] + y[v]) / 2 + bend * dx / len,
                        x[v], y[v], DASHES[f % 3], "line");
                k++;
            }
        }
    }

    private void drawVertices() {
        for (int v = 0; v < graph.size(); v++) {
            VertexKind k = graph.kind(v);
            if (k.external()) {
                canvas.circle(x[v], y[v], EXTERNAL_RADIUS, Canvas.Fill.WHITE, Dash.SOLID, "external");
                canvas.text(x[v], y[v] + EXTERNAL_RADIUS, Canvas.Text.of("x").sub(k.label()), Canvas.Place.ABOVE,
                        Canvas.Size.SMALL, "label");
            } else {
                canvas.mark(x[v], y[v], MARKS[k.interaction() % 4], "vertex");
            }
        }
    }

    /** A standalone SVG document. */
    public String svg() {
        return canvas.svg();
    }

    /** A {@code tikzpicture} environment (needs only the tikz package). */
    public String tikz() {
        return canvas.tikz();
    }

    /**
     * One SVG sheet with several drawings in a grid, each captioned (symmetry factor and value), and the same as
     * TikZ pictures with captions.
     */
    public static String[] sheet(List<TheoryGraph> graphs, List<String> captions, String title) {
        List<Canvas> canvases = graphs.stream().map(g -> new TheoryDrawing(g).canvas).toList();
        Canvas.Sheet sheet = Canvas.sheet(title, canvases, captions);
        return new String[] {sheet.svg(), sheet.tikz()};
    }
}
