package org.feynet.lang;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.Features;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.lang.NetworkStatement.LearningRates;
import org.feynet.lang.NetworkStatement.VectorInput;
import org.feynet.model.Activation;
import org.feynet.model.FourierResidualNetwork;
import org.feynet.model.FourierResidualNetwork.FourierFeatures;
import org.feynet.model.ScalarExpr;

/**
 * Checks a Fourier-feature residual network: a network block with a {@code features} statement. feynet handles
 * exactly (docs/LANGUAGE.md, "Fourier-feature residual networks")
 * <pre>
 *   width n
 *   depth L = 8
 *   activation sigma(z) = tanh(z)
 *   features gamma(x) = fourier(m, s) with s = 1.0          (m symbolic: m -&gt; infinity; or bound to a count)
 *   init b ~ normal(0, Cb), W ~ normal(0, Cw/n), W[0] ~ normal(0, 1), w ~ normal(0, 1) with Cb = .., Cw = ..
 *   learning rates lambda_b = 1, lambda_W = 1                (optional; both default to 1)
 *   input x = [[...], ...]
 *   z[0] = W[0] . gamma(x)
 *   z[l+1] = z[l] + alpha[l] * mask[l] * (b[l+1] + W[l+1] . sigma(z[l]))   for l = 0 .. L-1
 *   with alpha[l] = 1.0 / sqrt(L), mask[l] ~ bernoulli(0.8)
 *   output f = w . sigma(z[L]) / sqrt(n)
 * </pre>
 * with any names; alpha may also be a plain hyperparameter ({@code alpha = 0.3}, the same in every block). Rules:
 * 1 &lt;= L &lt;= {@value #MAX_DEPTH}; the feature map is fourier with s &gt; 0 and m a symbol or a whole number &gt;= 1; Cb &gt;= 0, Cw &gt; 0; the mask
 * probability is in (0, 1]; the learning-rate groups are lambda_ and the bias or the hidden weight; the derive line
 * (optional, after the network or after its train block) asks for ntk or nngp to order 1/n (or nothing: infinite
 * width).
 */
final class FourierResidualChecker {

    private static final String UNSUPPORTED = "unsupported Fourier-feature residual network: ";
    private static final String FORM = "z[l+1] = z[l] + alpha[l] * mask[l] * (b[l+1] + W[l+1] . sigma(z[l]))"
            + " for l = 0 .. L-1";
    private static final List<String> OBSERVABLES = List.of("ntk", "nngp");
    /** The deepest network accepted: the exact mask average grows with L (2^L patterns for unequal scales). */
    static final int MAX_DEPTH = 256;

    private final Block.Network block;
    /** The block's statements sorted by kind. */
    private final NetworkDeclarations found;

    private FourierResidualChecker(Block.Network block) {
        this.block = block;
        this.found = NetworkDeclarations.of(block);
    }

    /** Whether {@code block} is a Fourier-feature residual network (it has a features statement). */
    static boolean isFourierResidual(Block.Network block) {
        return block.statements().stream().anyMatch(s -> s instanceof Features);
    }

    static CheckedFourierResidual check(Block.Network block) {
        return new FourierResidualChecker(block).check();
    }

    private CheckedFourierResidual check() {
        collect();
        String n = found.widthName();
        Map<String, String> roles = new HashMap<>();
        roles.put(n, "the width");
        int layers = found.layers(roles);
        if (layers > MAX_DEPTH) {
            throw found.depthRefused("depth " + found.depthName() + " = " + layers + " is beyond the " + MAX_DEPTH
                    + " blocks feynet averages the masks of, expected an integer from 1 to " + MAX_DEPTH);
        }
        Constants constants = new Constants(found.bindings(), Map.of(found.depthName(), (double) layers),
                roles);
        String sigmaName = found.activation() instanceof ActivationDefinition d ? d.name().text()
                : ((ActivationShorthand) found.activation()).name().text();
        ScalarExpr sigma = NetworkStatements.activation(found.activation(), constants);
        String text = found.activation() instanceof ActivationDefinition d ? d.text() : sigmaName;
        Activation act = new Activation(text, sigma, NetworkLowering.closedForm(sigma));
        FourierFeatures fourier = features(constants);
        double[][] x = InputMatrix.vectors(input().matrix(), constants);
        if (x.length == 0 || x[0].length == 0) {
            throw new SourceError(input().position(), "no input samples, expected at least one row [x1, x2, ...]");
        }
        Names names = equations(layers, constants, sigmaName, n);
        double[] variances = priors(names, constants, n);
        double[] alpha = blockValues(names.alpha(), layers, constants, names.index());
        double keep = maskProbability(names.mask(), constants);
        org.feynet.model.LearningRates learning = learningRates(names, constants);
        int order = order(block.derives(), n);
        FourierResidualNetwork model = new FourierResidualNetwork(block.name().text(), act, layers, fourier,
                variances[0], variances[1], alpha, keep, learning, x, order);
        return new CheckedFourierResidual(block, n, model);
    }

    // ------------------------------------------------------------------ statements

    /** Refuses what the Fourier-feature form has no place for and requires what it needs. */
    private void collect() {
        String expected = ", expected width, depth, activation, features, init, learning rates, input x = [[...]], with,"
                + " the layer equations or output";
        NetworkDeclarations.refuse(found.input() instanceof GramInput ? found.input() : null,
                UNSUPPORTED + "this statement" + expected, "the Fourier features need the input vectors themselves");
        NetworkDeclarations.refuse(found.closure(), UNSUPPORTED + "this statement" + expected, null);
        found.require(found.width(), "width", "'width n'");
        found.require(found.depth(), "depth", "'depth L = ...'");
        found.require(found.activation(), "activation", "'activation sigma(z) = ...'");
        found.require(found.init(), "init",
                "'init b ~ normal(0, Cb), W ~ normal(0, Cw/n), W[0] ~ normal(0, 1), w ~ normal(0, 1)'");
        found.require(found.input(), "input", "'input x = [[...], ...]'");
        found.require(found.output(), "output", "'output f = w . sigma(z[L]) / sqrt(n)'");
        if (found.equations().size() != 2) {
            List<Equation> equations = found.equations();
            throw new SourceError(equations.size() > 2 ? equations.get(2).position() : block.name().position(),
                    "network '" + block.name().text() + "' has " + equations.size() + " layer equations, expected two: "
                    + "z[0] = W[0] . gamma(x) and " + FORM);
        }
    }

    /** The raw inputs (a gram input was refused in {@link #collect}). */
    private VectorInput input() {
        return (VectorInput) found.input();
    }

    private FourierFeatures features(Constants constants) {
        if (!(found.features().value() instanceof Expr.Call call) || !call.function().text().equals("fourier")) {
            Expr value = found.features().value();
            Position at = value instanceof Expr.Call c ? c.function().position() : value.position();
            String shown = found.features().value() instanceof Expr.Call c ? "'" + c.function().text() + "'"
                    : "'" + ExprText.of(found.features().value()) + "'";
            throw new SourceError(at, "unknown feature map " + shown + ", expected fourier(m, s)",
                    "gamma(x) = [cos(2 pi B x), sin(2 pi B x)] / sqrt(m), B iid normal(0, s^2)");
        }
        if (call.arguments().size() != 2) {
            throw new SourceError(call.position(), "fourier takes 2 arguments (m, s), found " + call.arguments().size());
        }
        Expr count = call.arguments().get(0);
        int m = 0;
        if (!(count instanceof Expr.Symbol symbol) || constants.has(symbol.name())) {
            m = constants.integer(count, "feature count");
            if (m < 1) {
                throw new SourceError(count.position(), "feature count " + Constants.describe(count, m)
                        + " is less than 1, expected a whole number >= 1 or a symbol (m -> infinity)");
            }
        }
        Expr scaleExpr = call.arguments().get(1);
        double s = constants.value(scaleExpr);
        if (!(s > 0)) {
            throw new SourceError(scaleExpr.position(), "frequency scale " + Constants.describe(scaleExpr, s)
                    + " is not positive, expected s > 0");
        }
        return new FourierFeatures(m, s);
    }

    // ------------------------------------------------------------------ equations

    /** The names the equations give the parameters. */
    private record Names(String z, String weight, String bias, String readout, String alpha, String mask,
                         String index) {}

    private Names equations(int layers, Constants constants, String sigma, String n) {
        Equation first = null;
        Equation residual = null;
        for (Equation equation : found.equations()) {
            if (equation.range().isEmpty()) {
                first = first == null ? equation : fail(equation.position(), "second first-layer equation, expected"
                        + " one z[0] = W[0] . gamma(x)");
            } else {
                residual = residual == null ? equation : fail(equation.position(), "second residual equation,"
                        + " expected one " + FORM);
            }
        }
        if (first == null || residual == null) {
            throw new SourceError(found.equations().get(0).position(), "expected the two layer equations"
                    + " z[0] = W[0] . gamma(x) and " + FORM);
        }
        String z = first.layer().name().text();
        String gamma = found.features().name().text();
        Range range = residual.range().get();
        String l = range.variable().text();
        Names names = residualNames(residual, z, l);
        expect(first.layer(), z + "[0]", z + "[0]");
        expect(first.value(), names.weight() + "[0]." + gamma + "(" + input().name().text() + ")",
                names.weight() + "[0] . " + gamma + "(" + input().name().text() + ")");
        Name parameter = found.features().parameter();
        if (!parameter.text().equals(input().name().text())) {
            throw new SourceError(parameter.position(), "feature map of '" + parameter.text()
                    + "', expected one of the input " + input().name().text());
        }
        expect(residual.layer(), z + "[" + l + "+1]", z + "[" + l + "+1]");
        String body = z + "[" + l + "]+" + names.alpha() + "[" + l + "]*" + names.mask() + "[" + l + "]*("
                + names.bias() + "[" + l + "+1]+" + names.weight() + "[" + l + "+1]." + sigma + "(" + z + "[" + l + "]))";
        String plainAlpha = body.replace(names.alpha() + "[" + l + "]*", names.alpha() + "*");
        String written = ExprText.of(residual.value()).replace(" ", "");
        if (!written.equals(body) && !written.equals(plainAlpha)) {
            throw new SourceError(residual.value().position(), UNSUPPORTED + "'" + ExprText.of(residual.value())
                    + "', expected " + FORM.substring(FORM.indexOf('=') + 2, FORM.indexOf(" for")));
        }
        int from = constants.integer(range.from(), "range start");
        int to = constants.integer(range.to(), "range end");
        if (from != 0 || to != layers - 1) {
            throw new SourceError(range.position(), "block range " + l + " = " + from + " .. " + to + ", expected "
                    + l + " = 0 .. " + (layers - 1) + " (the blocks 0 .. L-1)");
        }
        String readout = readout(z, sigma, n);
        return new Names(z, names.weight(), names.bias(), readout, names.alpha(), names.mask(), l);
    }

    /** alpha, mask, b and W as the residual equation names them (its shape is checked afterwards). */
    private Names residualNames(Equation residual, String z, String l) {
        if (residual.value() instanceof Expr.Binary sum && sum.operator() == Expr.Operator.ADD
                && sum.right() instanceof Expr.Binary scaled && scaled.operator() == Expr.Operator.MULTIPLY
                && scaled.left() instanceof Expr.Binary scales && scales.operator() == Expr.Operator.MULTIPLY
                && scales.right() instanceof Expr.Index mask
                && scaled.right() instanceof Expr.Binary inner && inner.operator() == Expr.Operator.ADD
                && inner.left() instanceof Expr.Index bias
                && inner.right() instanceof Expr.Binary contract && contract.operator() == Expr.Operator.CONTRACT
                && contract.left() instanceof Expr.Index weight) {
            String alpha = scales.left() instanceof Expr.Index a ? a.name().text()
                    : scales.left() instanceof Expr.Symbol s ? s.name() : null;
            boolean maskFirst = found.perBlock().stream().anyMatch(item -> item instanceof Prior p
                    && p.parameter().text().equals(alpha));
            if (alpha != null && !maskFirst) {
                return new Names(z, weight.name().text(), bias.name().text(), null, alpha, mask.name().text(), l);
            }
        }
        throw new SourceError(residual.value().position(), UNSUPPORTED + "'" + ExprText.of(residual.value())
                + "', expected " + FORM.substring(FORM.indexOf('=') + 2, FORM.indexOf(" for")));
    }

    /** Checks {@code f = w . sigma(z[L]) / sqrt(n)}; returns w. */
    private String readout(String z, String sigma, String n) {
        Expr value = found.output().value();
        if (value instanceof Expr.Binary divide && divide.operator() == Expr.Operator.DIVIDE
                && divide.left() instanceof Expr.Binary contract && contract.operator() == Expr.Operator.CONTRACT
                && contract.left() instanceof Expr.Symbol readout
                && ExprText.of(value).replace(" ", "").equals(readout.name() + "." + sigma + "(" + z + "["
                        + found.depthName() + "])/sqrt(" + n + ")")) {
            return readout.name();
        }
        throw new SourceError(value.position(), UNSUPPORTED + "output " + ExprText.of(value) + ", expected w . "
                + sigma + "(" + z + "[" + found.depthName() + "]) / sqrt(" + n + ")");
    }

    private static void expect(Expr expr, String expected, String shown) {
        if (!ExprText.of(expr).replace(" ", "").equals(expected)) {
            throw new SourceError(expr.position(), UNSUPPORTED + "'" + ExprText.of(expr) + "', expected " + shown);
        }
    }

    private static <T> T fail(Position at, String message) {
        throw new SourceError(at, message);
    }

    // ------------------------------------------------------------------ priors, scales, masks, rates

    /** {Cb, Cw} from the four priors. */
    private double[] priors(Names names, Constants constants, String n) {
        Double cb = null;
        Double cw = null;
        boolean first = false;
        boolean readout = false;
        for (Prior prior : found.init().priors()) {
            String name = prior.parameter().text();
            requireNormal(prior);
            Expr variance = prior.arguments().get(1);
            if (prior.index().isPresent()) {
                Expr index = prior.index().get();
                if (!name.equals(names.weight()) || !(index instanceof Expr.Number zero && zero.value() == 0)) {
                    throw new SourceError(prior.position(), UNSUPPORTED + "prior " + name + "[" + ExprText.of(index)
                            + "], expected " + names.weight() + "[0] ~ normal(0, 1) for the first layer");
                }
                requireUnit(prior, variance);
                first = once(first, prior);
            } else if (name.equals(names.weight())) {
                cw = once(cw, prior, hiddenVariance(variance, constants, n));
            } else if (name.equals(names.bias())) {
                double value = constants.value(variance);
                if (value < 0) {
                    throw new SourceError(variance.position(), "negative bias variance " + Constants.describe(variance,
                            value) + ", expected Cb >= 0");
                }
                cb = once(cb, prior, value);
            } else if (name.equals(names.readout())) {
                requireUnit(prior, variance);
                readout = once(readout, prior);
            } else {
                throw new SourceError(prior.parameter().position(), "prior for '" + name + "', which the network does"
                        + " not use, expected priors for " + names.bias() + ", " + names.weight() + ", "
                        + names.weight() + "[0] and " + names.readout());
            }
        }
        if (cb == null || cw == null || !first || !readout) {
            String missing = cb == null ? names.bias() : cw == null ? names.weight()
                    : !first ? names.weight() + "[0]" : names.readout();
            throw new SourceError(found.init().position(), "no prior for " + missing + ", expected 'init " + names.bias()
                    + " ~ normal(0, Cb), " + names.weight() + " ~ normal(0, Cw/" + n + "), " + names.weight()
                    + "[0] ~ normal(0, 1), " + names.readout() + " ~ normal(0, 1)'");
        }
        return new double[] {cb, cw};
    }

    private static void requireNormal(Prior prior) {
        List<Expr> args = prior.arguments();
        if (!prior.distribution().text().equals("normal") || args.size() != 2
                || !(args.get(0) instanceof Expr.Number mean && mean.value() == 0)) {
            throw new SourceError(prior.position(), UNSUPPORTED + "prior " + prior.parameter().text() + " ~ "
                    + prior.distribution().text() + "(...), expected normal(0, variance)");
        }
    }

    private static void requireUnit(Prior prior, Expr variance) {
        if (!(variance instanceof Expr.Number one && one.value() == 1)) {
            throw new SourceError(variance.position(), UNSUPPORTED + "variance " + ExprText.of(variance) + " of "
                    + prior.parameter().text() + ", expected normal(0, 1)");
        }
    }

    /** Cw from {@code Cw / n}. */
    private static double hiddenVariance(Expr variance, Constants constants, String n) {
        if (variance instanceof Expr.Binary divide && divide.operator() == Expr.Operator.DIVIDE
                && divide.right() instanceof Expr.Symbol width && width.name().equals(n)) {
            double cw = constants.value(divide.left());
            if (!(cw > 0)) {
                throw new SourceError(divide.left().position(), "weight variance " + Constants.describe(divide.left(),
                        cw) + " is not positive, expected Cw > 0");
            }
            return cw;
        }
        throw new SourceError(variance.position(), UNSUPPORTED + "hidden-weight variance " + ExprText.of(variance)
                + ", expected Cw/" + n);
    }

    private static <T> T once(T seen, Prior prior, T value) {
        if (seen != null) {
            throw new SourceError(prior.position(), "second prior for " + prior.parameter().text() + ", expected one");
        }
        return value;
    }

    private static boolean once(boolean seen, Prior prior) {
        if (seen) {
            throw new SourceError(prior.position(), "second prior for " + prior.parameter().text() + "[0], expected one");
        }
        return true;
    }

    /** alpha_l for l = 0 .. L-1: {@code alpha[l] = expr in l} or a plain {@code alpha = value}. */
    private double[] blockValues(String alpha, int layers, Constants constants, String l) {
        IndexedBinding indexed = null;
        for (Node item : found.perBlock()) {
            if (item instanceof IndexedBinding b) {
                if (!b.name().text().equals(alpha)) {
                    throw new SourceError(b.name().position(), "per-block value '" + b.name().text() + "', which the"
                            + " network does not use, expected " + alpha + "[" + l + "] = ...");
                }
                if (indexed != null) {
                    throw new SourceError(b.position(), "second value for " + alpha + ", expected one");
                }
                indexed = b;
            }
        }
        double[] values = new double[layers];
        if (indexed == null) {
            if (!constants.has(alpha)) {
                throw new SourceError(block.name().position(), "no residual scale, expected 'with " + alpha + "[" + l
                        + "] = ...'");
            }
            java.util.Arrays.fill(values, constants.value(new Expr.Symbol(block.name().position(), alpha)));
            return values;
        }
        if (constants.has(alpha)) {
            throw new SourceError(indexed.position(), "residual scale " + alpha + " given twice, expected one value");
        }
        if (!(indexed.index() instanceof Expr.Symbol variable)) {
            throw new SourceError(indexed.index().position(), "index '" + ExprText.of(indexed.index())
                    + "', expected a block index such as " + l);
        }
        for (int k = 0; k < layers; k++) {
            Map<String, Double> fixed = new LinkedHashMap<>();
            fixed.put(found.depthName(), (double) layers);
            fixed.put(variable.name(), (double) k);
            Map<String, String> unknown = Map.of(found.widthName(), "the width");
            values[k] = new Constants(found.bindings(), fixed, unknown).value(indexed.value());
        }
        return values;
    }

    /** p of {@code mask[l] ~ bernoulli(p)}, in (0, 1]. */
    private double maskProbability(String mask, Constants constants) {
        Prior seen = null;
        for (Node item : found.perBlock()) {
            if (item instanceof Prior prior) {
                if (!prior.parameter().text().equals(mask)) {
                    throw new SourceError(prior.parameter().position(), "per-block prior for '"
                            + prior.parameter().text() + "', which the network does not use, expected " + mask
                            + "[l] ~ bernoulli(p)");
                }
                if (seen != null) {
                    throw new SourceError(prior.position(), "second prior for " + mask + ", expected one");
                }
                seen = prior;
            }
        }
        if (seen == null) {
            throw new SourceError(block.name().position(), "no mask distribution, expected 'with " + mask
                    + "[l] ~ bernoulli(p)' (p = 1: no stochastic depth)");
        }
        if (!seen.distribution().text().equals("bernoulli") || seen.arguments().size() != 1) {
            throw new SourceError(seen.distribution().position(), "mask distribution '" + seen.distribution().text()
                    + "' with " + seen.arguments().size() + " argument(s), expected bernoulli(p)");
        }
        Expr pExpr = seen.arguments().get(0);
        double p = constants.value(pExpr);
        if (!(p > 0 && p <= 1)) {
            throw new SourceError(pExpr.position(), "mask probability " + Constants.describe(pExpr, p)
                    + " outside (0, 1], expected the probability 0 < p <= 1 that a block is kept");
        }
        return p;
    }

    /** lambda_b and lambda_W (each defaults to 1); any other group is refused. */
    private org.feynet.model.LearningRates learningRates(Names names, Constants constants) {
        String bias = "lambda_" + names.bias();
        String weight = "lambda_" + names.weight();
        Map<String, Double> values = new LinkedHashMap<>();
        if (found.rates() != null) {
            for (Binding rate : found.rates().rates()) {
                String name = rate.name().text();
                if (!name.equals(bias) && !name.equals(weight)) {
                    throw new SourceError(rate.name().position(), "unknown learning-rate group '" + name
                            + "', expected " + bias + " or " + weight, "the first layer and the readout train at rate 1");
                }
                double value = constants.value(rate.value());
                if (!(value >= 0)) {
                    throw new SourceError(rate.value().position(), "negative learning rate " + name + " = "
                            + ExprText.number(value) + ", expected a rate >= 0");
                }
                if (values.put(name, value) != null) {
                    throw new SourceError(rate.name().position(), "learning rate '" + name
                            + "' is given twice, expected it once");
                }
            }
        }
        return new org.feynet.model.LearningRates(values.getOrDefault(bias, 1.0), values.getOrDefault(weight, 1.0));
    }

    /**
     * 0 without a derive line, 1 for {@code derive ntk to order 1/n} (after the network or after its train block, as
     * the form has it).
     */
    static int order(List<Derive> derives, String n) {
        if (derives.isEmpty()) {
            return 0;
        }
        if (derives.size() > 1) {
            throw new SourceError(derives.get(1).position(), "second derive line, expected one");
        }
        Derive derive = derives.get(0);
        for (Target target : derive.targets()) {
            if (!(target instanceof Target.Named named && OBSERVABLES.contains(named.name().text()))) {
                throw new SourceError(target.position(), "unknown observable of a Fourier-feature residual network,"
                        + " expected one of " + String.join(", ", OBSERVABLES));
            }
        }
        Optional<Expr> order = derive.orderClause();
        if (order.isEmpty()) {
            return 0;
        }
        Expr o = order.get();
        if (o instanceof Expr.Binary b && b.operator() == Expr.Operator.DIVIDE
                && b.left() instanceof Expr.Number one && one.value() == 1
                && b.right() instanceof Expr.Symbol s && s.name().equals(n)) {
            return 1;
        }
        throw new SourceError(o.position(), "unexpected order " + ExprText.of(o) + ", expected 1/" + n);
    }
}
