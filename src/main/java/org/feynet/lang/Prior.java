package org.feynet.lang;

import java.util.List;

/**
 * {@code parameter ~ distribution(arguments)}: {@code W ~ normal(0, Cw/n)} (mean, variance) or
 * {@code m ~ bernoulli(p)} (probability of 1).
 */
record Prior(Position position, Name parameter, Name distribution, List<Expr> arguments) implements Node {
    Prior {
        arguments = List.copyOf(arguments);
    }
}
