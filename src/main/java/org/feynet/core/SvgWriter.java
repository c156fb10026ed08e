package org.feynet.core;

import static org.feynet.core.Canvas.fixed;

import java.util.Map;

/**
 * SVG 1.1 for a {@link Canvas}: one {@code <svg>} element whose viewBox is the frame in pixels, y pointing
 * down; black strokes 1.5px wide; serif text, 14px (12px for small labels), subscripts and superscripts as
 * {@code tspan}s with a baseline shift.
 */
final class SvgWriter {

    static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String STROKE = " stroke=\"black\" stroke-width=\"1.5\"";
    private static final Map<Canvas.Dash, String> DASH = Map.of(Canvas.Dash.SOLID, "",
            Canvas.Dash.DASHED, " stroke-dasharray=\"6,4\"", Canvas.Dash.DOTTED, " stroke-dasharray=\"2,3\"");
    private static final Map<Canvas.Fill, String> FILL = Map.of(Canvas.Fill.NONE, " fill=\"none\"" + STROKE,
            Canvas.Fill.WHITE, " fill=\"white\"" + STROKE, Canvas.Fill.SHADED, " fill=\"#dddddd\"" + STROKE,
            Canvas.Fill.BLACK, " fill=\"black\"");

    private final Canvas canvas;
    private final StringBuilder out = new StringBuilder();

    private SvgWriter(Canvas canvas) {
        this.canvas = canvas;
    }

    /**
     * The {@code <svg>} element, at pixel offset (x, y) inside an enclosing SVG unless {@code standalone}
     * (then with the namespace and no offset).
     */
    static String element(Canvas canvas, double x, double y, boolean standalone) {
        SvgWriter w = new SvgWriter(canvas);
        w.open(x, y, standalone);
        canvas.shapes().forEach(w::shape);
        return w.out.append("</svg>\n").toString();
    }

    private void open(double x, double y, boolean standalone) {
        String w = fixed(canvas.svgWidth());
        String h = fixed(canvas.svgHeight());
        out.append("<svg").append(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "")
                .append(standalone ? "" : " x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\"")
                .append(" width=\"").append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" font-family=\"serif\" font-size=\"14\">\n");
        if (!canvas.title().isEmpty()) {
            out.append("  <title>").append(escape(canvas.title())).append("</title>\n");
        }
    }

    private void shape(Shape shape) {
        out.append("  ");
        if (shape instanceof Shape.Line l) {
            out.append("<line").append(role(l)).append(" x1=\"").append(px(l.x1())).append("\" y1=\"")
                    .append(py(l.y1())).append("\" x2=\"").append(px(l.x2())).append("\" y2=\"").append(py(l.y2()))
                    .append('"').append(STROKE).append(DASH.get(l.dash())).append("/>");
        } else if (shape instanceof Shape.Curve c) {
            out.append("<path").append(role(c)).append(" d=\"M ").append(px(c.x0())).append(' ').append(py(c.y0()))
                    .append(" Q ").append(px(c.cx())).append(' ').append(py(c.cy())).append(' ').append(px(c.x1()))
                    .append(' ').append(py(c.y1())).append("\" fill=\"none\"").append(STROKE)
                    .append(DASH.get(c.dash())).append("/>");
        } else if (shape instanceof Shape.Circle c) {
            circle(c.cx(), c.cy(), c.r(), c.role()).append(FILL.get(c.fill()))
                    .append(c.fill() == Canvas.Fill.BLACK ? "" : DASH.get(c.dash())).append("/>");
        } else if (shape instanceof Shape.Marker m) {
            marker(m);
        } else {
            label((Shape.Label) shape);
        }
        out.append('\n');
    }

    private StringBuilder circle(double cx, double cy, double r, String role) {
        return out.append("<circle").append(role(role)).append(" cx=\"").append(px(cx)).append("\" cy=\"")
                .append(py(cy)).append("\" r=\"").append(fixed(r * canvas.pixelsPerUnit())).append('"');
    }

    private void marker(Shape.Marker m) {
        double s = m.mark().size;
        if (m.mark() == Canvas.Mark.SQUARE) {
            out.append("<rect").append(role(m)).append(" x=\"").append(px(m.x() - s)).append("\" y=\"")
                    .append(py(m.y() + s)).append("\" width=\"").append(fixed(2 * s * ppu())).append("\" height=\"")
                    .append(fixed(2 * s * ppu())).append("\" fill=\"black\"/>");
        } else if (m.mark() == Canvas.Mark.DIAMOND) {
            out.append("<polygon").append(role(m)).append(" points=\"")
                    .append(px(m.x())).append(',').append(py(m.y() + s)).append(' ')
                    .append(px(m.x() + s)).append(',').append(py(m.y())).append(' ')
                    .append(px(m.x())).append(',').append(py(m.y() - s)).append(' ')
                    .append(px(m.x() - s)).append(',').append(py(m.y())).append("\" fill=\"gray\"/>");
        } else {
            circle(m.x(), m.y(), s, m.role()).append(" fill=\"black\"/>");
        }
    }

    private void label(Shape.Label l) {
        boolean small = l.size() == Canvas.Size.SMALL;
        double font = small ? 12 : 14;
        double baseline = l.place() == Canvas.Place.CENTRE ? 0.35 * font : -0.3 * font - 3;
        out.append("<text").append(role(l)).append(" x=\"").append(px(l.x())).append("\" y=\"")
                .append(fixed((canvas.frame().maxY() - l.y()) * ppu() + baseline)).append("\" text-anchor=\"middle\"")
                .append(small ? " font-size=\"12\"" : "").append('>');
        String script = small ? "8" : "9";
        for (Canvas.Run r : l.text().runs()) {
            if (r.script() == Canvas.Script.NORMAL) {
                out.append(escape(r.text()));
            } else {
                out.append("<tspan baseline-shift=\"").append(r.script() == Canvas.Script.SUB ? "sub" : "super")
                        .append("\" font-size=\"").append(script).append("\">").append(escape(r.text()))
                        .append("</tspan>");
            }
        }
        out.append("</text>");
    }

    private double ppu() {
        return canvas.pixelsPerUnit();
    }

    private String px(double x) {
        return fixed((x - canvas.frame().minX()) * ppu());
    }

    private String py(double y) {
        return fixed((canvas.frame().maxY() - y) * ppu());
    }

    private static String role(Shape s) {
        return role(s.role());
    }

    private static String role(String role) {
        return role.isEmpty() ? "" : " class=\"" + escape(role) + "\"";
    }

    /** Text content and attribute values: {@code & < > "} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
