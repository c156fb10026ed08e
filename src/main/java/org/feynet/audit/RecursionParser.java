package org.feynet.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.feynet.derive.Atom;
import org.feynet.derive.TensorRef;
import org.feynet.derive.Term;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * Reads recursions as a user types them from a paper (docs/LANGUAGE.md, "Recursions for audit"):
 * <pre>
 *   recursion := NAME ' [ indices ] = sum          e.g.  H1'[a b] = Cw &lt;s'_a s'_b&gt; H1[a b] + ...
 *   sum       := [+|-] product { (+|-) product }
 *   product   := factor { [*] factor }
 *   factor    := number [/ number] | Cb | Cw | lambda_b | lambda_W  [^ integer]
 *              | sum_{ index ... }                         (optional: other summed indices are summed too)
 *              | &lt; [d_index ...] ( sigma-factors ) &gt; | &lt; sigma-factors &gt;   (s_a, s'_a, s''_a, sigma'_a, ...)
 *              | TENSOR [ index index ] | TENSOR [ (index index)(index index) ... ]
 *              | ( sum )
 * </pre>
 * A recursion runs until the next line that starts with {@code NAME'[}. Indices are names; those of the left side
 * are the external samples, every other one is summed and must stand once in a derivative and once in a tensor.
 * The tensors are the statistics of the previous layer by their names (K0, K1, V4, V4_1, T6, H0, H1, D, A, F, B,
 * P, Q, R, S, T, U).
 */
final class RecursionParser {

    /** A recursion as read: the statistic on the left, its indices, and its terms in the user's index names. */
    record UserRecursion(Token at, Statistic statistic, List<String> indices, List<Term> terms) {}

    private final String file;
    private final List<Token> tokens;
    private final List<Statistic> known;
    private int next;

    private RecursionParser(String file, String text, List<Statistic> known) {
        this.file = file;
        this.tokens = Token.scan(file, text);
        this.known = known;
    }

    /**
     * The recursions of a file.
     *
     * @param known the statistics the model derives (names on the left and in tensors must be among them)
     * @throws RecursionError at the first mistake
     */
    static List<UserRecursion> parse(String file, String text, List<Statistic> known) {
        RecursionParser p = new RecursionParser(file, text, known);
        List<UserRecursion> out = new ArrayList<>();
        while (p.peek().kind() != Token.Kind.END) {
            out.add(p.recursion());
        }
        if (out.isEmpty()) {
            throw new RecursionError(file, 1, 1, "no recursion in the file",
                    "write one per line, like H0'[a b] = lambda_b + lambda_W <s_a s_b> + Cw <s'_a s'_b> H0[a b]");
        }
        return out;
    }

    // ------------------------------------------------------------------ recursions

    private UserRecursion recursion() {
        Token name = expectName("the name of a statistic, as in H1'[a b] = ...");
        Statistic statistic = statistic(name);
        expect("'", "a prime after " + name.text() + ": the left side is the next layer's " + name.text() + "'[...]");
        List<String> indices = indices(statistic, name);
        for (int i = 0; i < indices.size(); i++) {
            if (indices.subList(0, i).contains(indices.get(i))) {
                throw error(name, "the sample index " + indices.get(i) + " appears twice on the left side",
                        "the left side names each external sample once");
            }
        }
        expect("=", "'=' after the left side");
        List<Product> sum = sum();
        List<Term> terms = new ArrayList<>();
        for (Product p : sum) {
            if (p.cb() > 1) {
                throw error(name, "a term of " + name.text() + "' holds Cb more than once",
                        "Cb enters the recursions only as the constant term Cb");
            }
            terms.add(p.term());
        }
        return new UserRecursion(name, statistic, indices, terms);
    }

    private boolean startsRecursion() {
        return peek().first() && peek().kind() == Token.Kind.NAME && peek(1).is("'") && peek(2).is("[");
    }

    private List<Product> sum() {
        List<Product> out = new ArrayList<>();
        boolean negative = false;
        if (peek().is("+") || peek().is("-")) {
            negative = take().is("-");
        }
        out.addAll(signed(product(), negative));
        while ((peek().is("+") || peek().is("-")) && !startsRecursion()) {
            negative = take().is("-");
            out.addAll(signed(product(), negative));
        }
        return out;
    }

    private static List<Product> signed(List<Product> products, boolean negative) {
        return negative ? products.stream().map(p -> p.times(Product.number(BigFraction.MINUS_ONE))).toList()
                : products;
    }

    /** A product of factors, expanded over the sums in parentheses. */
    private List<Product> product() {
        List<Product> out = List.of(Product.one());
        do {
            if (peek().is("*")) {
                take();
            }
            List<Product> factor = factor();
            List<Product> expanded = new ArrayList<>();
            for (Product p : out) {
                for (Product f : factor) {
                    expanded.add(p.times(f));
                }
            }
            out = expanded;
        } while (startsFactor());
        return out;
    }

    private boolean startsFactor() {
        Token t = peek();
        if (startsRecursion()) {
            return false;
        }
        return t.is("*") || t.is("<") || t.is("(") || t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.NAME;
    }

    private List<Product> factor() {
        Token t = peek();
        if (t.kind() == Token.Kind.NUMBER) {
            return List.of(Product.number(number()));
        }
        if (t.is("(")) {
            take();
            List<Product> inner = sum();
            expect(")", "')' to close the sum opened at line " + t.line() + ", column " + t.column());
            return inner;
        }
        if (t.is("<")) {
            return List.of(Product.atom(atom()));
        }
        if (t.kind() == Token.Kind.NAME) {
            return List.of(named());
        }
        throw error(t, "expected a factor (a number, Cw, Cb, lambda_b, lambda_W, sum_{...}, <...>, a tensor or"
                + " a parenthesised sum), found '" + t.text() + "'", null);
    }

    private BigFraction number() {
        BigFraction value = decimal(take());
        if (peek().is("/") && peek(1).kind() == Token.Kind.NUMBER) {
            take();
            Token d = peek();
            BigFraction denominator = decimal(take());
            if (denominator.signum() == 0) {
                throw error(d, "division by zero", null);
            }
            value = value.divide(denominator);
        }
        return value;
    }

    private BigFraction decimal(Token t) {
        try {
            BigDecimal d = new BigDecimal(t.text());
            return d.scale() <= 0 ? new BigFraction(d.toBigIntegerExact())
                    : new BigFraction(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(t, "'" + t.text() + "' is not a number", null);
        }
    }

    /** A hyperparameter, a sum declaration or a tensor. */
    private Product named() {
        Token t = take();
        switch (t.text()) {
            case "Cw", "Cb" -> {
                return Product.hyper(t.text(), power());
            }
            case "C", "lambda" -> {
                expect("_", "'_' in " + t.text() + "_...");
                Token sub = expectName("b or W after " + t.text() + "_");
                String name = t.text() + "_" + sub.text();
                if (!List.of("C_b", "C_W", "lambda_b", "lambda_W").contains(name)) {
                    throw error(sub, "unknown hyperparameter " + name, "the recursions use Cb, Cw, lambda_b, lambda_W");
                }
                return Product.hyper(name.equals("C_b") ? "Cb" : name.equals("C_W") ? "Cw" : name, power());
            }
            case "sum" -> {
                expect("_", "'_' in sum_{...}");
                expect("{", "'{' after sum_");
                while (!peek().is("}")) {
                    expectName("an index name in sum_{...}");
                    if (peek().is(",")) {
                        take();
                    }
                }
                take();
                return Product.one();
            }
            default -> {
                Statistic statistic = statistic(t);
                return Product.tensor(new TensorRef(statistic, indices(statistic, t)));
            }
        }
    }

    private int power() {
        if (!peek().is("^")) {
            return 1;
        }
        take();
        boolean braced = peek().is("{");
        if (braced) {
            take();
        }
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || !t.text().matches("[0-9]+")) {
            throw error(t, "expected a whole power after ^, found '" + t.text() + "'", null);
        }
        take();
        if (braced) {
            expect("}", "'}' after the power");
        }
        return Integer.parseInt(t.text());
    }

    /** &lt;d_c d_d (s'_a s_b)&gt; or &lt;s_a s_b&gt;. */
    private Atom atom() {
        Token open = take();
        List<String> derivatives = new ArrayList<>();
        while (peek().isName("d") && peek(1).is("_")) {
            take();
            take();
            derivatives.add(expectName("a sample index after d_").text());
        }
        boolean grouped = peek().is("(");
        if (grouped) {
            take();
        } else if (!derivatives.isEmpty()) {
            throw error(peek(), "expected '(' after the derivatives, as in <d_c d_d (s_a s_b)>", null);
        }
        List<String> samples = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        while (peek().isName("s") || peek().isName("sigma")) {
            take();
            int order = 0;
            while (peek().is("'")) {
                take();
                order++;
            }
            expect("_", "'_' before the sample of a sigma factor, as in s'_a");
            samples.add(expectName("a sample index").text());
            orders.add(order);
        }
        if (samples.isEmpty()) {
            throw error(peek(), "expected sigma factors (s_a, s'_a, ...) in the Gaussian expectation opened at line "
                    + open.line() + ", column " + open.column(), null);
        }
        if (grouped) {
            expect(")", "')' after the sigma factors");
        }
        expect(">", "'>' to close the Gaussian expectation");
        return new Atom(samples, orders, derivatives);
    }

    /** [a b] for one pair, [(a b)(c d)...] for several. */
    private List<String> indices(Statistic statistic, Token name) {
        expect("[", "'[' and the sample indices of " + name.text());
        List<String> out = new ArrayList<>();
        if (peek().is("(")) {
            while (peek().is("(")) {
                take();
                out.add(expectName("a sample index").text());
                out.add(expectName("a second sample index in the pair").text());
                expect(")", "')' after a pair of sample indices");
            }
        } else {
            while (peek().kind() == Token.Kind.NAME) {
                out.add(take().text());
            }
        }
        expect("]", "']' after the sample indices");
        if (out.size() != statistic.rank()) {
            throw error(name, statistic + " has " + statistic.rank() + " sample indices, found " + out.size(),
                    statistic.size() == 1 ? "write " + statistic + "[a b]" : statistic.pairedIndices()
                            ? "write " + statistic + "[(a b)(c d)]" : "write " + statistic + "[a b c d]");
        }
        return out;
    }

    private Statistic statistic(Token t) {
        String name = t.text();
        if (peek().is("_") && peek(1).kind() == Token.Kind.NUMBER) {
            take();
            name += "_" + take().text();
        }
        for (Statistic s : known) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw error(t, "unknown statistic '" + name + "'", "this model derives "
                + String.join(", ", known.stream().map(Statistic::name).toList()));
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Token.Kind.END) {
            next++;
        }
        return t;
    }

    private Token expect(String symbol, String what) {
        if (!peek().is(symbol)) {
            throw error(peek(), "expected " + what + ", found '" + peek().text() + "'", null);
        }
        return take();
    }

    private Token expectName(String what) {
        if (peek().kind() != Token.Kind.NAME) {
            throw error(peek(), "expected " + what + ", found '" + peek().text() + "'", null);
        }
        return take();
    }

    private RecursionError error(Token at, String detail, String hint) {
        return new RecursionError(at, file, detail, hint);
    }

    /** A product being read: coefficient, hyperparameter powers, expectations, tensors. */
    private record Product(BigFraction coefficient, int cw, int cb, int lambdaB, int lambdaW, List<Atom> atoms,
                           List<TensorRef> tensors) {

        static Product one() {
            return new Product(BigFraction.ONE, 0, 0, 0, 0, List.of(), List.of());
        }

        static Product number(BigFraction value) {
            return new Product(value, 0, 0, 0, 0, List.of(), List.of());
        }

        static Product hyper(String name, int power) {
            return switch (name) {
                case "Cw" -> new Product(BigFraction.ONE, power, 0, 0, 0, List.of(), List.of());
                case "Cb" -> new Product(BigFraction.ONE, 0, power, 0, 0, List.of(), List.of());
                case "lambda_b" -> new Product(BigFraction.ONE, 0, 0, power, 0, List.of(), List.of());
                default -> new Product(BigFraction.ONE, 0, 0, 0, power, List.of(), List.of());
            };
        }

        static Product atom(Atom atom) {
            return new Product(BigFraction.ONE, 0, 0, 0, 0, List.of(atom), List.of());
        }

        static Product tensor(TensorRef tensor) {
            return new Product(BigFraction.ONE, 0, 0, 0, 0, List.of(), List.of(tensor));
        }

        Product times(Product o) {
            List<Atom> a = new ArrayList<>(atoms);
            a.addAll(o.atoms);
            List<TensorRef> t = new ArrayList<>(tensors);
            t.addAll(o.tensors);
            return new Product(coefficient.multiply(o.coefficient), cw + o.cw, cb + o.cb, lambdaB + o.lambdaB,
                    lambdaW + o.lambdaW, a, t);
        }

        Term term() {
            return new Term(coefficient, cw, cb == 1, lambdaB, lambdaW, atoms, tensors);
        }
    }
}
