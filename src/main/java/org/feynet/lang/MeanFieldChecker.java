package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.lang.NetworkStatement.Depth;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.lang.NetworkStatement.Init;
import org.feynet.lang.NetworkStatement.LearningRates;
import org.feynet.lang.NetworkStatement.Output;
import org.feynet.lang.NetworkStatement.VectorInput;
import org.feynet.lang.NetworkStatement.Width;
import org.feynet.model.Activation;
import org.feynet.model.MeanFieldNetwork;
import org.feynet.model.ScalarExpr;

/**
 * Checks a mean-field (muP) network: a network block with an {@code output} statement. feynet handles exactly
 * <pre>
 *   init W ~ normal(0, 1)                        (optionally also the readout: w ~ normal(0, 1))
 *   input x = [[...], ...]
 *   z[1] = W[1] . x / sqrt(n0)
 *   z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n)   for l = 1 .. L-1      (absent when L = 1)
 *   output f = w . sigma(z[L]) / (gamma0 * n)   with gamma0 = ...   (gamma0 > 0)
 * </pre>
 * with any names for n, L, sigma, z, W, x, w, f and gamma0; n0 is the input dimension. Anything else (biases,
 * another variance, another scaling of a layer or of the readout, a gram input, learning rates) is a
 * parameterization feynet does not handle, reported at the offending place.
 */
final class MeanFieldChecker {

    private static final String UNSUPPORTED = "unsupported parameterization: ";
    private static final String HINT = "feynet trains the mean-field form z[1] = W[1] . x / sqrt(n0), "
            + "z[l+1] = W[l+1] . sigma(z[l]) / sqrt(n), f = w . sigma(z[L]) / (gamma0 * n), weights normal(0, 1)";

    private final Block.Network block;
    private Width width;
    private Depth depth;
    private NetworkStatement activation;
    private Init init;
    private VectorInput input;
    private Output output;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<Equation> equations = new ArrayList<>();

    private MeanFieldChecker(Block.Network block) {
        this.block = block;
    }

    /** Whether {@code block} is a mean-field network (it has an output statement). */
    static boolean isMeanField(Block.Network block) {
        return block.statements().stream().anyMatch(s -> s instanceof Output);
    }

    static CheckedMeanFieldNetwork check(Block.Network block) {
        return new MeanFieldChecker(block).check();
    }

    private CheckedMeanFieldNetwork check() {
        collect();
        if (!block.derives().isEmpty()) {
            throw new SourceError(block.derives().get(0).position(), "derive line after mean-field network '"
                    + block.name().text() + "', expected it after the network's train block",
                    "train " + block.name().text() + " { ... } derive dynamics");
        }
        String n = width.symbol().text();
        Map<String, String> roles = new HashMap<>();
        roles.put(n, "the width");
        roles.put("n0", "the input dimension");
        Constants withoutDepth = new Constants(bindings, Map.of(), roles);
        int layers = withoutDepth.integer(depth.value(), "depth");
        if (layers < 1) {
            throw new SourceError(depth.value().position(), "depth " + depth.symbol().text() + " = " + layers
                    + " is less than 1, expected an integer >= 1");
        }
        Constants constants = new Constants(bindings, Map.of(depth.symbol().text(), (double) layers), roles);
        String sigmaName = activation instanceof ActivationDefinition d ? d.name().text()
                : ((ActivationShorthand) activation).name().text();
        ScalarExpr sigma = activation(constants);
        double[][] x = InputMatrix.vectors(input.matrix(), constants);
        if (x.length == 0 || x[0].length == 0) {
            throw new SourceError(input.position(), "no input samples, expected at least one row [x1, x2, ...]");
        }
        String weights = weightName();
        String z = equations.get(0).layer().name().text();
        equations(layers, constants, weights, z, sigmaName, n);
        Expr.Symbol gamma0 = output(z, sigmaName, n);
        double gamma = constants.value(gamma0);
        if (!(gamma > 0)) {
            throw new SourceError(gamma0.position(), "feature-learning strength " + gamma0.name() + " = "
                    + ExprText.number(gamma) + " is not positive, expected gamma0 > 0");
        }
        String text = activation instanceof ActivationDefinition d ? d.text() : sigmaName;
        Activation act = new Activation(text, sigma, NetworkLowering.closedForm(sigma));
        return new CheckedMeanFieldNetwork(block, n, gamma0.name(),
                new MeanFieldNetwork(block.name().text(), layers, act, x, gamma));
    }

    private void collect() {
        for (NetworkStatement statement : block.statements()) {
            if (statement instanceof Width w) {
                width = once(width, w, "width");
            } else if (statement instanceof Depth d) {
                depth = once(depth, d, "depth");
            } else if (statement instanceof ActivationShorthand || statement instanceof ActivationDefinition) {
                activation = once(activation, statement, "activation");
            } else if (statement instanceof Init i) {
                init = once(init, i, "init");
            } else if (statement instanceof VectorInput v) {
                input = once(input, v, "input");
            } else if (statement instanceof GramInput g) {
                throw new SourceError(g.position(), UNSUPPORTED + "a gram input in a mean-field network, expected raw "
                        + "inputs 'input x = [[...], ...]'", "the trainer needs the input vectors themselves");
            } else if (statement instanceof LearningRates r) {
                throw new SourceError(r.position(), UNSUPPORTED + "learning rates in a mean-field network, expected "
                        + "the rate in the train block", "gradient flow with rate gamma0^2 * n for t = 0 .. T");
            } else if (statement instanceof Output o) {
                output = once(output, o, "output");
            } else if (statement instanceof With w) {
                bindings.addAll(w.bindings());
            } else {
                equations.add((Equation) statement);
            }
        }
        require(width, "width", "'width n'");
        require(depth, "depth", "'depth L = ...'");
        require(activation, "activation", "'activation sigma(z) = ...'");
        require(init, "init", "'init W ~ normal(0, 1)'");
        require(input, "input", "'input x = [[...], ...]'");
        if (equations.isEmpty()) {
            throw new SourceError(block.name().position(), "network '" + block.name().text()
                    + "' has no layer equation, expected z[1] = W[1] . x / sqrt(n0)");
        }
    }

    private <T extends NetworkStatement> T once(T first, T statement, String keyword) {
        return NetworkStatements.once(block, first, statement, keyword);
    }

    private void require(NetworkStatement statement, String keyword, String example) {
        NetworkStatements.require(block, statement, keyword, example);
    }

    private ScalarExpr activation(Constants constants) {
        return NetworkStatements.activation(activation, constants);
    }

    /** The hidden weights' name; every prior is normal(0, 1). */
    private String weightName() {
        String weights = null;
        for (Prior prior : init.priors()) {
            List<Expr> args = prior.arguments();
            boolean standard = prior.distribution().text().equals("normal") && args.size() == 2
                    && isNumber(args.get(0), 0) && isNumber(args.get(1), 1);
            if (!standard) {
                throw new SourceError(prior.position(), UNSUPPORTED + "prior " + prior.parameter().text() + " ~ "
                        + prior.distribution().text() + "(...), expected normal(0, 1)", HINT);
            }
            if (weights == null) {
                weights = prior.parameter().text();
            }
        }
        return weights;
    }

    private static boolean isNumber(Expr expr, double value) {
        return expr instanceof Expr.Number number && number.value() == value;
    }

    private void equations(int layers, Constants constants, String weights, String z, String sigma, String n) {
        String first = weights + "[1]." + input.name().text() + "/sqrt(n0)";
        boolean firstSeen = false;
        boolean hiddenSeen = false;
        for (Equation equation : equations) {
            if (!equation.layer().name().text().equals(z)) {
                throw new SourceError(equation.layer().position(), "unexpected '" + equation.layer().name().text()
                        + "' on the left of a layer equation, expected the pre-activation " + z);
            }
            if (equation.range().isEmpty()) {
                expect(equation.layer(), z + "[1]", "the first layer " + z + "[1]");
                expect(equation.value(), first, "W[1] . x / sqrt(n0)");
                firstSeen = once(firstSeen, equation, "first-layer");
                continue;
            }
            Range range = equation.range().get();
            String l = range.variable().text();
            expect(equation.layer(), z + "[" + l + "+1]", z + "[" + l + "+1]");
            expect(equation.value(), weights + "[" + l + "+1]." + sigma + "(" + z + "[" + l + "])/sqrt(" + n + ")",
                    "W[l+1] . sigma(z[l]) / sqrt(n)");
            int from = constants.integer(range.from(), "range start");
            int to = constants.integer(range.to(), "range end");
            if (from != 1 || to != layers - 1) {
                throw new SourceError(range.position(), "layer range " + l + " = " + from + " .. " + to
                        + ", expected " + l + " = 1 .. " + (layers - 1) + " (the layers 2 .. L)");
            }
            hiddenSeen = once(hiddenSeen, equation, "hidden-layer");
        }
        if (!firstSeen) {
            throw new SourceError(equations.get(0).position(), "no first-layer equation, expected " + z
                    + "[1] = " + weights + "[1] . " + input.name().text() + " / sqrt(n0)");
        }
        if (layers > 1 && !hiddenSeen) {
            throw new SourceError(equations.get(0).position(), "no equation for the layers 2 .. " + layers
                    + ", expected " + z + "[l+1] = " + weights + "[l+1] . " + sigma + "(" + z + "[l]) / sqrt(" + n
                    + ") for l = 1 .. L-1");
        }
    }

    private boolean once(boolean seen, Equation equation, String what) {
        if (seen) {
            throw new SourceError(equation.position(), "second " + what + " equation, expected one");
        }
        return true;
    }

    private static void expect(Expr expr, String expected, String shown) {
        if (!ExprText.of(expr).replace(" ", "").equals(expected)) {
            throw new SourceError(expr.position(), UNSUPPORTED + "'" + ExprText.of(expr) + "', expected " + shown, HINT);
        }
    }

    /** Checks {@code f = w . sigma(z[L]) / (gamma0 * n)}; returns gamma0. */
    private Expr.Symbol output(String z, String sigma, String n) {
        Expr value = output.value();
        String text = ExprText.of(value).replace(" ", "");
        if (value instanceof Expr.Binary divide && divide.operator() == Expr.Operator.DIVIDE
                && divide.right() instanceof Expr.Binary product && product.operator() == Expr.Operator.MULTIPLY
                && product.left() instanceof Expr.Symbol gamma && product.right() instanceof Expr.Symbol width
                && width.name().equals(n)
                && divide.left() instanceof Expr.Binary contract && contract.operator() == Expr.Operator.CONTRACT
                && contract.left() instanceof Expr.Symbol readout
                && text.equals(readout.name() + "." + sigma + "(" + z + "[" + depth.symbol().text() + "])/("
                        + gamma.name() + "*" + n + ")")) {
            return gamma;
        }
        throw new SourceError(value.position(), UNSUPPORTED + "output " + ExprText.of(value) + ", expected w . "
                + sigma + "(" + z + "[" + depth.symbol().text() + "]) / (gamma0 * " + n + ")", HINT);
    }
}
