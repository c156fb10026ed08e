package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.lang.CheckedNetwork.Parameter;
import org.feynet.lang.CheckedNetwork.Role;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.lang.NetworkStatement.VectorInput;
import org.feynet.model.Limits;
import org.feynet.model.ScalarExpr;

/**
 * Checks one network block and resolves its names. The rules:
 * <ul>
 *   <li>width, depth, activation, init and input appear once each, and there is at least one layer equation;
 *       every declared name is new in the block;</li>
 *   <li>the depth L is a whole number at least 1;</li>
 *   <li>the layer equations follow the rules of {@link LayerEquations}; raw inputs are used by one;</li>
 *   <li>normal priors have mean 0; a bias has variance Cb >= 0; a weight has variance Cw/n with n the
 *       width and Cw > 0; a bernoulli mask has 0 <= p <= 1; every parameter is used;</li>
 *   <li>learning rates are named lambda_ and a parameter, and are at least 0;</li>
 *   <li>one derive line at most, asking for one of metric, ntk, dntk, ddntk to order 1/n^k, k >= 1.</li>
 * </ul>
 */
final class NetworkChecker {

    private static final List<String> OBSERVABLES = List.of("metric", "ntk", "dntk", "ddntk");

    private final Block.Network block;
    /** The block's statements sorted by kind. */
    private final NetworkDeclarations found;
    /** Every name declared in the block, with what it is. */
    private final Map<String, String> declared = new HashMap<>();
    /** The names without a value, with what they are (for messages). */
    private final Map<String, String> roles = new HashMap<>();
    private Map<String, Role> usedParameters;
    private Constants constants;
    private String activationName;

    private NetworkChecker(Block.Network block) {
        this.block = block;
        this.found = NetworkDeclarations.of(block);
    }

    static CheckedNetwork check(Block.Network block) {
        return new NetworkChecker(block).check();
    }

    private CheckedNetwork check() {
        collect();
        declareNames();
        int layers = depth();
        constants = new Constants(found.bindings(), Map.of(found.depthName(), (double) layers), roles);
        ScalarExpr sigma = activation();
        double[][] inputs = found.input() instanceof GramInput g
                ? InputMatrix.gram(g.matrix(), constants)
                : InputMatrix.vectors(((VectorInput) found.input()).matrix(), constants);
        LayerEquations layerEquations = new LayerEquations(constants, declared, activationName,
                found.input() instanceof VectorInput v ? v.name().text() : null);
        layerEquations.check(found.equations(), found.depthName(), layers);
        usedParameters = layerEquations.roles();
        if (found.input() instanceof VectorInput v
                && ResidualLowering.hasSkip(found.equations(), layerEquations.preactivation())) {
            throw new SourceError(v.position(), "residual stream dimension mismatch: the raw inputs have dimension n0 = "
                    + inputs[0].length + " but the stream " + layerEquations.preactivation() + "[0] has width "
                    + found.widthName() + ", expected 'input gram [[...]]' giving the kernel of "
                    + layerEquations.preactivation() + "[0]",
                    "for an embedding z[0] = b + W . x the gram of the stream is Cb + Cw x.x/n0");
        }
        if (found.input() instanceof VectorInput v && !layerEquations.inputsUsed()) {
            throw new SourceError(v.position(), "the inputs " + v.name().text() + " are not used, expected a first layer "
                    + "equation such as z[1] = b[1] + W[1] . " + v.name().text());
        }
        Map<String, Parameter> parameters = parameters();
        Map<String, Double> learningRates = learningRates(parameters);
        String observable = "metric";
        int order = 1;
        if (!block.derives().isEmpty()) {
            Derive derive = block.derives().get(0);
            if (block.derives().size() > 1) {
                throw new SourceError(block.derives().get(1).position(),
                        "second derive line for network '" + block.name().text() + "', expected one derive line per network");
            }
            observable = observable(derive);
            order = order(derive.requiredOrder());
        }
        String text = found.activation() instanceof ActivationDefinition d ? d.text() : activationName;
        return new CheckedNetwork(block, found.widthName(), layers, activationName, text, sigma,
                layerEquations.preactivation(), parameters, found.input(), inputs, found.equations(),
                layerEquations.layers(), learningRates, observable, order, found.closure(), constants);
    }

    // ------------------------------------------------------------------ declarations

    /** Requires the statements every PDLT network has. */
    private void collect() {
        found.require(found.width(), "width", "'width n'");
        found.require(found.depth(), "depth", "'depth L = ...'");
        found.require(found.activation(), "activation", "'activation sigma(z) = ...' or 'activation relu'");
        found.require(found.init(), "init", "'init b ~ normal(0, Cb), W ~ normal(0, Cw/n)'");
        found.require(found.input(), "input", "'input gram [[...]]' or 'input x = [[...]]'");
        if (found.equations().isEmpty()) {
            throw new SourceError(block.name().position(), "network '" + block.name().text()
                    + "' has no layer equation, expected one such as z[l+1] = b[l+1] + W[l+1] . sigma(z[l])");
        }
    }

    private void declareNames() {
        declare(found.width().symbol(), "the width");
        declare(found.depth().symbol(), "the depth");
        activationName = found.activation() instanceof ActivationDefinition d
                ? d.name().text()
                : ((ActivationShorthand) found.activation()).name().text();
        NetworkStatement activation = found.activation();
        declare(activation instanceof ActivationDefinition d ? d.name() : ((ActivationShorthand) activation).name(),
                "the activation");
        for (Prior prior : found.init().priors()) {
            declare(prior.parameter(), "a parameter");
        }
        if (found.input() instanceof VectorInput v) {
            declare(v.name(), "the inputs");
        }
        for (Binding binding : found.bindings()) {
            if (declared.containsKey(binding.name().text())) {
                throw alreadyDeclared(binding.name());
            }
            declared.put(binding.name().text(), "a hyperparameter");
        }
        roles.remove(found.depthName());
    }

    private void declare(Name name, String role) {
        if (declared.containsKey(name.text())) {
            throw alreadyDeclared(name);
        }
        declared.put(name.text(), role);
        roles.put(name.text(), role);
    }

    private SourceError alreadyDeclared(Name name) {
        return new SourceError(name.position(), "'" + name.text() + "' is already " + declared.get(name.text())
                + ", expected a new name");
    }

    // ------------------------------------------------------------------ depth and activation

    private int depth() {
        Map<String, String> unknown = new HashMap<>(roles);
        unknown.put(found.depthName(), "the depth");
        int layers = found.layers(unknown);
        Limits.depth(layers).ifPresent(why -> {
            throw found.depthRefused(why);
        });
        return layers;
    }

    private ScalarExpr activation() {
        return NetworkStatements.activation(found.activation(), constants);
    }

    // ------------------------------------------------------------------ priors and learning rates

    private Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (Prior prior : found.init().priors()) {
            String name = prior.parameter().text();
            Role role = usedParameters.get(name);
            if (role == null) {
                throw new SourceError(prior.parameter().position(), "parameter '" + name
                        + "' is not used by any layer equation, expected it on the right of one");
            }
            parameters.put(name, parameter(prior, role));
        }
        return parameters;
    }

    private Parameter parameter(Prior prior, Role role) {
        String distribution = prior.distribution().text();
        List<Expr> arguments = prior.arguments();
        if (distribution.equals("bernoulli")) {
            arity(prior, 1, "a probability p");
            if (role == Role.WEIGHT) {
                throw new SourceError(prior.parameter().position(), "'" + prior.parameter().text()
                        + "' stands on the left of '.' but has a bernoulli prior, expected a normal prior for weights");
            }
            double p = constants.value(arguments.get(0));
            if (p < 0 || p > 1) {
                throw new SourceError(arguments.get(0).position(), "probability "
                        + Constants.describe(arguments.get(0), p) + " is outside [0, 1], expected 0 <= p <= 1");
            }
            return new Parameter(prior, Role.MASK, p);
        }
        if (!distribution.equals("normal")) {
            throw new SourceError(prior.distribution().position(), "unknown distribution '" + distribution
                    + "', expected normal(mean, variance) or bernoulli(p)");
        }
        arity(prior, 2, "a mean and a variance");
        double mean = constants.value(arguments.get(0));
        if (mean != 0) {
            throw new SourceError(arguments.get(0).position(), "nonzero mean " + Constants.describe(arguments.get(0), mean)
                    + ", expected normal(0, variance)");
        }
        Expr variance = arguments.get(1);
        if (role == Role.BIAS) {
            double cb = constants.value(variance);
            if (cb < 0) {
                throw new SourceError(variance.position(), "negative variance " + Constants.describe(variance, cb)
                        + ", expected a bias variance >= 0");
            }
            return new Parameter(prior, role, cb);
        }
        if (!(variance instanceof Expr.Binary b && b.operator() == Expr.Operator.DIVIDE
                && b.right() instanceof Expr.Symbol n && n.name().equals(found.widthName()))) {
            throw new SourceError(variance.position(), "weight variance " + ExprText.of(variance)
                    + " is not divided by the width, expected Cw/" + found.widthName(),
                    "PDLT draws weights from normal(0, Cw/n), n the width");
        }
        Expr numerator = b.left();
        double cw = constants.value(numerator);
        if (cw <= 0) {
            throw new SourceError(numerator.position(), (cw < 0 ? "negative" : "zero") + " variance "
                    + Constants.describe(numerator, cw) + ", expected a weight variance > 0");
        }
        return new Parameter(prior, role, cw);
    }

    private static void arity(Prior prior, int count, String what) {
        if (prior.arguments().size() != count) {
            throw new SourceError(prior.distribution().position(), prior.distribution().text() + " takes " + what
                    + ", found " + prior.arguments().size() + (prior.arguments().size() == 1 ? " argument" : " arguments"));
        }
    }

    private Map<String, Double> learningRates(Map<String, Parameter> parameters) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (found.rates() == null) {
            return values;
        }
        List<String> allowed = new ArrayList<>();
        for (Parameter parameter : parameters.values()) {
            if (parameter.role() != Role.MASK) {
                allowed.add("lambda_" + parameter.prior().parameter().text());
            }
        }
        for (Binding rate : found.rates().rates()) {
            String name = rate.name().text();
            if (!allowed.contains(name)) {
                throw new SourceError(rate.name().position(), "unknown learning rate '" + name + "', expected one of "
                        + String.join(", ", allowed));
            }
            double value = constants.value(rate.value());
            if (value < 0) {
                throw new SourceError(rate.value().position(), "negative learning rate " + name + " = "
                        + ExprText.number(value) + ", expected a rate >= 0");
            }
            if (values.put(name, value) != null) {
                throw new SourceError(rate.name().position(), "learning rate '" + name + "' is given twice, expected it once");
            }
        }
        return values;
    }

    // ------------------------------------------------------------------ derive line

    private String observable(Derive derive) {
        if (derive.targets().size() > 1) {
            throw new SourceError(derive.targets().get(1).position(),
                    "second observable in a network's derive line, expected one of " + String.join(", ", OBSERVABLES));
        }
        Target target = derive.targets().get(0);
        if (!(target instanceof Target.Named named && OBSERVABLES.contains(named.name().text()))) {
            String found = target instanceof Target.Named named ? "'" + named.name().text() + "'" : "a theory's quantity";
            throw new SourceError(target.position(), "unknown observable " + found + ", expected one of "
                    + String.join(", ", OBSERVABLES));
        }
        return named.name().text();
    }

    private int order(Expr order) {
        String n = found.widthName();
        if (order instanceof Expr.Binary b && b.operator() == Expr.Operator.DIVIDE
                && b.left() instanceof Expr.Number one && one.value() == 1) {
            if (b.right() instanceof Expr.Symbol s && s.name().equals(n)) {
                return 1;
            }
            if (b.right() instanceof Expr.Binary p && p.operator() == Expr.Operator.POWER
                    && p.left() instanceof Expr.Symbol s && s.name().equals(n)
                    && p.right() instanceof Expr.Number k && k.value() == Math.rint(k.value()) && k.value() >= 1
                    && k.value() <= 1000) {
                int power = (int) k.value();
                Limits.networkOrder(power).ifPresent(why -> {
                    throw new SourceError(order.position(), why);
                });
                return power;
            }
        }
        throw new SourceError(order.position(), "unexpected order " + ExprText.of(order) + ", expected 1/" + n + " or 1/"
                + n + "^k with " + n + " the width");
    }
}
