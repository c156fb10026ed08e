package org.feynet.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AstBuilderTest {

    @Test
    void powersBindTighterThanUnaryMinusAndGroupToTheRight() {
        assertEquals("(- (^ z 2))", tree("-z^2"));
        assertEquals("(^ 2 (^ 3 2))", tree("2^3^2"));
        assertEquals("(^ 2 (- 1))", tree("2^-1"));
    }

    @Test
    void sumsAndProductsGroupToTheLeft() {
        assertEquals("(- (- a b) c)", tree("a - b - c"));
        assertEquals("(/ (* a b) c)", tree("a * b / c"));
        assertEquals("(+ 1 (* 2 3))", tree("1 + 2 * 3"));
    }

    @Test
    void theContractionBindsLikeAProduct() {
        assertEquals("(+ (index b (+ l 1)) (. (index W (+ l 1)) (sigma (index z l))))",
                tree("b[l+1] + W[l+1] . sigma(z[l])"));
        assertEquals("(* eps (+ b (. W x)))", tree("eps * (b + W . x)"));
    }

    @Test
    void numbersCallsAndListsKeepTheirText() {
        assertEquals("(max 0 1e-3)", tree("max(0, 1e-3)"));
        assertEquals("(log (+ 1 (exp z)))", tree("log(1 + exp(z))"));
        assertEquals("(list (list 1.0 0.5) (list 0.5 0.8))", tree("[[1.0, 0.5], [0.5, 0.8]]"));
    }

    @Test
    void everyNodeKnowsWhereItsTextBegins() {
        Block.Network network = (Block.Network) parse(Sources.MLP).blocks().get(0);
        assertEquals(new Position("t.fnet", 1, 1), network.position());
        assertEquals(new Position("t.fnet", 1, 9), network.name().position());
        NetworkStatement.Equation equation = (NetworkStatement.Equation) network.statements().get(6);
        assertEquals(new Position("t.fnet", 7, 3), equation.position());
        assertEquals(new Position("t.fnet", 7, 5), equation.layer().index().position());
        Range range = equation.range().orElseThrow();
        assertEquals(new Position("t.fnet", 7, 48), range.position());
        assertEquals("(- L 1)", lisp(range.to()));
        Derive derive = network.derives().get(0);
        assertEquals(new Position("t.fnet", 9, 1), derive.position());
        assertEquals("(/ 1 n)", lisp(derive.order()));
    }

    @Test
    void theActivationKeepsItsSourceText() {
        NetworkStatement.ActivationDefinition activation = (NetworkStatement.ActivationDefinition)
                network(Sources.mlpWith("tanh(z)", "0.5*z*(1 + erf(z/sqrt(2)))  # gelu")).statements().get(2);
        assertEquals("sigma", activation.name().text());
        assertEquals("z", activation.parameter().text());
        assertEquals("0.5*z*(1 + erf(z/sqrt(2)))", activation.text());
    }

    @Test
    void aWithClauseIsItsOwnStatementWhereverItStands() {
        List<NetworkStatement> statements = network(Sources.mlpWith("with Cb = 0, Cw = 1", "\n  with Cb = 0\n"
                + "  with Cw = 1")).statements();
        assertInstanceOf(NetworkStatement.Init.class, statements.get(3));
        assertEquals("Cb", ((With) statements.get(4)).bindings().get(0).name().text());
        assertEquals("Cw", ((With) statements.get(5)).bindings().get(0).name().text());
    }

    @Test
    void aTheoryBlockHoldsFieldsCouplingsAndTheAction() {
        Block.Theory theory = (Block.Theory) parse("theory on_model {\n"
                + "  field phi[i], i = 1 .. N\n"
                + "  coupling lambda, g\n"
                + "  action S = phi[i]*phi[i]/2 + lambda/(8*N) * (phi[i]*phi[i])^2\n"
                + "}\n"
                + "derive log Z, <phi[1] phi[1]>, <phi[1] phi[1] phi[2] phi[2]>_c to order 1/N\n").blocks().get(0);
        TheoryStatement.Field field = (TheoryStatement.Field) theory.statements().get(0);
        assertEquals("phi", field.name().text());
        assertEquals("i", field.index().orElseThrow().text());
        assertEquals("N", lisp(field.range().orElseThrow().to()));
        TheoryStatement.Coupling coupling = (TheoryStatement.Coupling) theory.statements().get(1);
        assertEquals(List.of("lambda", "g"), List.of(coupling.names().get(0).text(), coupling.names().get(1).text()));
        TheoryStatement.Action action = (TheoryStatement.Action) theory.statements().get(2);
        assertEquals("(+ (/ (* (index phi i) (index phi i)) 2) (* (/ lambda (* 8 N)) (^ (* (index phi i) (index phi i)) 2)))",
                lisp(action.body()));
        List<Target> targets = theory.derives().get(0).targets();
        assertEquals("Z", ((Target.Log) targets.get(0)).name().text());
        Target.Correlator twoPoint = (Target.Correlator) targets.get(1);
        assertEquals(2, twoPoint.fields().size());
        assertEquals(Optional.empty(), twoPoint.suffix());
        Target.Correlator fourPoint = (Target.Correlator) targets.get(2);
        assertEquals("(index phi 2)", lisp(fourPoint.fields().get(3)));
        assertEquals("c", fourPoint.suffix().orElseThrow().text());
        assertEquals(new Position("t.fnet", 6, 32), fourPoint.position());
    }

    private static SourceFile parse(String text) {
        return SourceParser.parse("t.fnet", text);
    }

    private static Block.Network network(String text) {
        return (Block.Network) parse(text).blocks().get(0);
    }

    /** The expression {@code text}, read as the value of a hyperparameter, as a fully bracketed tree. */
    private static String tree(String text) {
        With with = (With) network("network m {\n  with v = " + text + "\n}\n").statements().get(0);
        return lisp(with.bindings().get(0).value());
    }

    private static String lisp(Expr expr) {
        if (expr instanceof Expr.Number n) {
            return n.text();
        }
        if (expr instanceof Expr.Symbol s) {
            return s.name();
        }
        if (expr instanceof Expr.Negate n) {
            return "(- " + lisp(n.operand()) + ")";
        }
        if (expr instanceof Expr.Binary b) {
            return "(" + b.operator().symbol() + " " + lisp(b.left()) + " " + lisp(b.right()) + ")";
        }
        if (expr instanceof Expr.Call c) {
            return "(" + c.function().text() + " " + all(c.arguments()) + ")";
        }
        if (expr instanceof Expr.Index i) {
            return "(index " + i.name().text() + " " + lisp(i.index()) + ")";
        }
        return "(list " + all(((Expr.ListLiteral) expr).elements()) + ")";
    }

    private static String all(List<Expr> exprs) {
        List<String> parts = new ArrayList<>();
        for (Expr e : exprs) {
            parts.add(lisp(e));
        }
        return String.join(" ", parts);
    }
}
