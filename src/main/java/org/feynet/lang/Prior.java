package org.feynet.lang;

import java.util.List;
import java.util.Optional;

/**
 * {@code parameter ~ distribution(arguments)}: {@code W ~ normal(0, Cw/n)} (mean, variance) or
 * {@code m ~ bernoulli(p)} (probability of 1); {@code index} holds the layer of {@code W[0] ~ normal(0, 1)} or the
 * block of {@code mask[l] ~ bernoulli(p)}, which only Fourier-feature residual networks accept.
 */
record Prior(Position position, Name parameter, Optional<Expr> index, Name distribution, List<Expr> arguments)
        implements Node {
    Prior {
        arguments = List.copyOf(arguments);
    }

    Prior(Position position, Name parameter, Name distribution, List<Expr> arguments) {
        this(position, parameter, Optional.empty(), distribution, arguments);
    }
}
