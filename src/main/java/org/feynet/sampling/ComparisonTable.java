package org.feynet.sampling;

import java.util.List;
import java.util.Locale;

/** The plain-text rendering of a {@link ComparisonResult} at one layer. */
final class ComparisonTable {

    private ComparisonTable() {}

    static String render(ComparisonResult result, int layer) {
        List<ComponentComparison> components = result.components(layer);
        if (components.isEmpty()) {
            throw new IllegalArgumentException("no comparison at layer " + layer + "; layers 2.."
                    + (result.samples().get(0).layers().size()) + " are compared");
        }
        StringBuilder out = new StringBuilder();
        line(out, "%s, layer %d: theory vs Monte Carlo at widths %s, %d networks each, seed %d",
                result.model(), layer, result.widths(), result.networksPerWidth(), result.seed());
        line(out, "fits: E[G] = A + B/n + C/n^2, n Cov = D + E/n (weighted least squares);"
                + " pull = (fit - theory)/error;");
        line(out, "B|K0, E|V4: the correction with the leading term fixed by theory, n (sampled - K0) = B + c/n"
                + " (resp. n (sampled - V4) = E + c/n)");
        line(out, "");
        for (ComponentComparison.Kind kind : ComponentComparison.Kind.values()) {
            List<ComponentComparison> ofKind = components.stream().filter(c -> c.kind() == kind).toList();
            if (!ofKind.isEmpty()) {
                section(out, kind, ofKind);
                line(out, "");
            }
        }
        boolean second = components.stream().anyMatch(ComponentComparison::hasSecondOrder);
        if (second) {
            line(out, "per width: sampled +- se against the O(1/n) prediction (K0 + K1/n; V4) and the O(1/n^2) one"
                    + " (+ K2/n^2; + V4_1/n)");
            line(out, "%6s %-10s %26s %12s %9s %12s %9s", "n", "component", "sampled", "O(1/n)", "diff/se",
                    "O(1/n^2)", "diff/se");
        } else {
            line(out, "per width: sampled +- se against the prediction K0 + K1/n (mean), V4 (n Cov)");
            line(out, "%6s %-10s %26s %12s %9s", "n", "component", "sampled", "predicted", "diff/se");
        }
        for (int w = 0; w < result.widths().size(); w++) {
            int n = result.widths().get(w);
            for (ComponentComparison c : components) {
                double first = c.firstOrder(n);
                String row = String.format(Locale.ROOT, "%6d %-10s %26s %12s %9s", n, c.label(),
                        pm(c.sampled()[w], c.errors()[w]), num(first), pull((c.sampled()[w] - first) / c.errors()[w]));
                if (second) {
                    double full = c.predicted(n);
                    row += String.format(Locale.ROOT, " %12s %9s", num(full),
                            pull((c.sampled()[w] - full) / c.errors()[w]));
                }
                line(out, "%s", row);
            }
        }
        return out.toString();
    }

    /**
     * The fits of one observable: a mean as leading (K0, H0), A, correction (K1, H1), B, B with the leading term fixed,
     * C; a fluctuation as leading (V4, ...), D, E, E with the leading term fixed. When the theory has the next order
     * (K2 of a mean, V4_1 of n Cov: a derivation to order 1/n^2) it stands beside the coefficient it predicts (C, E)
     * with its pull.
     */
    private static void section(StringBuilder out, ComponentComparison.Kind kind, List<ComponentComparison> rows) {
        ComponentComparison first = rows.get(0);
        boolean second = rows.stream().anyMatch(ComponentComparison::hasSecondOrder);
        String name = kind == ComponentComparison.Kind.MEAN ? "mean" : kind.title();
        if (kind.isMean()) {
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT,
                    "%-10s %12s %26s %7s %12s %26s %7s %26s %7s", name, first.theoryName(0), "A", "pull",
                    first.theoryName(1), "B", "pull", first.correctionName(), "pull"));
            header.append(second ? String.format(Locale.ROOT, " %12s %26s %7s", first.theoryName(2), "C", "pull")
                    : String.format(Locale.ROOT, " %26s", "C"));
            line(out, "%s %9s", header, "chi2/dof");
            for (ComponentComparison c : rows) {
                WidthSeriesFit f = c.fit();
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                        "%-10s %12s %26s %7s %12s %26s %7s %26s %7s", c.label(), num(c.theory()[0]), pm(f, 0),
                        pull(c.pulls()[0]), num(c.theory()[1]), pm(f, 1), pull(c.pulls()[1]), pm(c.correction(), 0),
                        pull(c.correctionPull())));
                row.append(second ? String.format(Locale.ROOT, " %12s %26s %7s", num(c.theory()[2]), pm(f, 2),
                        pull(c.pulls()[2])) : String.format(Locale.ROOT, " %26s", pm(f, 2)));
                line(out, "%s %9s", row, chi(f));
            }
            return;
        }
        String secondHeader = second ? String.format(Locale.ROOT, " %12s", first.theoryName(1)) : "";
        line(out, "%-10s %12s %26s %7s%s %26s%s %26s %7s %9s", name, first.theoryName(0), "D", "pull", secondHeader,
                "E", second ? String.format(Locale.ROOT, " %7s", "pull") : "", first.correctionName(), "pull",
                "chi2/dof");
        for (ComponentComparison c : rows) {
            WidthSeriesFit f = c.fit();
            String theory1 = second ? String.format(Locale.ROOT, " %12s", num(c.theory()[1])) : "";
            String pull1 = second ? String.format(Locale.ROOT, " %7s", pull(c.pulls()[1])) : "";
            line(out, "%-10s %12s %26s %7s%s %26s%s %26s %7s %9s", c.label(), num(c.theory()[0]), pm(f, 0),
                    pull(c.pulls()[0]), theory1, pm(f, 1), pull1, pm(c.correction(), 0), pull(c.correctionPull()),
                    chi(f));
        }
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.6g", x);
    }

    private static String pm(WidthSeriesFit f, int k) {
        return pm(f.coefficients()[k], f.errors()[k]);
    }

    private static String pm(double value, double error) {
        return String.format(Locale.ROOT, "%.6g +- %.2g", value, error);
    }

    private static String pull(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%+.2f", p) : "-";
    }

    private static String chi(WidthSeriesFit f) {
        double c = f.chiSquarePerDof();
        return Double.isNaN(c) ? "-" : String.format(Locale.ROOT, "%.2f", c);
    }
}
