package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.core.Canvas;
import org.feynet.core.Canvas.Box;
import org.feynet.core.Canvas.Dash;
import org.feynet.core.Canvas.Fill;
import org.feynet.core.Canvas.Mark;
import org.feynet.core.Canvas.Place;
import org.feynet.core.Canvas.Size;
import org.feynet.core.Canvas.Text;

/**
 * The graph of one recursion term, drawn on a {@link Canvas}: each Gaussian expectation is a vertex (a dot) with
 * one leg per factor, labelled by the factor (sigma, sigma', ...) and its sample when the sample is external; each
 * statistic of the previous layer is a shaded blob below, labelled by its symbol, with its external samples written
 * under it; every summed index that an expectation and a blob share is a line between them. The layout depends on
 * the term only, so equal terms give identical text.
 */
final class TermDrawing {

    private static final double SPACING = 2.2;
    private static final double LEG = 0.9;
    private static final double BLOB_Y = -1.6;
    private static final double BLOB_RADIUS = 0.38;
    private static final double PIXELS_PER_UNIT = 60;

    private final Canvas canvas;

    TermDrawing(Term term, String title) {
        List<Atom> atoms = term.atoms();
        List<TensorRef> tensors = term.tensors();
        int width = Math.max(atoms.size(), tensors.size());
        double span = (width - 1) * SPACING;
        canvas = new Canvas(new Box(-1.4, BLOB_Y - 1.0, span + 1.4, LEG + 0.7), PIXELS_PER_UNIT).title(title);
        double[] atomX = positions(atoms.size(), span);
        double[] blobX = positions(tensors.size(), span);
        for (int t = 0; t < tensors.size(); t++) {
            for (int a = 0; a < atoms.size(); a++) {
                lines(atomX[a], blobX[t], shared(atoms.get(a), tensors.get(t)));
            }
        }
        for (int a = 0; a < atoms.size(); a++) {
            vertex(atoms.get(a), atomX[a]);
        }
        for (int t = 0; t < tensors.size(); t++) {
            blob(tensors.get(t), blobX[t], atoms);
        }
    }

    private static double[] positions(int count, double span) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = count == 1 ? span / 2 : i * span / (count - 1);
        }
        return x;
    }

    /** The number of summed indices an expectation and a blob share. */
    private static int shared(Atom atom, TensorRef tensor) {
        int count = 0;
        for (String index : atom.derivatives()) {
            if (tensor.indices().contains(index)) {
                count++;
            }
        }
        return count;
    }

    private void lines(double x0, double x1, int count) {
        for (int j = 0; j < count; j++) {
            double bend = 0.5 * (j - (count - 1) / 2.0);
            canvas.curve(x0, 0, (x0 + x1) / 2 + bend, BLOB_Y / 2, x1, BLOB_Y, Dash.SOLID, "edge");
        }
    }

    private void vertex(Atom atom, double x) {
        int legs = atom.sigma().size();
        for (int i = 0; i < legs; i++) {
            double end = x + 0.55 * (i - (legs - 1) / 2.0);
            canvas.line(x, 0, end, LEG, Dash.SOLID, "leg");
            String sample = atom.sigma().get(i);
            canvas.text(end, LEG + 0.08, Text.of("\u03c3" + "'".repeat(Math.min(atom.orders().get(i), 3)))
                    .sub(sample), Place.ABOVE, Size.SMALL, "leg-label");
        }
        canvas.mark(x, 0, Mark.DOT, "vertex");
    }

    private void blob(TensorRef tensor, double x, List<Atom> atoms) {
        canvas.circle(x, BLOB_Y, BLOB_RADIUS, Fill.SHADED, Dash.SOLID, "blob");
        String[] parts = tensor.statistic().symbolParts();
        Text label = Text.of(parts[0]);
        if (!parts[1].isEmpty()) {
            label = label.sub(parts[1]);
        }
        if (!parts[2].isEmpty()) {
            label = label.sup(parts[2]);
        }
        canvas.text(x, BLOB_Y, label, Place.CENTRE, Size.NORMAL, "blob-label");
        List<String> external = new ArrayList<>();
        for (String index : tensor.indices()) {
            if (atoms.stream().noneMatch(a -> a.derivatives().contains(index))) {
                external.add(index);
            }
        }
        if (!external.isEmpty()) {
            canvas.text(x, BLOB_Y - BLOB_RADIUS - 0.45, Text.of("(" + String.join(" ", external) + ")"), Place.CENTRE,
                    Size.SMALL, "blob-samples");
        }
    }

    String svg() {
        return canvas.svg();
    }

    String tikz() {
        return canvas.tikz();
    }
}
