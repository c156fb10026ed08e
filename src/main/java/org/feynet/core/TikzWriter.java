package org.feynet.core;

import static org.feynet.core.Canvas.fixed;

import java.util.ArrayList;
import java.util.List;

/**
 * A TikZ picture for a {@link Canvas} (plain {@code tikz}, no libraries): one centimetre per layout unit, the
 * frame as bounding box and the picture's baseline at its centre (so that it sits well in a table row), lines
 * 0.8pt. Labels are set in math mode: {@code (a_{1}\,b_{1})}, {@code V_{4}^{(1)}}.
 */
final class TikzWriter {

    private final Canvas canvas;
    private final StringBuilder out = new StringBuilder();

    private TikzWriter(Canvas canvas) {
        this.canvas = canvas;
    }

    /** The {@code tikzpicture} environment, after a comment line with the title if there is one. */
    static String picture(Canvas canvas) {
        TikzWriter w = new TikzWriter(canvas);
        w.open();
        canvas.shapes().forEach(w::shape);
        return w.out.append("\\end{tikzpicture}\n").toString();
    }

    private void open() {
        if (!canvas.title().isEmpty()) {
            out.append(comment(canvas.title())).append('\n');
        }
        Canvas.Box f = canvas.frame();
        out.append("\\begin{tikzpicture}[x=1cm,y=1cm,line width=0.8pt,baseline=(current bounding box.center)]\n")
                .append("  \\useasboundingbox ").append(pt(f.minX(), f.minY())).append(" rectangle ")
                .append(pt(f.maxX(), f.maxY())).append(";\n");
    }

    private void shape(Shape shape) {
        out.append("  ");
        if (shape instanceof Shape.Line l) {
            out.append("\\draw").append(options(dash(l.dash()))).append(' ').append(pt(l.x1(), l.y1())).append(" -- ")
                    .append(pt(l.x2(), l.y2()));
        } else if (shape instanceof Shape.Curve c) {
            curve(c);
        } else if (shape instanceof Shape.Circle c) {
            circle(c);
        } else if (shape instanceof Shape.Marker m) {
            marker(m);
        } else {
            label((Shape.Label) shape);
        }
        out.append(";\n");
    }

    /** The quadratic curve as the cubic with the same shape: controls at 2/3 of the way to the quadratic one. */
    private void curve(Shape.Curve c) {
        double ax = c.x0() + 2.0 / 3 * (c.cx() - c.x0());
        double ay = c.y0() + 2.0 / 3 * (c.cy() - c.y0());
        double bx = c.x1() + 2.0 / 3 * (c.cx() - c.x1());
        double by = c.y1() + 2.0 / 3 * (c.cy() - c.y1());
        out.append("\\draw").append(options(dash(c.dash()))).append(' ').append(pt(c.x0(), c.y0()))
                .append(" .. controls ").append(pt(ax, ay)).append(" and ").append(pt(bx, by)).append(" .. ")
                .append(pt(c.x1(), c.y1()));
    }

    private void circle(Shape.Circle c) {
        String command = switch (c.fill()) {
            case NONE -> "\\draw" + options(dash(c.dash()));
            case WHITE -> "\\filldraw" + options("fill=white", dash(c.dash()));
            case SHADED -> "\\filldraw" + options("fill=black!15", dash(c.dash()));
            case BLACK -> "\\fill";
        };
        out.append(command).append(' ').append(pt(c.cx(), c.cy())).append(" circle (").append(fixed(c.r())).append(')');
    }

    private void marker(Shape.Marker m) {
        double s = m.mark().size;
        double x = m.x();
        double y = m.y();
        switch (m.mark()) {
            case SQUARE -> out.append("\\fill ").append(pt(x - s, y - s)).append(" rectangle ").append(pt(x + s, y + s));
            case DIAMOND -> out.append("\\fill[gray] ").append(pt(x, y + s)).append(" -- ").append(pt(x + s, y))
                    .append(" -- ").append(pt(x, y - s)).append(" -- ").append(pt(x - s, y)).append(" -- cycle");
            default -> out.append("\\fill ").append(pt(x, y)).append(" circle (").append(fixed(s)).append(')');
        }
    }

    private void label(Shape.Label l) {
        out.append("\\node").append(options(l.place() == Canvas.Place.ABOVE ? "above" : "",
                        l.size() == Canvas.Size.SMALL ? "font=\\scriptsize" : ""))
                .append(" at ").append(pt(l.x(), l.y())).append(" {$").append(math(l.text())).append("$}");
    }

    /** The label in math mode: runs joined, subscripts and superscripts braced, spaces thin. */
    static String math(Canvas.Text text) {
        StringBuilder s = new StringBuilder();
        for (Canvas.Run r : text.runs()) {
            String t = escape(r.text());
            switch (r.script()) {
                case SUB -> s.append("_{").append(t).append('}');
                case SUPER -> s.append("^{").append(t).append('}');
                default -> s.append(t.replace(" ", "\\,"));
            }
        }
        return s.toString();
    }

    private static String dash(Canvas.Dash dash) {
        return switch (dash) {
            case SOLID -> "";
            case DASHED -> "dashed";
            case DOTTED -> "dotted";
        };
    }

    /** {@code [a,b]} of the non-empty options, or nothing. */
    private static String options(String... options) {
        List<String> kept = new ArrayList<>();
        for (String o : options) {
            if (!o.isEmpty()) {
                kept.add(o);
            }
        }
        return kept.isEmpty() ? "" : "[" + String.join(",", kept) + "]";
    }

    private static String pt(double x, double y) {
        return "(" + fixed(x) + "," + fixed(y) + ")";
    }

    /** A TeX comment: one line starting with {@code %}. */
    static String comment(String text) {
        return "% " + text.replace("\n", " ");
    }

    /** TeX's special characters escaped, and the Greek letters feynet draws (sigma) as their math commands. */
    private static String escape(String text) {
        return text.replace("\\", "\\backslash ").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$")
                .replace("&", "\\&").replace("#", "\\#").replace("%", "\\%").replace("_", "\\_")
                .replace("\u03c3", "\\sigma ");
    }
}
