package org.feynet.model;

/** What a {@code derive} line asks for about a network. */
public enum Observable {
    METRIC, NTK, DNTK, DDNTK;

    /** The keyword used in model files. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
