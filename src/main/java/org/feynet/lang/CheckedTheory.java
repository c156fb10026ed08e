package org.feynet.lang;

/** A theory block that passed the checker. Theories are checked but not yet lowered. */
record CheckedTheory(Block.Theory block) implements Checked {}
