package org.feynet.model;

import java.util.List;

/**
 * One quantity asked for by a derive line of a theory, and the order to which it is wanted.
 *
 * @param quantity what is computed
 * @param fields   the correlator's fields (empty for Z and log Z; the two legs for the self-energy)
 * @param order    the truncation
 * @param text     the target as written ({@code <phi phi>_c}), for output
 */
public record TheoryRequest(Quantity quantity, List<FieldComponent> fields, TheoryOrder order, String text) {

    public TheoryRequest {
        fields = List.copyOf(fields);
    }

    /** The quantities of a zero-dimensional theory. */
    public enum Quantity {
        /** Z(g)/Z(0): all vacuum diagrams, connected or not. */
        Z,
        /** log(Z(g)/Z(0)): connected vacuum diagrams. */
        LOG_Z,
        /** {@code <phi ... phi>}: diagrams every component of which holds an external leg. */
        CORRELATOR,
        /** {@code <phi ... phi>_c}: connected diagrams. */
        CONNECTED,
        /**
         * The self-energy Sigma, with {@code <phi phi>_c = D / (1 - D Sigma)}: connected amputated two-point
         * diagrams that no single line separates into a part with one leg and a part with the other.
         */
        SELF_ENERGY
    }

    /** A field of a correlator; {@code component} is 0 for a plain field and 1.. for a vector field. */
    public record FieldComponent(int field, int component) {}
}
