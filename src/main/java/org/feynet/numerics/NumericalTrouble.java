package org.feynet.numerics;

/** A numerical failure (singular kernel, divergence, NaN) reported to the user instead of printed as numbers. */
public class NumericalTrouble extends RuntimeException {

    public NumericalTrouble(String message) {
        super(message);
    }
}
