package org.feynet.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.lang.TheoryStatement.Action;
import org.feynet.lang.TheoryStatement.Coupling;
import org.feynet.lang.TheoryStatement.Field;

/**
 * Checks one theory block and resolves its names. The rules:
 * <ul>
 *   <li>at least one field and exactly one action; every declared name is new in the block;</li>
 *   <li>{@code field phi[i], i = 1 .. N} names its index twice alike, starts at a whole number, and ends at
 *       a whole number or at a new name N, the size of the field;</li>
 *   <li>the action uses numbers, hyperparameters, couplings, sizes and elementary functions, and fields:
 *       a field with components always with an index (its index name or a whole number), a plain field
 *       never;</li>
 *   <li>derive lines ask for Z, log Z, the self-energy Sigma or correlators of fields ({@code <phi phi>}, {@code <phi phi>_c} for
 *       the connected part) to an order g^k (g a coupling) or 1/N^k (N a size), k a whole number >= 1.</li>
 * </ul>
 */
final class TheoryChecker {

    private final Block.Theory block;
    private final Map<String, Field> fields = new HashMap<>();
    private final Map<String, String> declared = new HashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private Action action;
    private Constants constants;

    private TheoryChecker(Block.Theory block) {
        this.block = block;
    }

    static CheckedTheory check(Block.Theory block) {
        return new TheoryChecker(block).check();
    }

    private CheckedTheory check() {
        collect();
        for (Binding binding : bindings) {
            declare(binding.name(), "a hyperparameter");
        }
        Map<String, String> roles = new HashMap<>(declared);
        for (Binding binding : bindings) {
            roles.remove(binding.name().text());
        }
        constants = new Constants(bindings, Map.of(), roles);
        term(action.body());
        for (Derive derive : block.derives()) {
            for (Target target : derive.targets()) {
                target(target);
            }
            order(derive.requiredOrder());
        }
        return new CheckedTheory(block);
    }

    private void collect() {
        for (TheoryStatement statement : block.statements()) {
            if (statement instanceof Field f) {
                field(f);
            } else if (statement instanceof Coupling c) {
                for (Name name : c.names()) {
                    declare(name, "a coupling");
                }
            } else if (statement instanceof Action a) {
                if (action != null) {
                    throw new SourceError(a.position(), "second action statement in theory '" + block.name().text()
                            + "', expected one");
                }
                action = a;
            } else {
                bindings.addAll(((With) statement).bindings());
            }
        }
        if (fields.isEmpty()) {
            throw new SourceError(block.name().position(), "theory '" + block.name().text()
                    + "' has no field statement, expected 'field phi'");
        }
        if (action == null) {
            throw new SourceError(block.name().position(), "theory '" + block.name().text()
                    + "' has no action statement, expected 'action S = ...'");
        }
        declare(action.name(), "the action");
    }

    private void field(Field field) {
        declare(field.name(), "a field");
        fields.put(field.name().text(), field);
        if (field.range().isEmpty()) {
            return;
        }
        Range range = field.range().get();
        String index = field.index().get().text();
        if (!range.variable().text().equals(index)) {
            throw new SourceError(range.variable().position(), "unexpected index '" + range.variable().text()
                    + "', expected " + index + " as in " + field.name().text() + "[" + index + "]");
        }
        wholeNumber(range.from());
        if (range.to() instanceof Expr.Symbol size) {
            if (!"a field size".equals(declared.get(size.name()))) {
                declare(new Name(size.position(), size.name()), "a field size");
            }
        } else {
            wholeNumber(range.to());
        }
    }

    private static void wholeNumber(Expr expr) {
        if (!(expr instanceof Expr.Number n && n.value() == Math.rint(n.value()))) {
            throw new SourceError(expr.position(), "unexpected bound '" + ExprText.of(expr)
                    + "', expected a whole number or the name of the field's size, such as N");
        }
    }

    private void declare(Name name, String role) {
        String before = declared.putIfAbsent(name.text(), role);
        if (before != null) {
            throw new SourceError(name.position(), "'" + name.text() + "' is already " + before + ", expected a new name");
        }
    }

    // ------------------------------------------------------------------ the action

    private void term(Expr expr) {
        if (expr instanceof Expr.Symbol s) {
            Field field = fields.get(s.name());
            if (field != null && field.index().isPresent()) {
                throw new SourceError(s.position(), "field '" + s.name() + "' has components, expected an index such as "
                        + s.name() + "[" + field.index().get().text() + "]");
            }
            String role = declared.get(s.name());
            if (field == null && !"a coupling".equals(role) && !"a field size".equals(role) && !constants.has(s.name())) {
                constants.resolve(s, "a field, a coupling or a number");
            }
        } else if (expr instanceof Expr.Index i) {
            component(i);
        } else if (expr instanceof Expr.Call c) {
            String name = c.function().text();
            if (!Functions.isKnown(name)) {
                throw new SourceError(c.function().position(), "unknown function '" + name + "', expected one of "
                        + Functions.allowed());
            }
            for (Expr argument : c.arguments()) {
                term(argument);
            }
        } else if (expr instanceof Expr.Negate n) {
            term(n.operand());
        } else if (expr instanceof Expr.Binary b) {
            if (b.operator() == Expr.Operator.CONTRACT) {
                throw new SourceError(b.position(), "unexpected contraction '.' in an action, expected '*'",
                        "repeated indices are summed: phi[i]*phi[i]");
            }
            term(b.left());
            term(b.right());
        } else if (expr instanceof Expr.ListLiteral) {
            throw new SourceError(expr.position(), "unexpected list in an action, expected fields, couplings and numbers");
        }
    }

    private void component(Expr.Index i) {
        String name = i.name().text();
        Field field = fields.get(name);
        if (field == null) {
            throw new SourceError(i.name().position(), declared.containsKey(name)
                    ? "'" + name + "' is " + declared.get(name) + " and takes no index, expected a field with components"
                    : "undefined field '" + name + "', expected a field declared by 'field " + name + "[i], i = 1 .. N'");
        }
        if (field.index().isEmpty()) {
            throw new SourceError(i.index().position(), "field '" + name + "' has no components, expected " + name
                    + " without an index");
        }
        String index = field.index().get().text();
        boolean named = i.index() instanceof Expr.Symbol s && s.name().equals(index);
        boolean numbered = i.index() instanceof Expr.Number n && n.value() == Math.rint(n.value()) && n.value() >= 1;
        if (!named && !numbered) {
            throw new SourceError(i.index().position(), "unexpected index '" + ExprText.of(i.index())
                    + "', expected " + index + " or a component number such as 1");
        }
    }

    // ------------------------------------------------------------------ derive lines

    private void target(Target target) {
        if (target instanceof Target.Correlator c) {
            for (Expr field : c.fields()) {
                if (field instanceof Expr.Symbol s && !fields.containsKey(s.name())) {
                    throw new SourceError(s.position(), "undefined field '" + s.name() + "', expected a field of theory '"
                            + block.name().text() + "'");
                }
                term(field);
            }
            if (c.suffix().isPresent() && !c.suffix().get().text().equals("c")) {
                throw new SourceError(c.suffix().get().position(), "unknown suffix '_" + c.suffix().get().text()
                        + "', expected _c for the connected part");
            }
            return;
        }
        Name name = target instanceof Target.Named n ? n.name() : ((Target.Log) target).name();
        if (name.text().equals("Sigma") && target instanceof Target.Named) {
            return;
        }
        if (!name.text().equals("Z")) {
            throw new SourceError(name.position(), "unknown quantity '" + name.text()
                    + "', expected Z, log Z, Sigma or a correlator such as <phi phi>");
        }
    }

    private void order(Expr order) {
        Expr base = order;
        boolean inverse = false;
        if (order instanceof Expr.Binary b && b.operator() == Expr.Operator.DIVIDE
                && b.left() instanceof Expr.Number one && one.value() == 1) {
            base = b.right();
            inverse = true;
        }
        if (base instanceof Expr.Binary p && p.operator() == Expr.Operator.POWER
                && p.right() instanceof Expr.Number k && k.value() == Math.rint(k.value()) && k.value() >= 1) {
            base = p.left();
        }
        String role = base instanceof Expr.Symbol s ? declared.get(s.name()) : null;
        if (!(inverse ? "a field size" : "a coupling").equals(role)) {
            throw new SourceError(order.position(), "unexpected order " + ExprText.of(order)
                    + ", expected g^k with g a coupling, or 1/N^k with N a field size");
        }
    }
}
