package org.feynet.cli;

import java.util.Locale;

/** Model texts for tests, in the surface syntax of docs/LANGUAGE.md. */
final class Models {

    private Models() {}

    static String mlp(String name, String activation, double cb, double cw, int depth, double[][] gram) {
        return mlp(name, activation, cb, cw, depth, gram, 1);
    }

    static String mlp(String name, String activation, double cb, double cw, int depth, double[][] gram, int order) {
        StringBuilder g = new StringBuilder("[");
        for (int a = 0; a < gram.length; a++) {
            g.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < gram.length; b++) {
                g.append(b == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", gram[a][b]));
            }
            g.append(']');
        }
        g.append(']');
        return String.format(Locale.ROOT, "network %s {%n  width n%n  depth L = %d%n  activation sigma(z) = %s%n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = %.17g, Cw = %.17g%n"
                + "  input gram %s%n  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1%n}%n"
                + "derive metric to order 1/n%s%n", name, depth, activation, cb, cw, g, order == 1 ? "" : "^" + order);
    }
}
