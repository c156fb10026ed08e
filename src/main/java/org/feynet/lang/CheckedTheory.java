package org.feynet.lang;

/** A theory block that passed the checker. Lowered by {@link TheoryLowering}. */
record CheckedTheory(Block.Theory block) implements Checked {}
