package org.feynet.lang;

import org.feynet.lang.CheckedNetwork.Role;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.model.Activation;
import org.feynet.model.Closure;
import org.feynet.model.ResidualModel;
import org.feynet.model.ScalarExpr;

/**
 * A checked residual network as a {@link ResidualModel}. Every layer 1..L reads
 * {@code z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))} (the sums and the product in either order; the scale
 * is a positive number, a hyperparameter, or a per-layer list {@code eps[l]} with one entry per block, and may be
 * left out for eps = 1); the gram input is the kernel of the stream z[0]; {@code closure} picks the state.
 */
final class ResidualLowering {

    static final String FORM = "z[l+1] = z[l] + eps * (b[l+1] + W[l+1] . sigma(z[l]))";

    private final CheckedNetwork network;
    private String bias;
    private String weight;

    private ResidualLowering(CheckedNetwork network) {
        this.network = network;
    }

    /** Whether any layer equation has the pre-activation on the right outside the activation. */
    static boolean isResidual(CheckedNetwork network) {
        for (Equation equation : network.equations()) {
            if (skip(equation.value(), network.preactivation()) != null) {
                return true;
            }
        }
        return false;
    }

    static ResidualModel lower(CheckedNetwork network) {
        return new ResidualLowering(network).lower();
    }

    private ResidualModel lower() {
        if (!(network.input() instanceof GramInput)) {
            NetworkStatement input = network.input();
            throw new SourceError(input.position(), "residual stream dimension mismatch: the raw inputs have dimension n0 = "
                    + network.inputs()[0].length + " but the stream z[0] has width " + network.width()
                    + ", expected 'input gram [[...]]' giving the kernel of z[0]",
                    "embed the inputs first; the gram of the stream is Cb + Cw x.x/n0 for an embedding z[0] = b + W . x");
        }
        if (!network.observable().equals("metric")) {
            throw new SourceError(network.block().derives().get(0).position(), "derive " + network.observable()
                    + " is not supported for residual networks yet, expected derive metric to order 1/n");
        }
        if (network.order() != 1) {
            throw new SourceError(network.block().derives().get(0).position(), "residual networks are derived to order 1/"
                    + network.width() + ", found 1/" + network.width() + "^" + network.order());
        }
        int depth = network.depth();
        double[] eps = new double[depth];
        for (int k = 0; k <= depth; k++) {
            Equation equation = network.layers().get(k);
            if (k == 0 && equation != null) {
                throw new SourceError(equation.layer().position(), "layer 0 is the residual stream given by the gram input,"
                        + " expected the layer equations to start at layer 1 (for l = 0 .. L-1)");
            }
            if (k == 0) {
                continue;
            }
            if (equation == null) {
                Equation last = network.equations().get(network.equations().size() - 1);
                throw new SourceError(last.position(), "no equation defines layer " + k + ", expected " + FORM
                        + " for every layer from 1 to " + depth);
            }
            eps[k - 1] = scale(equation, k - 1);
        }
        ScalarExpr sigma = network.activation();
        Activation activation = new Activation(network.activationText(), sigma, NetworkLowering.closedForm(sigma));
        return new ResidualModel(network.block().name().text(), activation, value(bias), value(weight), eps,
                network.inputs(), closure());
    }

    private Closure closure() {
        NetworkStatement.ClosureChoice choice = network.closure();
        if (choice == null) {
            return Closure.EXACT;
        }
        Closure c = Closure.of(choice.name().text());
        if (c == null) {
            Closure relaxed = Closure.ofIgnoringCase(choice.name().text());
            throw new SourceError(choice.name().position(), "unknown closure '" + choice.name().text() + "', expected one of "
                    + Closure.keywords(), relaxed != null ? "did you mean closure " + relaxed.keyword() + "?" : null);
        }
        return c;
    }

    /** The addends of a sum, flattened: a + b + c gives [a, b, c]. */
    private static java.util.List<Expr> addends(Expr value) {
        java.util.List<Expr> terms = new java.util.ArrayList<>();
        if (value instanceof Expr.Binary sum && sum.operator() == Expr.Operator.ADD) {
            terms.addAll(addends(sum.left()));
            terms.addAll(addends(sum.right()));
        } else {
            terms.add(value);
        }
        return terms;
    }

    /** The pre-activation z[..] added outside the activation at the top of {@code value}, or null. */
    private static Expr.Index skip(Expr value, String preactivation) {
        for (Expr term : addends(value)) {
            if (term instanceof Expr.Index i && i.name().text().equals(preactivation)) {
                return i;
            }
        }
        return null;
    }

    /** Whether some layer equation adds the pre-activation outside the activation (a skip connection). */
    static boolean hasSkip(java.util.List<Equation> equations, String preactivation) {
        for (Equation equation : equations) {
            if (skip(equation.value(), preactivation) != null) {
                return true;
            }
        }
        return false;
    }

    /** The residual scale of the equation of layer {@code below + 1}, after checking the equation's form. */
    private double scale(Equation equation, int below) {
        Expr.Index skip = skip(equation.value(), network.preactivation());
        if (skip == null) {
            throw new SourceError(equation.position(), "a residual network needs every layer in the form " + FORM
                    + ", this equation has no skip connection " + network.preactivation() + "[l] + ...");
        }
        java.util.List<Expr> rest = new java.util.ArrayList<>(addends(equation.value()));
        rest.remove(skip);
        Expr branch = rest.size() == 2
                ? new Expr.Binary(rest.get(0).position(), Expr.Operator.ADD, rest.get(0), rest.get(1))
                : rest.get(0);
        if (rest.size() > 2) {
            throw new SourceError(rest.get(2).position(), "unexpected term " + ExprText.of(rest.get(2))
                    + " in a residual layer, expected " + FORM);
        }
        Expr scale = null;
        if (branch instanceof Expr.Binary product && product.operator() == Expr.Operator.MULTIPLY) {
            boolean leftIsBranch = isBranch(product.left());
            scale = leftIsBranch ? product.right() : product.left();
            branch = leftIsBranch ? product.left() : product.right();
        }
        if (!isBranch(branch)) {
            throw new SourceError(branch.position(), "unexpected residual branch " + ExprText.of(branch) + ", expected "
                    + FORM);
        }
        if (scale == null) {
            return 1.0;
        }
        double value = scaleValue(scale, below);
        if (!(value > 0)) {
            throw new SourceError(scale.position(), "residual scale " + Constants.describe(scale, value)
                    + " is not positive, expected eps > 0");
        }
        return value;
    }

    private double scaleValue(Expr scale, int below) {
        Constants constants = network.constants();
        if (scale instanceof Expr.Index indexed) {
            Expr list = constants.binding(indexed.name().text());
            if (!(list instanceof Expr.ListLiteral entries)) {
                throw new SourceError(indexed.position(), "'" + indexed.name().text() + "' is not a list, expected "
                        + indexed.name().text() + " = [eps_0, ..., eps_{L-1}] for a per-layer scale");
            }
            if (entries.elements().size() != network.depth()) {
                throw new SourceError(list.position(), "the per-layer scale " + indexed.name().text() + " has "
                        + entries.elements().size() + " entries, expected one per residual block (" + network.depth() + ")");
            }
            return constants.value(entries.elements().get(below));
        }
        if (scale instanceof Expr.Symbol s && constants.binding(s.name()) instanceof Expr.ListLiteral) {
            throw new SourceError(s.position(), "'" + s.name() + "' is a list, expected " + s.name() + "[l] for a per-layer scale");
        }
        return constants.value(scale);
    }

    /** Whether {@code expr} is b[k] + W[k] . sigma(z[k-1]), recording the bias and weight names. */
    private boolean isBranch(Expr expr) {
        if (!(expr instanceof Expr.Binary sum && sum.operator() == Expr.Operator.ADD)) {
            return false;
        }
        Expr left = sum.left() instanceof Expr.Binary ? sum.right() : sum.left();
        Expr right = sum.left() instanceof Expr.Binary ? sum.left() : sum.right();
        if (!(left instanceof Expr.Index b && role(b) == Role.BIAS
                && right instanceof Expr.Binary product && product.operator() == Expr.Operator.CONTRACT
                && product.left() instanceof Expr.Index w && role(w) == Role.WEIGHT
                && product.right() instanceof Expr.Call c && c.function().text().equals(network.activationName()))) {
            return false;
        }
        if (bias != null && !bias.equals(b.name().text()) || weight != null && !weight.equals(w.name().text())) {
            throw new SourceError(expr.position(), "different biases or weights in different layers are not supported yet");
        }
        bias = b.name().text();
        weight = w.name().text();
        return true;
    }

    private Role role(Expr.Index index) {
        CheckedNetwork.Parameter parameter = network.parameters().get(index.name().text());
        return parameter == null ? null : parameter.role();
    }

    private double value(String parameter) {
        return network.parameters().get(parameter).value();
    }
}
