package org.feynet.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Function;
import org.feynet.model.ScalarExpr.Operator;

/**
 * The functions a model file may call: the elementary functions of {@link ScalarExpr.Function} (exp, log,
 * tanh, erf, sin, cos, sqrt, abs, sigmoid, and max(0, x)) and the named activations, which expand into
 * them: relu(x) = max(0, x), gelu(x) = 0.5*x*(1 + erf(x/sqrt(2))), swish(x) = x*sigmoid(x),
 * linear(x) = x. To add a named activation, add it here.
 */
final class Functions {

    private static final Map<String, Function> ELEMENTARY = new LinkedHashMap<>();
    private static final List<String> NAMED = List.of("relu", "gelu", "swish", "linear");

    static {
        for (Function function : Function.values()) {
            ELEMENTARY.put(function.sourceName(), function);
        }
    }

    private Functions() {}

    static boolean isKnown(String name) {
        return ELEMENTARY.containsKey(name) || NAMED.contains(name);
    }

    /** How many arguments {@code name} takes; {@code name} must be known. */
    static int arity(String name) {
        Function function = ELEMENTARY.get(name);
        return function == null ? 1 : function.arity();
    }

    /** Whether {@code activation NAME} may stand alone: a named activation or a one-argument function. */
    static boolean isActivation(String name) {
        return isKnown(name) && arity(name) == 1;
    }

    /** The known function names, for messages: "exp, log, ..., linear". */
    static String allowed() {
        List<String> names = new ArrayList<>(ELEMENTARY.keySet());
        names.addAll(NAMED);
        return String.join(", ", names);
    }

    /** The names allowed in {@code activation NAME}, for messages. */
    static String activations() {
        List<String> names = new ArrayList<>(NAMED);
        for (String name : ELEMENTARY.keySet()) {
            if (arity(name) == 1) {
                names.add(name);
            }
        }
        return String.join(", ", names);
    }

    /**
     * {@code name(arguments)} in elementary functions; max comes out as max(0, x). The caller has checked
     * the name, the arity and that one argument of max is 0 ({@code zeroFirst} says which).
     */
    static ScalarExpr apply(String name, List<ScalarExpr> arguments, boolean zeroFirst) {
        ScalarExpr x = arguments.get(0);
        switch (name) {
            case "relu":
                return new Call(Function.MAX, List.of(new Constant(0), x));
            case "gelu":
                ScalarExpr scaled = new Binary(Operator.DIVIDE, x, new Call(Function.SQRT, List.of(new Constant(2))));
                ScalarExpr onePlusErf = new Binary(Operator.ADD, new Constant(1), new Call(Function.ERF, List.of(scaled)));
                return new Binary(Operator.MULTIPLY, new Binary(Operator.MULTIPLY, new Constant(0.5), x), onePlusErf);
            case "swish":
                return new Binary(Operator.MULTIPLY, x, new Call(Function.SIGMOID, List.of(x)));
            case "linear":
                return x;
            case "max":
                return new Call(Function.MAX, List.of(new Constant(0), zeroFirst ? arguments.get(1) : x));
            default:
                return new Call(ELEMENTARY.get(name), arguments);
        }
    }
}
