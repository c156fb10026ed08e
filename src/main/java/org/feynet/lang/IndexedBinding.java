package org.feynet.lang;

/** {@code name[index] = value} in a {@code with} clause: one value per block, such as {@code alpha[l] = 1 / sqrt(L)}. */
record IndexedBinding(Position position, Name name, Expr index, Expr value) implements Node {}
