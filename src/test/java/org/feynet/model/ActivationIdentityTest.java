package org.feynet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.feynet.model.ScalarExpr.Binary;
import org.feynet.model.ScalarExpr.Call;
import org.feynet.model.ScalarExpr.Constant;
import org.feynet.model.ScalarExpr.Negate;
import org.feynet.model.ScalarExpr.Operator;
import org.feynet.model.ScalarExpr.Variable;
import org.junit.jupiter.api.Test;

class ActivationIdentityTest {

    /**
     * The disk cache keys an activation by {@link Activation#identity}: two activations must have the same identity
     * exactly when they are equal (the records' component-wise equality, the independent reference), over random
     * expressions that share many subtrees, constants such as 0.0 and -0.0, and names that contain the identity's
     * own punctuation.
     */
    @Test
    void identitiesAreEqualExactlyForEqualActivations() {
        SplittableRandom random = new SplittableRandom(3);
        List<Activation> activations = new ArrayList<>();
        String[] names = {"tanh", "s", "a:b", "x)", "(", "tanh2", ""};
        for (int i = 0; i < 400; i++) {
            activations.add(new Activation(names[random.nextInt(names.length)], expression(random, 3),
                    Activation.ClosedForm.values()[random.nextInt(Activation.ClosedForm.values().length)]));
        }
        for (Activation a : activations) {
            Activation copy = new Activation(a.name(), a.expression(), a.closedForm());
            assertEquals(a.identity(), copy.identity());
            for (Activation b : activations) {
                assertEquals(a.equals(b), a.identity().equals(b.identity()), a + " against " + b);
            }
        }
    }

    @Test
    void theIdentityReadsAsAPrefixForm() {
        Activation tanh = new Activation("tanh", new Call(ScalarExpr.Function.TANH, List.of(new Variable("z"))),
                Activation.ClosedForm.NONE);
        assertEquals("4:tanh;NONE;TANH(v(1:z))", tanh.identity());
        assertEquals("SUBTRACT(neg(c(-0.0)),c(1.0E-300))", ScalarExpr.identity(
                new Binary(Operator.SUBTRACT, new Negate(new Constant(-0.0)), new Constant(1e-300))));
    }

    private static ScalarExpr expression(SplittableRandom random, int depth) {
        int choice = random.nextInt(depth == 0 ? 2 : 5);
        return switch (choice) {
            case 0 -> new Variable(random.nextBoolean() ? "z" : random.nextBoolean() ? "z,1" : "v(1:z)");
            case 1 -> new Constant(new double[] {0.0, -0.0, 1.0, 2.5, 1e-300}[random.nextInt(5)]);
            case 2 -> new Negate(expression(random, depth - 1));
            case 3 -> new Binary(Operator.values()[random.nextInt(Operator.values().length)],
                    expression(random, depth - 1), expression(random, depth - 1));
            default -> {
                ScalarExpr.Function f = random.nextBoolean() ? ScalarExpr.Function.MAX
                        : ScalarExpr.Function.values()[random.nextInt(ScalarExpr.Function.values().length)];
                List<ScalarExpr> args = new ArrayList<>();
                for (int k = 0; k < (f == ScalarExpr.Function.MAX ? 2 : 1); k++) {
                    args.add(expression(random, depth - 1));
                }
                yield new Call(f, args);
            }
        };
    }
}
