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
 * under it; every summed index that an expectation and a blob share is a line between them, and a dashed line joins
 * an expectation holding sigma'_a sigma'_b to a blob holding the pair (a b) (the NTK entry those factors multiply).
 * The layout depends on the term only, so equal terms give identical text.
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
                if (carriesPairOf(atoms.get(a), tensors.get(t))) {
                    canvas.line(atomX[a], 0, blobX[t], BLOB_Y + BLOB_RADIUS, Dash.DASHED, "ntk-line");
                }
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

    /**
     * Whether the expectation carries the sigma' factors of a pair of external samples that the blob holds: the
     * NTK entry Theta_{ab} that multiplies sigma'_a sigma'_b, drawn as a dashed line.
     */
    private static boolean carriesPairOf(Atom atom, TensorRef tensor) {
        for (int k = 0; k + 1 < tensor.indices().size(); k += 2) {
            String x = tensor.indices().get(k);
            String y = tensor.indices().get(k + 1);
            if (hasPrimed(atom, x) && hasPrimed(atom, y) && !atom.derivatives().contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPrimed(Atom atom, String sample) {
        for (int i = 0; i < atom.sigma().size(); i++) {
            if (atom.sigma().get(i).equals(sample) && atom.orders().get(i) > 0) {
                return true;
            }
        }
        return false;
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
