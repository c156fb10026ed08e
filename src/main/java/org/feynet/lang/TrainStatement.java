package org.feynet.lang;

/** A statement inside {@code train NAME { ... }}. */
sealed interface TrainStatement extends Node permits
        TrainStatement.Targets, TrainStatement.Loss, TrainStatement.Flow, With {

    /** {@code targets y = [...]}: one target per input sample. */
    record Targets(Position position, Name name, Expr.ListLiteral values) implements TrainStatement {}

    /** {@code loss mse}: the loss (1/(2P)) sum_mu (f_mu - y_mu)^2. */
    record Loss(Position position, Name name) implements TrainStatement {}

    /** {@code gradient flow with rate gamma0^2 * n for t = 0 .. T}: the learning rate and the time span. */
    record Flow(Position position, Expr rate, Range time) implements TrainStatement {}
}
