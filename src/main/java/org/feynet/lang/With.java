package org.feynet.lang;

import java.util.List;

/**
 * {@code with Cb = 0, Cw = 1}: hyperparameter values. The clause may follow another statement on the
 * same line or stand on its own line; either way its names hold in the whole block. {@code perBlock} holds the
 * items that only Fourier-feature residual networks accept, in source order: {@link IndexedBinding}s
 * ({@code alpha[l] = 1 / sqrt(L)}) and indexed {@link Prior}s ({@code mask[l] ~ bernoulli(0.8)}).
 */
record With(Position position, List<Binding> bindings, List<Node> perBlock)
        implements NetworkStatement, TheoryStatement, TrainStatement {
    With {
        bindings = List.copyOf(bindings);
        perBlock = List.copyOf(perBlock);
    }

    With(Position position, List<Binding> bindings) {
        this(position, bindings, List.of());
    }
}
