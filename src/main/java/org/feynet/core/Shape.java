package org.feynet.core;

/** The primitives a {@link Canvas} holds, in layout units. */
sealed interface Shape {

    /** The SVG class of the element. */
    String role();

    record Line(double x1, double y1, double x2, double y2, Canvas.Dash dash, String role) implements Shape {}

    record Curve(double x0, double y0, double cx, double cy, double x1, double y1, Canvas.Dash dash, String role)
            implements Shape {}

    record Circle(double cx, double cy, double r, Canvas.Fill fill, Canvas.Dash dash, String role) implements Shape {}

    record Marker(double x, double y, Canvas.Mark mark, String role) implements Shape {}

    record Label(double x, double y, Canvas.Text text, Canvas.Place place, Canvas.Size size, String role)
            implements Shape {}
}
