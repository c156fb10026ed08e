package org.feynet.lang;

/** A statement inside {@code train NAME { ... }}. */
sealed interface TrainStatement extends Node permits
        TrainStatement.Targets, TrainStatement.Loss, TrainStatement.Flow, TrainStatement.Test, With {

    /** {@code targets y = [...]}: one target per input sample. */
    record Targets(Position position, Name name, Expr.ListLiteral values) implements TrainStatement {}

    /** {@code loss mse}: the loss (1/(2P)) sum_mu (f_mu - y_mu)^2. */
    record Loss(Position position, Name name) implements TrainStatement {}

    /**
     * {@code gradient flow with rate gamma0^2 * n for t = 0 .. T}: the learning rate (absent in
     * {@code gradient flow for t = 0 .. T}, the NTK-rate flow of a Fourier-feature residual network) and the time span.
     */
    record Flow(Position position, java.util.Optional<Expr> rate, Range time) implements TrainStatement {}

    /** {@code test x = [[...], ...], y = [...]}: held-out inputs and their targets. */
    record Test(Position position, Name inputs, Expr.ListLiteral matrix, Name targets, Expr.ListLiteral values)
            implements TrainStatement {}
}
