package org.feynet.lang;

/** Where a piece of source text begins: the file name, a 1-based line and a 1-based column. */
record Position(String file, int line, int column) {}
