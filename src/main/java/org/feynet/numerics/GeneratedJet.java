package org.feynet.numerics;

/** A generated {@link ActivationJet}: the derivatives of one activation as printed from Symja by org.feynet.codegen. */
public interface GeneratedJet extends ActivationJet {

    /** A hash of everything the generated code depends on, to detect stale generated files. */
    String fingerprint();
}
