package org.feynet.lang;

/** An identifier where it is declared or used as a plain name (a block name, a width symbol, ...). */
record Name(Position position, String text) implements Node {}
