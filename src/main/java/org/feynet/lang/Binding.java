package org.feynet.lang;

/** {@code name = value}, in a {@code with} clause or a {@code learning rates} statement. */
record Binding(Position position, Name name, Expr value) implements Node {}
