package org.feynet.lang;

/** {@code variable = from .. to}, both ends included. */
record Range(Position position, Name variable, Expr from, Expr to) implements Node {}
