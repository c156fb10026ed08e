package org.feynet.cli;

import java.util.Locale;

/** Model texts for tests, in the surface syntax of docs/LANGUAGE.md. */
final class Models {

    private Models() {}

    static String mlp(String name, String activation, double cb, double cw, int depth, double[][] gram) {
        return mlp(name, activation, cb, cw, depth, gram, 1);
    }

    static String mlp(String name, String activation, double cb, double cw, int depth, double[][] gram, int order) {
        return String.format(Locale.ROOT, "network %s {%n  width n%n  depth L = %d%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = %.17g, Cw = %.17g%n"
                + "  input gram %s%n  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%n"
                + "derive metric to order 1/n%s%n", name, depth, activation, cb, cw, matrix(gram),
                order == 1 ? "" : "^" + order);
    }

    /** An MLP on a first-layer metric, with learning rates, deriving the NTK to order 1/n. */
    static String ntk(String name, String activation, double cb, double cw, double lambdaB, double lambdaW, int depth,
                      double[][] gram) {
        return String.format(Locale.ROOT, "network %s {%n  width n%n  depth L = %d%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = %.17g, Cw = %.17g%n"
                + "  learning rates lambda_b = %.17g, lambda_W = %.17g%n"
                + "  input gram %s%n  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%n"
                + "derive ntk to order 1/n%n", name, depth, activation, cb, cw, lambdaB, lambdaW, matrix(gram));
    }

    /** An MLP on raw inputs x (one row per sample), with learning rates, deriving the NTK to order 1/n. */
    static String ntkOnInputs(String name, String activation, double cb, double cw, double lambdaB, double lambdaW,
                              int depth, double[][] x) {
        return String.format(Locale.ROOT, "network %s {%n  width n%n  depth L = %d%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = %.17g, Cw = %.17g%n"
                + "  learning rates lambda_b = %.17g, lambda_W = %.17g%n"
                + "  input x = %s%n  z[1] = b[1] + W[1] . x%n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%n"
                + "derive ntk to order 1/n%n", name, depth, activation, cb, cw, lambdaB, lambdaW, matrix(x));
    }

    /** [[..], ..] with every entry to 17 significant digits, so that the text holds the doubles exactly. */
    private static String matrix(double[][] rows) {
        StringBuilder m = new StringBuilder("[");
        for (int a = 0; a < rows.length; a++) {
            m.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < rows[a].length; b++) {
                m.append(b == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", rows[a][b]));
            }
            m.append(']');
        }
        return m.append(']').toString();
    }
}
