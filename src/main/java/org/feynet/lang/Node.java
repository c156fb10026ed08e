package org.feynet.lang;

/** A piece of the syntax tree; every node knows where its text begins. */
interface Node {
    Position position();
}
