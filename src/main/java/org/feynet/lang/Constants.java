package org.feynet.lang;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feynet.model.ScalarExpr;
import org.feynet.model.ScalarFunction;

/**
 * The named numbers of a block: its {@code with} hyperparameters (which may use one another, in any
 * order, but not themselves) and fixed values such as the depth L. Evaluated on demand in double
 * precision. Other names of the block have a role ("the width") that error messages mention.
 */
final class Constants {

    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, String> roles;
    private final Set<String> evaluating = new HashSet<>();

    /**
     * @param bindings the block's hyperparameters, each name once
     * @param fixed    names with known values (the depth L)
     * @param roles    the block's other names and what they are, for messages
     */
    Constants(List<Binding> bindings, Map<String, Double> fixed, Map<String, String> roles) {
        for (Binding binding : bindings) {
            this.bindings.put(binding.name().text(), binding);
        }
        this.values.putAll(fixed);
        this.roles = Map.copyOf(roles);
    }

    /** Whether {@code name} has a value. */
    boolean has(String name) {
        return values.containsKey(name) || bindings.containsKey(name);
    }

    /** The value of a constant expression: numbers, hyperparameters, arithmetic and functions. */
    double value(Expr expr) {
        double value = ScalarFunction.of(Arithmetic.translate(expr, s -> resolve(s, "a number"), "a number"))
                .applyAsDouble(0);
        if (!Double.isFinite(value)) {
            throw new SourceError(expr.position(), "'" + ExprText.of(expr) + "' has no finite value, expected a number");
        }
        return value;
    }

    /** The value of a whole number, such as a depth or a range bound; {@code what} names it in messages. */
    int integer(Expr expr, String what) {
        double value = value(expr);
        if (value == Math.rint(value) && Math.abs(value) > 1e9) {
            throw new SourceError(expr.position(), what + " " + describe(expr, value) + " is too large, expected an"
                    + " integer of at most 1e9");
        }
        if (value != Math.rint(value)) {
            throw new SourceError(expr.position(), what + " " + describe(expr, value) + " is not a whole number, expected an integer");
        }
        return (int) value;
    }

    /**
     * The constant a name stands for; {@code expected} says what else could stand there, for the message
     * about an undefined name.
     */
    ScalarExpr resolve(Expr.Symbol symbol, String expected) {
        String name = symbol.name();
        if (values.containsKey(name)) {
            return new ScalarExpr.Constant(values.get(name));
        }
        Binding binding = bindings.get(name);
        if (binding != null) {
            if (!evaluating.add(name)) {
                throw new SourceError(symbol.position(), "hyperparameter '" + name
                        + "' is defined in terms of itself, expected a value that does not use it");
            }
            double value = value(binding.value());
            evaluating.remove(name);
            values.put(name, value);
            return new ScalarExpr.Constant(value);
        }
        String role = roles.get(name);
        if (role != null) {
            throw new SourceError(symbol.position(), "'" + name + "' is " + role + " and has no value here, expected " + expected);
        }
        throw new SourceError(symbol.position(), "undefined symbol '" + name + "', expected " + expected,
                "define it with 'with " + name + " = ...'");
    }

    /** The expression a hyperparameter is bound to, or null when {@code name} is not a hyperparameter. */
    Expr binding(String name) {
        Binding binding = bindings.get(name);
        return binding == null ? null : binding.value();
    }

    /** {@code Cb = -1} for a named value, {@code -1} for a literal. */
    static String describe(Expr expr, double value) {
        String text = ExprText.of(expr);
        String number = ExprText.number(value);
        return text.equals(number) || expr instanceof Expr.Number ? text : text + " = " + number;
    }
}
