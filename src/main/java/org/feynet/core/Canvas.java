package org.feynet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A drawing made of a few primitives in layout units (y up), written out as an SVG document and as a TikZ
 * picture from the same list, so that the two always show the same thing. Both diagram engines draw here and
 * never write SVG or TikZ themselves.
 *
 * <p><b>Primitives.</b> Straight lines and quadratic Bézier curves (TikZ gets the equivalent cubic, control
 * points {@code p0 + 2/3 (c - p0)} and {@code p1 + 2/3 (c - p1)}), each solid, dashed or dotted; circles open,
 * white, shaded or filled; small vertex marks (dot, square, diamond, small dot) of a fixed size in layout
 * units; text labels with subscripts and superscripts, centred on a point or set above it. Primitives are
 * drawn in the order they were added. Each carries a role, written as the SVG {@code class} so that tests and
 * style sheets can find it.
 *
 * <p><b>Coordinates.</b> The frame is the visible box in layout units: the SVG maps it onto
 * {@code [0, width] x [0, height]} pixels ({@code pixelsPerUnit} per unit, y flipped) and the TikZ picture
 * uses it as its bounding box, one layout unit per centimetre, line width 0.8pt (1.5px in SVG). Numbers are
 * written fixed-point with two decimals in {@link java.util.Locale#ROOT}: the text is a function of the
 * primitives only, so equal drawings are byte-identical.
 *
 * <p>A canvas collects primitives as they are added and is written out afterwards; {@link #sheet} lays out
 * finished canvases in a captioned grid.
 */
public final class Canvas {

    /** The stroke pattern of a line, curve or circle. */
    public enum Dash { SOLID, DASHED, DOTTED }

    /** The inside of a circle: none (outline only), white (an open point), light grey, or black (no outline). */
    public enum Fill { NONE, WHITE, SHADED, BLACK }

    /** A small filled vertex mark; its size is fixed in layout units. */
    public enum Mark {
        DOT(0.09), SQUARE(0.09), DIAMOND(0.12), SMALL_DOT(0.06);

        /** Radius, half side or half diagonal. */
        final double size;

        Mark(double size) {
            this.size = size;
        }
    }

    /** Where a label sits: centred on its point, or just above it. */
    public enum Place { CENTRE, ABOVE }

    /** Label size: 14px / normalsize, or 12px / scriptsize. */
    public enum Size { NORMAL, SMALL }

    /** The visible box in layout units. */
    public record Box(double minX, double minY, double maxX, double maxY) {
        public Box {
            if (!(maxX > minX && maxY > minY)) {
                throw new IllegalArgumentException("canvas: empty frame [" + minX + ", " + maxX + "] x [" + minY
                        + ", " + maxY + "]");
            }
        }
    }

    /** A label: runs of normal, subscript and superscript text, e.g. {@code Text.of("V").sub("4").sup("(1)")}. */
    public record Text(List<Run> runs) {
        public Text {
            runs = List.copyOf(runs);
        }

        /** A label that starts with plain text. */
        public static Text of(String plain) {
            return new Text(List.of(new Run(plain, Script.NORMAL)));
        }

        /** This label followed by plain text. */
        public Text then(String plain) {
            return append(plain, Script.NORMAL);
        }

        /** This label followed by a subscript. */
        public Text sub(Object subscript) {
            return append(String.valueOf(subscript), Script.SUB);
        }

        /** This label followed by a superscript. */
        public Text sup(Object superscript) {
            return append(String.valueOf(superscript), Script.SUPER);
        }

        private Text append(String text, Script script) {
            List<Run> more = new ArrayList<>(runs);
            more.add(new Run(text, script));
            return new Text(more);
        }
    }

    /** A piece of a label and its vertical position. */
    public record Run(String text, Script script) {}

    /** Baseline, subscript or superscript. */
    public enum Script { NORMAL, SUB, SUPER }

    private final Box frame;
    private final double pixelsPerUnit;
    private final List<Shape> shapes = new ArrayList<>();
    private String title = "";

    /**
     * @param frame         the visible box, layout units
     * @param pixelsPerUnit SVG pixels per layout unit
     */
    public Canvas(Box frame, double pixelsPerUnit) {
        if (!(pixelsPerUnit > 0)) {
            throw new IllegalArgumentException("canvas: expected pixelsPerUnit > 0, got " + pixelsPerUnit);
        }
        this.frame = frame;
        this.pixelsPerUnit = pixelsPerUnit;
    }

    /** A title: the SVG {@code <title>} and a TikZ comment line above the picture. */
    public Canvas title(String text) {
        this.title = text;
        return this;
    }

    /** A straight line from (x1, y1) to (x2, y2). */
    public Canvas line(double x1, double y1, double x2, double y2, Dash dash, String role) {
        shapes.add(new Shape.Line(x1, y1, x2, y2, dash, role));
        return this;
    }

    /** A quadratic Bézier curve from (x0, y0) to (x1, y1) with control point (cx, cy). */
    public Canvas curve(double x0, double y0, double cx, double cy, double x1, double y1, Dash dash, String role) {
        shapes.add(new Shape.Curve(x0, y0, cx, cy, x1, y1, dash, role));
        return this;
    }

    /** A circle of radius r about (cx, cy). */
    public Canvas circle(double cx, double cy, double r, Fill fill, Dash dash, String role) {
        shapes.add(new Shape.Circle(cx, cy, r, fill, dash, role));
        return this;
    }

    /** A vertex mark centred on (x, y). */
    public Canvas mark(double x, double y, Mark mark, String role) {
        shapes.add(new Shape.Marker(x, y, mark, role));
        return this;
    }

    /** A label at (x, y): centred there, or with its bottom just above it. */
    public Canvas text(double x, double y, Text text, Place place, Size size, String role) {
        shapes.add(new Shape.Label(x, y, text, place, size, role));
        return this;
    }

    public Box frame() {
        return frame;
    }

    /** The SVG width in pixels. */
    public double svgWidth() {
        return (frame.maxX() - frame.minX()) * pixelsPerUnit;
    }

    /** The SVG height in pixels. */
    public double svgHeight() {
        return (frame.maxY() - frame.minY()) * pixelsPerUnit;
    }

    double pixelsPerUnit() {
        return pixelsPerUnit;
    }

    List<Shape> shapes() {
        return shapes;
    }

    String title() {
        return title;
    }

    /** Fixed-point, two decimals, {@link java.util.Locale#ROOT}, no negative zero. */
    static String fixed(double x) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", x);
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** A standalone SVG document (UTF-8, one {@code <svg>} root). */
    public String svg() {
        return SvgWriter.XML_DECLARATION + SvgWriter.element(this, 0, 0, true);
    }

    /** A {@code tikzpicture} environment that needs only the {@code tikz} package, with a trailing newline. */
    public String tikz() {
        return TikzWriter.picture(this);
    }

    /** One grid of captioned drawings as an SVG document, and the same drawings as captioned TikZ pictures. */
    public record Sheet(String svg, String tikz) {}

    /**
     * Lays out {@code cells} in a grid under {@code title}: equal cells as wide as the widest and as high as the
     * highest drawing (at least {@value SheetLayout#MIN_CELL_WIDTH} x {@value SheetLayout#MIN_CELL_HEIGHT} px), as
     * many columns as fit in {@value SheetLayout#MAX_WIDTH} px, each drawing centred in its cell with its caption
     * below, numbered from 1. The TikZ form lists the pictures
     * one after another, each after a comment line with its number and caption.
     */
    public static Sheet sheet(String title, List<Canvas> cells, List<String> captions) {
        if (cells.size() != captions.size()) {
            throw new IllegalArgumentException("sheet: " + cells.size() + " drawings but " + captions.size()
                    + " captions");
        }
        return new Sheet(SheetLayout.svg(title, cells, captions), SheetLayout.tikz(title, cells, captions));
    }
}
