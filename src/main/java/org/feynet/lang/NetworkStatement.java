package org.feynet.lang;

import java.util.List;
import java.util.Optional;

/** A statement inside {@code network NAME { ... }}. */
sealed interface NetworkStatement extends Node permits
        NetworkStatement.Width, NetworkStatement.Depth, NetworkStatement.ActivationShorthand,
        NetworkStatement.ActivationDefinition, NetworkStatement.Init, NetworkStatement.LearningRates,
        NetworkStatement.GramInput, NetworkStatement.VectorInput, NetworkStatement.Equation, NetworkStatement.ClosureChoice,
        NetworkStatement.Output, NetworkStatement.Features,
        With {

    /** {@code width n}: the hidden width; results are series in 1/n. */
    record Width(Position position, Name symbol) implements NetworkStatement {}

    /** {@code depth L = 10}: the number of layers L, named so that ranges can refer to it. */
    record Depth(Position position, Name symbol, Expr value) implements NetworkStatement {}

    /** {@code activation relu}: a named activation. */
    record ActivationShorthand(Position position, Name name) implements NetworkStatement {}

    /**
     * {@code activation sigma(z) = tanh(z)}: an activation named {@code name}, a function of
     * {@code parameter}; {@code text} is the source text of the body.
     */
    record ActivationDefinition(Position position, Name name, Name parameter, Expr body, String text)
            implements NetworkStatement {}

    /** {@code init b ~ normal(0, Cb), W ~ normal(0, Cw/n)}: the priors of the parameters. */
    record Init(Position position, List<Prior> priors) implements NetworkStatement {
        public Init {
            priors = List.copyOf(priors);
        }
    }

    /** {@code learning rates lambda_b = 0, lambda_W = 1}: the learning-rate tensor of the NTK. */
    record LearningRates(Position position, List<Binding> rates) implements NetworkStatement {
        public LearningRates {
            rates = List.copyOf(rates);
        }
    }

    /** {@code input gram [[...], ...]}: the first-layer metric itself. */
    record GramInput(Position position, Expr.ListLiteral matrix) implements NetworkStatement {}

    /** {@code input x = [[...], ...]}: raw input vectors, one row per sample. */
    record VectorInput(Position position, Name name, Expr.ListLiteral matrix) implements NetworkStatement {}

    /** {@code closure RG}: the state a residual network's statistics are propagated on. */
    record ClosureChoice(Position position, Name name) implements NetworkStatement {}

    /** {@code z[l+1] = ... for l = 1 .. L-1}: the layers given by {@code layer}, for each value of the range. */
    record Equation(Position position, Expr.Index layer, Expr value, Optional<Range> range)
            implements NetworkStatement {}

    /**
     * {@code output f = w . sigma(z[L]) / (gamma0 * n)}: the readout of a mean-field (muP) network, whose presence
     * makes the block such a network (see {@link MeanFieldChecker}).
     */
    record Output(Position position, Name name, Expr value) implements NetworkStatement {}

    /**
     * {@code features gamma(x) = fourier(m, s)}: the Fourier-feature embedding whose presence makes the block a
     * Fourier-feature residual network (see {@link FourierResidualChecker}).
     */
    record Features(Position position, Name name, Name parameter, Expr value) implements NetworkStatement {}
}
