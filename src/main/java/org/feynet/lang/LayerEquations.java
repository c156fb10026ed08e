package org.feynet.lang;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.feynet.lang.CheckedNetwork.Role;
import org.feynet.lang.NetworkStatement.Equation;

/**
 * Checks the layer equations of a network. The rules:
 * <ul>
 *   <li>every left side is the same pre-activation, z[index], with a new name z; with a range
 *       {@code for l = a .. b} the index uses l, without one it is a number;</li>
 *   <li>a layer index is the loop variable plus or minus a whole number, or a whole number;</li>
 *   <li>on the right of the equation for layer k, parameters carry the index k (or none, when shared
 *       across layers), the pre-activation carries k-1, the only function is the declared activation,
 *       the raw inputs feed only layer 1, and the left of '.' is a parameter, which makes it a weight;
 *       other names are hyperparameters or the depth;</li>
 *   <li>each layer is defined once, and the last one defined is layer L.</li>
 * </ul>
 */
final class LayerEquations {

    private final Constants constants;
    private final Map<String, String> declared;
    private final String activation;
    private final String inputs;
    private final Map<String, Role> roles = new HashMap<>();
    private final Map<Integer, Equation> layers = new TreeMap<>();
    private String preactivation;
    private boolean inputsUsed;

    /**
     * @param constants  the block's hyperparameters and depth
     * @param declared   the block's names, with what each is ("a parameter", ...)
     * @param activation the name of the activation
     * @param inputs     the name of the raw inputs, or null for a gram input
     */
    LayerEquations(Constants constants, Map<String, String> declared, String activation, String inputs) {
        this.constants = constants;
        this.declared = declared;
        this.activation = activation;
        this.inputs = inputs;
    }

    /** Checks {@code equations} of a network of depth {@code depthSymbol} = {@code depth}. */
    void check(List<Equation> equations, String depthSymbol, int depth) {
        for (Equation equation : equations) {
            check(equation);
        }
        checkLayers(equations, depthSymbol, depth);
    }

    /** The name on the left of the equations (z). */
    String preactivation() {
        return preactivation;
    }

    /** Whether the raw inputs appear in an equation. */
    boolean inputsUsed() {
        return inputsUsed;
    }

    /** The parameters used by the equations: weights (left of '.') or, for now, biases. */
    Map<String, Role> roles() {
        return Map.copyOf(roles);
    }

    /** The equation that defines each layer, by layer number. */
    Map<Integer, Equation> layers() {
        return new TreeMap<>(layers);
    }

    private void check(Equation equation) {
        Name left = equation.layer().name();
        if (preactivation == null) {
            if (declared.containsKey(left.text())) {
                throw alreadyDeclared(left);
            }
            preactivation = left.text();
        } else if (!left.text().equals(preactivation)) {
            throw new SourceError(left.position(), "unexpected '" + left.text() + "' on the left of a layer equation, "
                    + "expected the pre-activation " + preactivation);
        }
        Optional<String> loop = equation.range().map(r -> r.variable().text());
        if (equation.range().isPresent() && declared.containsKey(loop.get())) {
            throw alreadyDeclared(equation.range().get().variable());
        }
        LayerIndex layer = LayerIndex.of(equation.layer().index(), loop);
        if (loop.isPresent() && !layer.variable()) {
            throw new SourceError(equation.layer().index().position(), "layer index " + layer.text(loop.get())
                    + " does not use the loop variable, expected one such as " + loop.get() + "+1");
        }
        rightSide(equation.value(), layer, loop.orElse("l"));
    }

    private void rightSide(Expr expr, LayerIndex layer, String loop) {
        if (expr instanceof Expr.Symbol s) {
            symbol(s, layer);
        } else if (expr instanceof Expr.Index i) {
            index(i, layer, loop);
        } else if (expr instanceof Expr.Call c) {
            call(c, layer, loop);
        } else if (expr instanceof Expr.Negate n) {
            rightSide(n.operand(), layer, loop);
        } else if (expr instanceof Expr.Binary b) {
            if (b.operator() == Expr.Operator.CONTRACT) {
                weights(b.left());
            }
            rightSide(b.left(), layer, loop);
            rightSide(b.right(), layer, loop);
        } else if (expr instanceof Expr.ListLiteral) {
            throw new SourceError(expr.position(), "unexpected list in a layer equation, expected parameters, layers and hyperparameters");
        }
    }

    private void symbol(Expr.Symbol s, LayerIndex layer) {
        String name = s.name();
        if (name.equals(inputs)) {
            if (layer.variable() || layer.offset() != 1) {
                throw new SourceError(s.position(), "the inputs " + name + " feed only the first layer, expected z[1] = b[1] + W[1] . "
                        + name);
            }
            inputsUsed = true;
        } else if (isParameter(name)) {
            roles.putIfAbsent(name, Role.BIAS);
        } else if (name.equals(preactivation)) {
            throw new SourceError(s.position(), "'" + name + "' has no layer index, expected one such as " + name + "[l]");
        } else if (!constants.has(name)) {
            constants.resolve(s, "a parameter, a layer such as " + preactivation + "[l] or a hyperparameter");
        }
    }

    private void index(Expr.Index i, LayerIndex layer, String loop) {
        String name = i.name().text();
        LayerIndex index = LayerIndex.of(i.index(), Optional.of(loop).filter(l -> layer.variable()));
        if (name.equals(preactivation)) {
            LayerIndex below = layer.shift(-1);
            if (!index.equals(below)) {
                throw mismatch(i, below, index, loop, "the layer below the left side");
            }
        } else if (isParameter(name)) {
            roles.putIfAbsent(name, Role.BIAS);
            if (!index.equals(layer)) {
                throw mismatch(i, layer, index, loop, "the layer on the left side");
            }
        } else if ("a hyperparameter".equals(declared.get(name)) && index.equals(layer.shift(-1))) {
            return; // a per-layer value, such as a residual scale eps[l] (a list, checked when lowered)
        } else if (declared.containsKey(name)) {
            throw new SourceError(i.position(), "'" + name + "' is " + declared.get(name) + " and takes no layer index, expected "
                    + name + ("a hyperparameter".equals(declared.get(name)) ? " or " + name + "[" + layer.shift(-1).text(loop)
                    + "] for a per-layer value" : ""));
        } else {
            throw new SourceError(i.name().position(), "undefined parameter '" + name + "', expected a parameter "
                    + "declared by 'init' or the pre-activation " + preactivation,
                    "declare it in 'init', such as " + name + " ~ normal(0, C)");
        }
    }

    private static SourceError mismatch(Expr.Index i, LayerIndex expected, LayerIndex found, String loop, String why) {
        String name = i.name().text();
        return new SourceError(i.index().position(), "index mismatch: expected " + name + "[" + expected.text(loop) + "], "
                + why + ", found " + name + "[" + found.text(loop) + "]");
    }

    private void call(Expr.Call c, LayerIndex layer, String loop) {
        String name = c.function().text();
        if (!name.equals(activation)) {
            throw new SourceError(c.function().position(), "unexpected function '" + name
                    + "' in a layer equation, expected the activation " + activation,
                    "layer equations apply the activation declared by 'activation'");
        }
        if (c.arguments().size() != 1) {
            throw new SourceError(c.function().position(), name + " takes 1 argument, found " + c.arguments().size());
        }
        rightSide(c.arguments().get(0), layer, loop);
    }

    private void weights(Expr left) {
        String name = left instanceof Expr.Symbol s ? s.name() : left instanceof Expr.Index i ? i.name().text() : null;
        if (name == null || !isParameter(name)) {
            throw new SourceError(left.position(), "unexpected '" + ExprText.of(left)
                    + "' on the left of '.', expected weights such as W[l+1]");
        }
        roles.put(name, Role.WEIGHT);
    }

    private boolean isParameter(String name) {
        return "a parameter".equals(declared.get(name));
    }

    /** The equation that defines each layer, by layer. */
    private void checkLayers(List<Equation> equations, String depthSymbol, int layers) {
        Map<Integer, Equation> defined = this.layers;
        int end = 1;
        Equation top = equations.get(equations.size() - 1);
        for (Equation equation : equations) {
            Optional<String> loop = equation.range().map(r -> r.variable().text());
            LayerIndex layer = LayerIndex.of(equation.layer().index(), loop);
            int from = 0;
            int to = 0;
            if (equation.range().isPresent()) {
                from = constants.integer(equation.range().get().from(), "range start");
                to = constants.integer(equation.range().get().to(), "range end");
            }
            for (int l = from; l <= to; l++) {
                int at = layer.at(l);
                if (defined.put(at, equation) != null) {
                    throw new SourceError(equation.layer().position(), "layer " + at
                            + " is defined twice, expected one equation per layer");
                }
                if (defined.size() == 1 || at > end) {
                    end = at;
                    top = equation;
                }
            }
        }
        if (end != layers) {
            Expr where = top.range().isPresent() ? top.range().get().to() : top.layer().index();
            throw new SourceError(where.position(), "the layer equations end at layer " + end
                    + ", expected them to reach layer " + depthSymbol + " = " + layers);
        }
    }

    private SourceError alreadyDeclared(Name name) {
        return new SourceError(name.position(), "'" + name.text() + "' is already " + declared.get(name.text())
                + ", expected a new name");
    }
}
