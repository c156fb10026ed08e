package org.feynet.lang;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feynet.lang.TheoryStatement.Action;
import org.feynet.lang.TheoryStatement.Coupling;
import org.feynet.lang.TheoryStatement.Field;
import org.feynet.model.FieldTheory;
import org.feynet.model.Interaction;
import org.feynet.model.Limits;
import org.feynet.model.TheoryField;
import org.feynet.model.TheoryOrder;
import org.feynet.model.TheoryRequest;
import org.feynet.model.TheoryRequest.FieldComponent;
import org.feynet.model.TheoryRequest.Quantity;
import org.hipparchus.fraction.BigFraction;

/**
 * A checked theory as a {@link FieldTheory}. The action is expanded into an exact polynomial; each field needs
 * one quadratic term a*phi^2 (a*phi[i]*phi[i] for a vector field) with a > 0 and no coupling, which gives the
 * propagator 1/(2a); every other term is an interaction and must carry a coupling. Mixed quadratic terms,
 * constant terms, explicit components in the action and a range not starting at 1 are reported. Derive lines
 * become requests; an order 1/N^k keeps the couplings to {@value #COUPLING_ORDER_FOR_SIZE} unless the command
 * line says otherwise.
 */
final class TheoryLowering {

    /** The total coupling degree kept by a {@code to order 1/N^k} request. */
    static final int COUPLING_ORDER_FOR_SIZE = 4;

    private final Block.Theory block;
    private final List<Field> fieldStatements = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> vector = new ArrayList<>();
    private final List<Integer> components = new ArrayList<>();
    private final List<String> couplings = new ArrayList<>();
    private final Map<String, Expr> bindings = new HashMap<>();
    private String size;
    private Action action;

    private TheoryLowering(Block.Theory block) {
        this.block = block;
    }

    static FieldTheory lower(CheckedTheory theory) {
        return new TheoryLowering(theory.block()).lower();
    }

    private FieldTheory lower() {
        readStatements();
        ActionPolynomial s = ActionPolynomial.of(action.body(),
                new ActionPolynomial.Names(fields, vector, couplings, size, bindings));
        BigFraction[] quadratic = new BigFraction[fields.size()];
        List<Interaction> interactions = new ArrayList<>();
        for (Map.Entry<ActionPolynomial.Key, BigFraction> term : s.terms().entrySet()) {
            ActionPolynomial.Key k = term.getKey();
            BigFraction c = term.getValue();
            checkTerm(k, c);
            if (k.couplingDegree() == 0) {
                quadratic[quadraticField(k, c)] = c;
            } else {
                interactions.add(new Interaction(c, k.couplings(), k.size(), k.legs(), text(k, c)));
            }
        }
        return new FieldTheory(block.name().text(), theoryFields(quadratic), couplings, Optional.ofNullable(size),
                interactions, requests(interactions));
    }

    /** Fields, couplings, the action and the bindings of {@code with} lines, in the order written. */
    private void readStatements() {
        for (TheoryStatement statement : block.statements()) {
            if (statement instanceof Field f) {
                field(f);
            } else if (statement instanceof Coupling c) {
                c.names().forEach(n -> couplings.add(n.text()));
            } else if (statement instanceof Action a) {
                action = a;
            } else {
                ((With) statement).bindings().forEach(b -> bindings.put(b.name().text(), b.value()));
            }
        }
    }

    /** Every term has paired indices and a field; a term without coupling must be a quadratic one. */
    private void checkTerm(ActionPolynomial.Key k, BigFraction c) {
        if (k.anyOpen()) {
            throw new SourceError(action.body().position(), "unpaired index in the action, expected every summed "
                    + "index twice, as in phi[i]*phi[i]");
        }
        if (k.fieldDegree() == 0) {
            throw new SourceError(action.body().position(), "constant term " + text(k, c)
                    + " in the action, expected every term to contain a field");
        }
        if (k.couplingDegree() == 0 && (k.fieldDegree() != 2 || k.size() != 0)) {
            throw new SourceError(action.body().position(), "term " + text(k, c)
                    + " carries no coupling, expected one (such as g/24 * phi^4) on every interaction");
        }
    }

    /** The field of a quadratic term a*phi^2 with a > 0. */
    private int quadraticField(ActionPolynomial.Key k, BigFraction c) {
        int f = k.legs().indexOf(2);
        if (f < 0) {
            throw new SourceError(action.body().position(), "mixed quadratic term " + text(k, c)
                    + " is not supported, expected each field's quadratic term on its own (phi^2/2)");
        }
        if (c.signum() <= 0) {
            throw new SourceError(action.body().position(), "quadratic term " + text(k, c)
                    + " is not positive, expected a positive coefficient so that exp(-S) is integrable");
        }
        return f;
    }

    /** Each field with its propagator 1/(2a); a field without quadratic term is an error at its declaration. */
    private List<TheoryField> theoryFields(BigFraction[] quadratic) {
        List<TheoryField> out = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            if (quadratic[f] == null) {
                Field statement = fieldStatements.get(f);
                String square = vector.get(f) ? fields.get(f) + "[i]*" + fields.get(f) + "[i]/2" : fields.get(f) + "^2/2";
                throw new SourceError(statement.name().position(), "field '" + fields.get(f)
                        + "' has no quadratic term, expected " + square + " in the action (it sets the propagator)");
            }
            BigFraction propagator = quadratic[f].multiply(2).reciprocal();
            out.add(new TheoryField(fields.get(f), vector.get(f), components.get(f), propagator));
        }
        return out;
    }

    /** One request per target of every derive line. */
    private List<TheoryRequest> requests(List<Interaction> interactions) {
        List<TheoryRequest> requests = new ArrayList<>();
        for (Derive derive : block.derives()) {
            TheoryOrder order = order(derive.requiredOrder());
            for (Target target : derive.targets()) {
                TheoryRequest request = request(target, order);
                Limits.theory(interactions, request).ifPresent(why -> {
                    throw new SourceError(derive.order().position(), why);
                });
                requests.add(request);
            }
        }
        return requests;
    }

    private void field(Field f) {
        fieldStatements.add(f);
        fields.add(f.name().text());
        vector.add(f.index().isPresent());
        if (f.range().isEmpty()) {
            components.add(1);
            return;
        }
        Range range = f.range().get();
        int from = (int) ((Expr.Number) range.from()).value();
        if (range.to() instanceof Expr.Symbol s) {
            if (from != 1) {
                throw new SourceError(range.from().position(), "unexpected start " + from
                        + ", expected the components to run from 1 to " + s.name());
            }
            if (size != null && !size.equals(s.name())) {
                throw new SourceError(s.position(), "second size '" + s.name() + "', expected one size for all fields ("
                        + size + ")");
            }
            size = s.name();
            components.add(0);
        } else {
            int to = (int) ((Expr.Number) range.to()).value();
            if (to < from) {
                throw new SourceError(range.to().position(), "empty range " + from + " .. " + to
                        + ", expected at least one component");
            }
            components.add(to - from + 1);
        }
    }

    private TheoryRequest request(Target target, TheoryOrder order) {
        if (target instanceof Target.Log) {
            return new TheoryRequest(Quantity.LOG_Z, List.of(), order, "log Z");
        }
        if (target instanceof Target.Named n) {
            if (n.name().text().equals("Sigma")) {
                FieldComponent leg = new FieldComponent(0, vector.get(0) ? 1 : 0);
                return new TheoryRequest(Quantity.SELF_ENERGY, List.of(leg, leg), order, "Sigma");
            }
            return new TheoryRequest(Quantity.Z, List.of(), order, "Z");
        }
        Target.Correlator c = (Target.Correlator) target;
        List<FieldComponent> legs = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Expr e : c.fields()) {
            legs.add(leg(e));
            written.add(ExprText.of(e));
        }
        boolean connected = c.suffix().isPresent();
        return new TheoryRequest(connected ? Quantity.CONNECTED : Quantity.CORRELATOR, legs, order,
                "<" + String.join(" ", written) + ">" + (connected ? "_c" : ""));
    }

    private FieldComponent leg(Expr e) {
        if (e instanceof Expr.Symbol s) {
            return new FieldComponent(fields.indexOf(s.name()), 0);
        }
        Expr.Index i = (Expr.Index) e;
        int f = fields.indexOf(i.name().text());
        if (!(i.index() instanceof Expr.Number n)) {
            throw new SourceError(i.index().position(), "unexpected index '" + ExprText.of(i.index())
                    + "' in a correlator, expected a component number such as " + i.name().text() + "[1]");
        }
        int component = (int) n.value();
        if (components.get(f) > 0 && component > components.get(f)) {
            throw new SourceError(i.index().position(), "component " + component + " of " + i.name().text()
                    + " is out of range, expected 1 .. " + components.get(f));
        }
        return new FieldComponent(f, component);
    }

    private TheoryOrder order(Expr order) {
        boolean inverse = false;
        Expr base = order;
        if (order instanceof Expr.Binary b && b.operator() == Expr.Operator.DIVIDE) {
            base = b.right();
            inverse = true;
        }
        int power = 1;
        if (base instanceof Expr.Binary p && p.operator() == Expr.Operator.POWER) {
            power = (int) ((Expr.Number) p.right()).value();
            base = p.left();
        }
        String variable = ((Expr.Symbol) base).name();
        return new TheoryOrder(variable, power, inverse, inverse ? COUPLING_ORDER_FOR_SIZE : power);
    }

    /** A monomial in normal form: {@code lambda/(8 N) (phi.phi)^2}, {@code 1/24 g phi^4}. */
    private String text(ActionPolynomial.Key k, BigFraction c) {
        StringBuilder s = new StringBuilder();
        BigInteger p = c.getNumerator();
        BigInteger q = c.getDenominator();
        List<String> top = new ArrayList<>();
        if (!p.abs().equals(BigInteger.ONE)) {
            top.add(p.abs().toString());
        }
        for (int i = 0; i < couplings.size(); i++) {
            int e = k.couplings().get(i);
            if (e > 0) {
                top.add(couplings.get(i) + (e > 1 ? "^" + e : ""));
            }
        }
        if (k.size() > 0) {
            top.add(size + (k.size() > 1 ? "^" + k.size() : ""));
        }
        List<String> bottom = new ArrayList<>();
        if (!q.equals(BigInteger.ONE)) {
            bottom.add(q.toString());
        }
        if (k.size() < 0) {
            bottom.add(size + (k.size() < -1 ? "^" + -k.size() : ""));
        }
        s.append(p.signum() < 0 ? "-" : "");
        s.append(top.isEmpty() ? "1" : String.join("*", top));
        if (!bottom.isEmpty()) {
            s.append("/").append(bottom.size() > 1 ? "(" + String.join("*", bottom) + ")" : bottom.get(0));
        }
        for (int f = 0; f < fields.size(); f++) {
            int l = k.legs().get(f);
            if (l == 0) {
                continue;
            }
            String name = fields.get(f);
            if (vector.get(f)) {
                s.append(" * (").append(name).append("[i]*").append(name).append("[i])").append(l > 2 ? "^" + l / 2 : "");
            } else {
                s.append(" * ").append(name).append(l > 1 ? "^" + l : "");
            }
        }
        return s.toString();
    }
}
