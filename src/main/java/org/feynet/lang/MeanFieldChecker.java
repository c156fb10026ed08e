package org.feynet.lang;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.lang.NetworkStatement.Output;
import org.feynet.lang.NetworkStatement.VectorInput;
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
    /** The block's statements sorted by kind. */
    private final NetworkDeclarations found;

    private MeanFieldChecker(Block.Network block) {
        this.block = block;
        this.found = NetworkDeclarations.of(block);
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
        String n = found.widthName();
        Map<String, String> roles = new HashMap<>();
        roles.put(n, "the width");
        roles.put("n0", "the input dimension");
        int layers = found.layers(roles);
        Constants constants = new Constants(found.bindings(), Map.of(found.depthName(), (double) layers),
                roles);
        String sigmaName = found.activation() instanceof ActivationDefinition d ? d.name().text()
                : ((ActivationShorthand) found.activation()).name().text();
        ScalarExpr sigma = activation(constants);
        double[][] x = InputMatrix.vectors(input().matrix(), constants);
        if (x.length == 0 || x[0].length == 0) {
            throw new SourceError(input().position(), "no input samples, expected at least one row [x1, x2, ...]");
        }
        String weights = weightName();
        String z = found.equations().get(0).layer().name().text();
        equations(layers, constants, weights, z, sigmaName, n);
        Expr.Symbol gamma0 = output(z, sigmaName, n);
        double gamma = constants.value(gamma0);
        if (!(gamma > 0)) {
            throw new SourceError(gamma0.position(), "feature-learning strength " + gamma0.name() + " = "
                    + ExprText.number(gamma) + " is not positive, expected gamma0 > 0");
        }
        String text = found.activation() instanceof ActivationDefinition d ? d.text() : sigmaName;
        Activation act = new Activation(text, sigma, NetworkLowering.closedForm(sigma));
        return new CheckedMeanFieldNetwork(block, n, gamma0.name(),
                new MeanFieldNetwork(block.name().text(), layers, act, x, gamma));
    }

    /** Refuses what the mean-field form has no place for and requires what it needs. */
    private void collect() {
        if (found.input() instanceof GramInput g) {
            throw new SourceError(g.position(), UNSUPPORTED + "a gram input in a mean-field network, expected raw "
                    + "inputs 'input x = [[...], ...]'", "the trainer needs the input vectors themselves");
        }
        NetworkDeclarations.refuse(found.rates(), UNSUPPORTED + "learning rates in a mean-field network, expected "
                + "the rate in the train block", "gradient flow with rate gamma0^2 * n for t = 0 .. T");
        NetworkDeclarations.refuse(found.closure(), UNSUPPORTED + "a closure in a mean-field network, expected "
                + "none", "closures choose the state of residual networks at finite width");
        found.require(found.width(), "width", "'width n'");
        found.require(found.depth(), "depth", "'depth L = ...'");
        found.require(found.activation(), "activation", "'activation sigma(z) = ...'");
        found.require(found.init(), "init", "'init W ~ normal(0, 1)'");
        found.require(found.input(), "input", "'input x = [[...], ...]'");
        if (found.equations().isEmpty()) {
            throw new SourceError(block.name().position(), "network '" + block.name().text()
                    + "' has no layer equation, expected z[1] = W[1] . x / sqrt(n0)");
        }
    }

    /** The raw inputs (a gram input was refused in {@link #collect}). */
    private VectorInput input() {
        return (VectorInput) found.input();
    }

    private ScalarExpr activation(Constants constants) {
        return NetworkStatements.activation(found.activation(), constants);
    }

    /** The hidden weights' name; every prior is normal(0, 1). */
    private String weightName() {
        String weights = null;
        for (Prior prior : found.init().priors()) {
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
        String first = weights + "[1]." + input().name().text() + "/sqrt(n0)";
        boolean firstSeen = false;
        boolean hiddenSeen = false;
        for (Equation equation : found.equations()) {
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
            throw new SourceError(found.equations().get(0).position(), "no first-layer equation, expected " + z
                    + "[1] = " + weights + "[1] . " + input().name().text() + " / sqrt(n0)");
        }
        if (layers > 1 && !hiddenSeen) {
            throw new SourceError(found.equations().get(0).position(), "no equation for the layers 2 .. " + layers
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
        Expr value = found.output().value();
        String text = ExprText.of(value).replace(" ", "");
        if (value instanceof Expr.Binary divide && divide.operator() == Expr.Operator.DIVIDE
                && divide.right() instanceof Expr.Binary product && product.operator() == Expr.Operator.MULTIPLY
                && product.left() instanceof Expr.Symbol gamma && product.right() instanceof Expr.Symbol width
                && width.name().equals(n)
                && divide.left() instanceof Expr.Binary contract && contract.operator() == Expr.Operator.CONTRACT
                && contract.left() instanceof Expr.Symbol readout
                && text.equals(readout.name() + "." + sigma + "(" + z + "[" + found.depthName() + "])/("
                        + gamma.name() + "*" + n + ")")) {
            return gamma;
        }
        throw new SourceError(value.position(), UNSUPPORTED + "output " + ExprText.of(value) + ", expected w . "
                + sigma + "(" + z + "[" + found.depthName() + "]) / (gamma0 * " + n + ")", HINT);
    }
}
