package org.feynet.lang;

import java.util.List;
import java.util.Map;
import org.feynet.model.ScalarExpr;

/**
 * A network block after checking: every name resolved, every number evaluated, every layer index
 * consistent. Says nothing yet about which architectures can be lowered.
 *
 * @param block          the block as written
 * @param width          the width symbol (n)
 * @param depth          the value of L, at least 1
 * @param activationName the name layer equations call (sigma, or relu for {@code activation relu})
 * @param activationText the shorthand name, or the source text of the activation's body
 * @param activation     sigma as an expression in the variable z
 * @param preactivation  the name on the left of the layer equations (z)
 * @param parameters     the priors, by parameter name, in source order
 * @param inputs         the matrix of the input statement: the gram, or one raw vector per row
 * @param equations      the layer equations, in source order
 * @param layers         the equation that defines each layer, by layer number
 * @param learningRates  the learning rates, by name (lambda_W), each at least 0
 * @param observable     the observable of the derive line (metric when there is none)
 * @param order          the order k of {@code to order 1/n^k} (1 when there is no derive line)
 * @param closure        the {@code closure} statement (residual networks), or null
 * @param constants      the block's hyperparameters, for the lowering of residual scales
 */
record CheckedNetwork(
        Block.Network block,
        String width,
        int depth,
        String activationName,
        String activationText,
        ScalarExpr activation,
        String preactivation,
        Map<String, Parameter> parameters,
        NetworkStatement input,
        double[][] inputs,
        List<NetworkStatement.Equation> equations,
        Map<Integer, NetworkStatement.Equation> layers,
        Map<String, Double> learningRates,
        String observable,
        int order,
        NetworkStatement.ClosureChoice closure,
        Constants constants) implements Checked {

    /** What a parameter does in the layer equations, read off from where it stands. */
    enum Role {
        /** normal prior, added: its value is the variance Cb. */
        BIAS,
        /** normal prior, on the left of '.': its value is Cw of the variance Cw/n. */
        WEIGHT,
        /** bernoulli prior: its value is the probability p of 1. */
        MASK
    }

    /** A parameter's prior, its role and its number (Cb, Cw or p). */
    record Parameter(Prior prior, Role role, double value) {}
}
