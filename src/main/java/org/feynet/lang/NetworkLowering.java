package org.feynet.lang;

import java.util.List;
import java.util.Locale;
import org.feynet.lang.CheckedNetwork.Role;
import org.feynet.lang.NetworkStatement.Equation;
import org.feynet.lang.NetworkStatement.GramInput;
import org.feynet.model.Activation;
import org.feynet.model.Activation.ClosedForm;
import org.feynet.model.InputSpec;
import org.feynet.model.LearningRates;
import org.feynet.model.MlpModel;
import org.feynet.model.Observable;
import org.feynet.model.ScalarExpr;

/**
 * A checked network as an {@link MlpModel}. Only plain MLPs are lowered for now: layer 1 is the gram
 * input, or {@code z[1] = b[1] + W[1] . x} for raw inputs, and every layer from 2 to L reads
 * {@code z[l+1] = b[l+1] + W[l+1] . sigma(z[l])} (the sum in either order), with one bias and one weight
 * prior throughout; or, for a weight-tied (recurrent) network, {@code z[t+1] = b + W . sigma(z[t])} with W and b
 * without a layer index, shared by every step ({@link MlpModel.WeightSharing#TIED}). A shared weight cannot
 * multiply the raw inputs (its shape would be n x n0 there and n x n later), and either both W and b are shared
 * or neither. Stochastic depth and residual layers are reported as not supported yet.
 */
final class NetworkLowering {

    private static final String MLP = "z[l+1] = b[l+1] + W[l+1] . sigma(z[l])";

    private final CheckedNetwork network;
    private String bias;
    private String weight;
    /** Whether the hidden layers share W and b; null before the first hidden-layer equation. */
    private Boolean tied;

    private NetworkLowering(CheckedNetwork network) {
        this.network = network;
    }

    static MlpModel lower(CheckedNetwork network) {
        return new NetworkLowering(network).lower();
    }

    private MlpModel lower() {
        for (Equation equation : network.equations()) {
            unsupported(equation);
            layer(equation);
        }
        checkLayers();
        ScalarExpr sigma = network.activation();
        Activation activation = new Activation(network.activationText(), sigma, closedForm(sigma));
        InputSpec input = network.input() instanceof GramInput
                ? new InputSpec.Gram(network.inputs())
                : new InputSpec.Vectors(network.inputs());
        Observable observable = Observable.valueOf(network.observable().toUpperCase(Locale.ROOT));
        boolean shared = Boolean.TRUE.equals(tied);
        if (shared && observable != Observable.METRIC) {
            throw new SourceError(network.block().derives().get(0).position(), "derive " + observable.keyword()
                    + " of a weight-tied network is not supported yet", "weight-tied networks derive the metric");
        }
        return new MlpModel(network.block().name().text(), activation, value(bias), value(weight), network.depth(),
                input, observable, network.order(), rates(observable),
                shared ? MlpModel.WeightSharing.TIED : MlpModel.WeightSharing.PER_LAYER);
    }

    /**
     * The learning rates lambda_b and lambda_W of the bias and weight priors, both or neither; the NTK observables
     * need them.
     */
    private LearningRates rates(Observable observable) {
        Double lambdaB = network.learningRates().get("lambda_" + bias);
        Double lambdaW = network.learningRates().get("lambda_" + weight);
        if (lambdaB != null && lambdaW != null) {
            return new LearningRates(lambdaB, lambdaW);
        }
        String wanted = "lambda_" + bias + " and lambda_" + weight;
        if (lambdaB != null || lambdaW != null) {
            Position at = network.block().statements().stream()
                    .filter(s -> s instanceof NetworkStatement.LearningRates).findFirst().orElseThrow().position();
            throw new SourceError(at, "learning rates must give both " + wanted + ", one is missing");
        }
        if (observable != Observable.METRIC) {
            Position at = network.block().derives().get(0).position();
            throw new SourceError(at, "derive " + observable.keyword() + " needs the learning rates " + wanted,
                    "add a line `learning rates lambda_" + bias + " = 1, lambda_" + weight + " = 1` to the network");
        }
        return null;
    }

    /** Stochastic depth and residual connections, in that order of precedence. */
    private void unsupported(Equation equation) {
        String mask = find(equation.value(), false, Feature.MASK);
        if (mask != null) {
            throw notSupported(equation, "stochastic depth (the bernoulli mask " + mask + ") is");
        }
        String residual = find(equation.value(), false, Feature.RESIDUAL);
        if (residual != null) {
            throw notSupported(equation, "residual layers (" + residual + " on the right outside the activation) are");
        }
    }

    private enum Feature { MASK, RESIDUAL, SHARED }

    /**
     * Refuses stochastic depth and shared weights, which neither MLPs nor residual networks lower yet (called before
     * a residual network is lowered, so that these messages keep their precedence over the residual form's).
     */
    static void refuseMasksAndSharing(CheckedNetwork network) {
        NetworkLowering lowering = new NetworkLowering(network);
        for (Equation equation : network.equations()) {
            String mask = lowering.find(equation.value(), false, Feature.MASK);
            if (mask != null) {
                throw notSupported(equation, "stochastic depth (the bernoulli mask " + mask + ") is");
            }
            String shared = lowering.find(equation.value(), false, Feature.SHARED);
            if (shared != null) {
                throw notSupported(equation, "weights shared across layers (" + shared + " without a layer index) are");
            }
        }
    }

    /** The name that shows {@code feature} in {@code expr}, or null. */
    private String find(Expr expr, boolean insideActivation, Feature feature) {
        String name = expr instanceof Expr.Symbol s ? s.name() : expr instanceof Expr.Index i ? i.name().text() : null;
        CheckedNetwork.Parameter parameter = name == null ? null : network.parameters().get(name);
        boolean found;
        switch (feature) {
            case MASK:
                found = parameter != null && parameter.role() == Role.MASK;
                break;
            case RESIDUAL:
                found = expr instanceof Expr.Index && network.preactivation().equals(name) && !insideActivation;
                break;
            default:
                found = expr instanceof Expr.Symbol && parameter != null;
                break;
        }
        if (found) {
            return name;
        }
        if (expr instanceof Expr.Binary b) {
            String left = find(b.left(), insideActivation, feature);
            return left != null ? left : find(b.right(), insideActivation, feature);
        }
        if (expr instanceof Expr.Negate n) {
            return find(n.operand(), insideActivation, feature);
        }
        if (expr instanceof Expr.Call c) {
            return find(c.arguments().get(0), true, feature);
        }
        return null;
    }

    /** Reads the bias and the weights of {@code z[k] = b[k] + W[k] . feed}, or {@code z[k] = b + W . feed}. */
    private void layer(Equation equation) {
        if (!(equation.value() instanceof Expr.Binary sum && sum.operator() == Expr.Operator.ADD)) {
            throw notPlain(equation);
        }
        Expr left = sum.left();
        Expr right = sum.right();
        if (left instanceof Expr.Binary) {
            left = sum.right();
            right = sum.left();
        }
        if (!(role(left) == Role.BIAS
                && right instanceof Expr.Binary product && product.operator() == Expr.Operator.CONTRACT
                && role(product.left()) == Role.WEIGHT
                && (isActivationOfLayer(product.right()) || product.right() instanceof Expr.Symbol))) {
            throw notPlain(equation);
        }
        Expr b = left;
        Expr w = product.left();
        sharing(equation, b, w, product.right() instanceof Expr.Symbol);
        bias = same(equation, bias, name(b), "different biases in different layers");
        weight = same(equation, weight, name(w), "different weights in different layers");
    }

    /**
     * Shared (no layer index) or per-layer parameters: a layer fed by the raw inputs needs its own, and the hidden
     * layers share both W and b or neither, all alike.
     */
    private void sharing(Equation equation, Expr b, Expr w, boolean feedsInputs) {
        boolean sharedWeight = w instanceof Expr.Symbol;
        boolean sharedBias = b instanceof Expr.Symbol;
        if (feedsInputs) {
            if (sharedWeight || sharedBias) {
                Expr at = sharedWeight ? w : b;
                throw new SourceError(at.position(), "a shared " + name(at) + " cannot feed the inputs: its shape"
                        + " would be n x n0 in layer 1 and n x n in the later steps",
                        "give the first layer its own parameters, z[1] = " + name(b) + "[1] + " + name(w) + "[1] . x");
            }
            return;
        }
        if (sharedWeight != sharedBias) {
            throw notSupported(equation, (sharedWeight ? "a shared " + name(w) + " with a per-layer " + name(b)
                    : "a shared " + name(b) + " with a per-layer " + name(w)) + " is");
        }
        if (tied != null && tied != sharedWeight) {
            throw notSupported(equation, "weights shared by some layers and not by others are");
        }
        tied = sharedWeight;
    }

    private static String name(Expr parameter) {
        return parameter instanceof Expr.Index i ? i.name().text() : ((Expr.Symbol) parameter).name();
    }

    private boolean isActivationOfLayer(Expr expr) {
        return expr instanceof Expr.Call c && c.function().text().equals(network.activationName())
                && c.arguments().get(0) instanceof Expr.Index;
    }

    /** The role of a parameter written with or without a layer index; null for anything else. */
    private Role role(Expr expr) {
        if (!(expr instanceof Expr.Index) && !(expr instanceof Expr.Symbol)) {
            return null;
        }
        CheckedNetwork.Parameter parameter = network.parameters().get(name(expr));
        return parameter == null ? null : parameter.role();
    }

    private static String same(Equation equation, String before, String name, String feature) {
        if (before != null && !before.equals(name)) {
            throw notSupported(equation, feature + " (" + before + " and " + name + ") are");
        }
        return name;
    }

    /** Layer 1 comes from the input; every layer 2..L has an equation that applies the activation. */
    private void checkLayers() {
        boolean gram = network.input() instanceof GramInput;
        Equation first = network.layers().get(1);
        if (gram && first != null) {
            throw new SourceError(first.layer().position(), "layer 1 is given by the gram input, expected the layer "
                    + "equations to start at layer 2 (for l = 1 .. L-1)");
        }
        for (int k = 2; k <= network.depth(); k++) {
            if (!network.layers().containsKey(k)) {
                Equation last = network.equations().get(network.equations().size() - 1);
                throw new SourceError(last.position(), "no equation defines layer " + k + ", expected one for every layer from 2 to "
                        + network.depth());
            }
        }
    }

    private double value(String parameter) {
        return network.parameters().get(parameter).value();
    }

    /**
     * The closed form of the Gaussian two-point function, recognised on the expanded expression: z itself
     * (LINEAR), max(0, z) (RELU), erf(z) (ERF) and sin(z) (SIN).
     */
    static ClosedForm closedForm(ScalarExpr sigma) {
        if (sigma instanceof ScalarExpr.Variable) {
            return ClosedForm.LINEAR;
        }
        if (!(sigma instanceof ScalarExpr.Call call)) {
            return ClosedForm.NONE;
        }
        List<ScalarExpr> arguments = call.arguments();
        ScalarExpr last = arguments.get(arguments.size() - 1);
        if (!(last instanceof ScalarExpr.Variable)) {
            return ClosedForm.NONE;
        }
        switch (call.function()) {
            case MAX:
                return arguments.get(0) instanceof ScalarExpr.Constant c && c.value() == 0 ? ClosedForm.RELU : ClosedForm.NONE;
            case ERF:
                return ClosedForm.ERF;
            case SIN:
                return ClosedForm.SIN;
            default:
                return ClosedForm.NONE;
        }
    }

    private static SourceError notPlain(Equation equation) {
        return new SourceError(equation.position(), "layer equations other than " + MLP + " are not supported yet");
    }

    /** {@code what} ends in its verb: "residual layers are". */
    private static SourceError notSupported(Equation equation, String what) {
        return new SourceError(equation.position(), what + " not supported yet",
                "only plain MLP layers " + MLP + " are lowered for now");
    }
}
