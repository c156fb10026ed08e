package org.feynet.lang;

import java.util.List;
import org.feynet.lang.NetworkStatement.ActivationDefinition;
import org.feynet.lang.NetworkStatement.ActivationShorthand;
import org.feynet.model.ScalarExpr;

/**
 * The statement checks shared by every kind of network block (PDLT networks and mean-field networks): a statement
 * that may appear once, a statement that must appear, and the activation as a scalar function of z.
 */
final class NetworkStatements {

    private NetworkStatements() {}

    /** {@code statement}, refused when {@code first} (the same statement seen before) is not null. */
    static <T extends NetworkStatement> T once(Block.Network block, T first, T statement, String keyword) {
        if (first != null) {
            throw new SourceError(statement.position(), "second " + keyword + " statement in network '"
                    + block.name().text() + "', expected one");
        }
        return statement;
    }

    /** Refuses a missing statement at the block's name, with an example of what was expected. */
    static void require(Block.Network block, NetworkStatement statement, String keyword, String example) {
        if (statement == null) {
            throw new SourceError(block.name().position(), "network '" + block.name().text() + "' has no "
                    + keyword + " statement, expected " + example);
        }
    }

    /**
     * The activation statement as sigma(z): a known shorthand ({@code activation relu}) or a definition
     * {@code activation sigma(x) = ...} whose other symbols are numbers or hyperparameters.
     */
    static ScalarExpr activation(NetworkStatement activation, Constants constants) {
        ScalarExpr z = new ScalarExpr.Variable("z");
        if (activation instanceof ActivationShorthand s) {
            if (!Functions.isActivation(s.name().text())) {
                throw new SourceError(s.name().position(), "unknown activation '" + s.name().text()
                        + "', expected one of " + Functions.activations(), "or define one: activation sigma(z) = ...");
            }
            return Functions.apply(s.name().text(), List.of(z), false);
        }
        ActivationDefinition d = (ActivationDefinition) activation;
        String variable = d.parameter().text();
        return Arithmetic.translate(d.body(),
                s -> s.name().equals(variable) ? z
                        : constants.resolve(s, "the variable " + variable + ", a number or a hyperparameter"),
                "an expression in " + variable);
    }
}
