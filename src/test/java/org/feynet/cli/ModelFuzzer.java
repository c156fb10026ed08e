package org.feynet.cli;

import java.util.List;
import java.util.Random;

/**
 * Model files for the fuzz test: grammar-aware random networks and theories (every statement of the language, with
 * values from the ordinary to the absurd: huge, tiny, negative, non-integer, overflowing literals, unknown names,
 * deep nesting, long names), and mutations of the bundled examples (characters deleted, tokens inserted, lines
 * duplicated, swapped or cut, numbers replaced by extremes). Deterministic for a seed.
 */
final class ModelFuzzer {

    private static final List<String> ACTIVATIONS = List.of("tanh(z)", "erf(z)", "sin(z)", "z", "relu(z)", "gelu(z)",
            "0.5*z*(1 + erf(z/sqrt(2)))", "abs(z)", "max(0, z)", "abs(z)^3 + tanh(z)", "z*abs(z)", "exp(z)",
            "1/(1 + z^2)", "log(z)", "sqrt(z)", "z^2", "tanh(z)/0", "foo(z)", "tanh(z, z)", "sigmoid(z)", "swish(z)",
            "cos(z)", "tanh(2*z) - z", "-tanh(-z)", "z^-1", "exp(exp(exp(z)))", "tanh(1e308*z)", "max(z, 0.5*z)");
    private static final List<String> SMOOTH = List.of("tanh(z)", "erf(z)", "sin(z)", "relu(z)", "gelu(z)", "z",
            "abs(z)", "0.5*z*(1 + erf(z/sqrt(2)))", "swish(z)");
    private static final List<String> NUMBERS = List.of("0", "1", "2", "0.5", "1.5", "-1", "1e308", "1e-320", "1e400",
            "-1e308", "3.0000000001", "1e9", "1e10", "0.0", "2.5", "100", "1e-12", "7");
    private static final List<String> OBSERVABLES = List.of("metric", "metric", "ntk", "dntk", "ddntk", "kernel", "");
    private static final List<String> NETWORK_ORDERS = List.of("1/n", "1/n", "1/n^2", "1/n^3", "1/n^4", "n", "1/m",
            "1/n^1000000", "1/n^0", "1/n^1.5", "2");
    private static final List<String> TARGETS = List.of("Z", "log Z", "<phi>", "<phi phi>", "<phi phi>_c", "Sigma",
            "<phi phi phi phi>_c", "<psi>", "<phi[1] phi[1]>", "<phi[1] phi[2]>_c", "W", "<>");
    private static final List<String> TOKENS = List.of("(", ")", "[", "]", "{", "}", ",", "=", "+", "-", "*", "/", "^",
            ".", "..", "~", "#", "<", ">", "_c", "network", "theory", "derive", "to order", "for", "with", "width",
            "depth", "activation", "init", "input", "gram", "field", "coupling", "action", "l", "L", "n", "z", "1e308",
            "0", "-1", "NaN", "Infinity", "\u00e9", "\t", "\n", "\"", "'", "@", ";", "((((((", "))))", "1/n^9");

    private final Random random;

    ModelFuzzer(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A generated network or theory block, sometimes followed by a second block. */
    String generated() {
        String first = random.nextInt(3) < 2 ? network() : theory();
        return random.nextInt(20) == 0 ? first + "\n" + (random.nextBoolean() ? network() : theory()) : first;
    }

    /** A network block with its derive line; small and well-formed more often than not. */
    String network() {
        StringBuilder s = new StringBuilder("network ").append(name()).append(" {\n");
        boolean raw = random.nextInt(3) == 0;
        statement(s, "  width n");
        statement(s, "  depth L = " + choose(List.of("1", "2", "3", "3 + 1"), List.of("0", "-2", "2.5", "1e9", "20000", "L", "1000000000")));
        statement(s, "  activation " + (random.nextInt(6) == 0 ? pick(List.of("relu", "gelu", "swish", "linear",
                "tanh", "sigma")) : "sigma(z) = " + (random.nextInt(5) == 0 ? expr(3) : choose(SMOOTH, ACTIVATIONS))));
        statement(s, "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = " + number(true) + ", Cw = "
                + number(true));
        if (random.nextInt(3) == 0) {
            statement(s, "  learning rates lambda_b = " + number(true) + ", lambda_W = " + number(true));
        }
        statement(s, raw ? "  input x = " + matrix(1 + random.nextInt(3), 1 + random.nextInt(3))
                : "  input gram " + gram(1 + random.nextInt(3)));
        if (raw) {
            statement(s, "  z[1] = b[1] + W[1] . x");
        }
        statement(s, "  z[l+1] = " + choose(List.of("b[l+1] + W[l+1] . sigma(z[l])", "W[l+1] . sigma(z[l]) + b[l+1]"),
                List.of("z[l] + b[l+1] + W[l+1] . sigma(z[l])", "b[l+1] + W[l+1] . z[l]", "W[l] . sigma(z[l+1])"))
                + "   for l = " + choose(List.of("1 .. L-1"), List.of("0 .. L-1", "1 .. L", "2 .. 1")));
        s.append("}\n");
        if (random.nextInt(8) != 0) {
            s.append("derive ").append(choose(List.of("metric", "ntk", "dntk"), OBSERVABLES)).append(" to order ")
                    .append(choose(List.of("1/n", "1/n", "1/n^2"), NETWORK_ORDERS)).append('\n');
        }
        return s.toString();
    }

    /** A theory block with its derive line. */
    String theory() {
        boolean vector = random.nextInt(3) == 0;
        StringBuilder s = new StringBuilder("theory ").append(name()).append(" {\n");
        statement(s, vector ? "  field phi[i], i = " + choose(List.of("1 .. N"), List.of("0 .. N", "1 .. 3", "2 .. 1"))
                : "  field " + choose(List.of("phi"), List.of("psi")));
        statement(s, "  coupling " + (vector ? choose(List.of("g", "lambda"), List.of("N")) : choose(List.of("g", "g, h"), List.of("lambda", "N"))));
        String phi2 = vector ? "phi[i]*phi[i]" : "phi^2";
        statement(s, "  action S = " + choose(List.of(phi2 + "/2", phi2), List.of("-" + phi2 + "/2")) + " + "
                + choose(vector ? List.of("g/24 * (phi[i]*phi[i])^2", "lambda/(8*N) * (phi[i]*phi[i])^2")
                        : List.of("g/24 * phi^4", "g/6 * phi^3", "g/6 * phi^3 + h/24 * phi^4", "g^2 * phi^4 / 24",
                                "g * phi^" + (3 + random.nextInt(5))),
                        List.of("g * phi[i]", "phi^4", "g * phi^" + (1 + random.nextInt(9)), expr(2))));
        if (random.nextInt(6) == 0) {
            statement(s, "  with h = " + number(false));
        }
        s.append("}\n");
        if (random.nextInt(8) != 0) {
            s.append("derive ").append(choose(vector ? List.of("<phi[1] phi[1]>", "<phi[1] phi[2]>_c", "Z", "log Z") : List.of("Z", "log Z",
                    "<phi phi>", "<phi phi>_c", "Sigma", "<phi>"), TARGETS));
            if (random.nextBoolean()) {
                s.append(", ").append(choose(vector ? List.of("<phi[1] phi[1]>", "<phi[1] phi[2]>_c", "Z", "log Z") : List.of("Z", "log Z",
                    "<phi phi>", "<phi phi>_c", "Sigma", "<phi>"), TARGETS));
            }
            s.append(" to order ").append(choose(vector ? List.of("1/N", "lambda^2", "g^2") : List.of("g^1", "g^2", "g^3", "g^4", "g"),
                    List.of("g^6", "g^1000000", "1/N", "1/N^2", "h^2", "lambda^2", "g^0", "g^-1", "g^1.5"))).append('\n');
        }
        return s.toString();
    }

    /** {@code text} with one to three random mutations. */
    String mutated(String text) {
        String s = text;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            s = mutate(s);
        }
        return s;
    }

    /**
     * {@code text} with one line of {@code donor} (another bundled example) inserted at a random place: statements
     * that another kind of block owns (a closure in a mean-field network, features in a PDLT network) must be
     * refused at their place like any other.
     */
    String transplanted(String text, String donor) {
        String[] lines = text.split("\n", -1);
        String[] from = donor.split("\n", -1);
        return String.join("\n", insert(lines, random.nextInt(lines.length), from[random.nextInt(from.length)]));
    }

    private String mutate(String s) {
        if (s.isEmpty()) {
            return pick(TOKENS);
        }
        int at = random.nextInt(s.length());
        String[] lines = s.split("\n", -1);
        switch (random.nextInt(9)) {
            case 0: // delete a few characters
                return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
            case 1: // insert a token
                return s.substring(0, at) + " " + pick(TOKENS) + " " + s.substring(at);
            case 2: { // duplicate a line
                int k = random.nextInt(lines.length);
                return String.join("\n", insert(lines, k, lines[k]));
            }
            case 3: { // swap two lines
                int a = random.nextInt(lines.length);
                int b = random.nextInt(lines.length);
                String t = lines[a];
                lines[a] = lines[b];
                lines[b] = t;
                return String.join("\n", lines);
            }
            case 4: // cut the file short
                return s.substring(0, at);
            case 5: // an extreme number instead of the first number from here
                return s.substring(0, at) + s.substring(at).replaceFirst("\\d+(\\.\\d+)?", pick(NUMBERS));
            case 6: // a long or odd name instead of a name
                return s.substring(0, at) + s.substring(at).replaceFirst("[A-Za-z_]\\w*", pick(List.of(
                        "x".repeat(300), "NaN", "z", "n", "L", "sigma", "a1", "W", "b", "phi", "g", "N")));
            case 7: // deep nesting
                return s.substring(0, at) + "(".repeat(random.nextBoolean() ? 20_000 : 70) + s.substring(at);
            default: { // delete a line
                int k = random.nextInt(lines.length);
                return String.join("\n", remove(lines, k));
            }
        }
    }

    /** A random expression over z, numbers, and the functions and operators of the grammar. */
    String expr(int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return random.nextInt(3) == 0 ? number(false) : pick(List.of("z", "z", "Cw", "n", "pi", "x"));
        }
        return switch (random.nextInt(6)) {
            case 0 -> expr(depth - 1) + " " + pick(List.of("+", "-", "*", "/")) + " " + expr(depth - 1);
            case 1 -> expr(depth - 1) + "^" + pick(List.of("2", "3", "-1", "0.5", "z", "1000"));
            case 2 -> "-" + expr(depth - 1);
            case 3 -> "(" + expr(depth - 1) + ")";
            default -> pick(List.of("tanh", "erf", "sin", "cos", "exp", "log", "sqrt", "abs", "sigmoid", "relu",
                    "gelu", "swish", "bar")) + "(" + expr(depth - 1) + ")";
        };
    }

    private String gram(int p) {
        if (random.nextInt(10) == 0) {
            return matrix(p, 1 + random.nextInt(3));
        }
        StringBuilder s = new StringBuilder("[");
        double scale = random.nextInt(6) == 0 ? Math.pow(10, random.nextInt(620) - 310) : 1.0;
        for (int a = 0; a < p; a++) {
            s.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < p; b++) {
                double v = a == b ? scale * (0.5 + random.nextDouble()) : scale * 0.3 * (random.nextDouble() - 0.5);
                s.append(b == 0 ? "" : ", ").append(random.nextInt(30) == 0 ? pick(NUMBERS) : Double.toString(v));
            }
            s.append(']');
        }
        return s.append(']').toString();
    }

    private String matrix(int rows, int columns) {
        StringBuilder s = new StringBuilder("[");
        for (int a = 0; a < rows; a++) {
            s.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < columns; b++) {
                s.append(b == 0 ? "" : ", ").append(random.nextInt(10) == 0 ? pick(NUMBERS)
                        : String.format(java.util.Locale.ROOT, "%.3f", 4 * random.nextDouble() - 2));
            }
            s.append(']');
        }
        return s.append(']').toString();
    }

    private String number(boolean usuallyPlain) {
        if (usuallyPlain && random.nextInt(10) != 0) {
            return pick(List.of("0", "0.1", "1", "1.5", "2"));
        }
        return random.nextInt(5) == 0 ? expr(2) : pick(NUMBERS);
    }

    private String name() {
        return random.nextInt(40) == 0 ? "n".repeat(70 + random.nextInt(300))
                : pick(List.of("net", "mlp", "fuzz_model", "t", "a_b_c", "phi4", "network", "x1"));
    }

    /** Appends a statement, now and then leaving it out or writing it twice. */
    private void statement(StringBuilder s, String line) {
        int r = random.nextInt(80);
        if (r == 0) {
            return;
        }
        s.append(line).append('\n');
        if (r == 1) {
            s.append(line).append('\n');
        }
    }

    /** Mostly (seven times in eight) one of {@code valid}, else one of {@code invalid}. */
    private String choose(List<String> valid, List<String> invalid) {
        return random.nextInt(8) == 0 ? pick(invalid) : pick(valid);
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String[] insert(String[] lines, int k, String line) {
        String[] out = new String[lines.length + 1];
        System.arraycopy(lines, 0, out, 0, k);
        out[k] = line;
        System.arraycopy(lines, k, out, k + 1, lines.length - k);
        return out;
    }

    private static String[] remove(String[] lines, int k) {
        String[] out = new String[lines.length - 1];
        System.arraycopy(lines, 0, out, 0, k);
        System.arraycopy(lines, k + 1, out, k, lines.length - k - 1);
        return out;
    }
}
