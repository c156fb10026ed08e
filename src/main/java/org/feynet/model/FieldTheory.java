package org.feynet.model;

import java.util.List;
import java.util.Optional;

/**
 * A zero-dimensional field theory, lowered from a {@code theory} block: fields with their free propagators,
 * the couplings, the interaction monomials of the action and what the derive lines ask for. The action is
 * S = sum_f phi_f^2 / (2 D_f) + sum_t c_t prod_f phi_f^(k_{t,f}), and every expectation is
 * {@code <X> = int dphi X exp(-S) / int dphi exp(-S)} with Z normalised by the Gaussian integral of the
 * quadratic part.
 *
 * @param name         the block name
 * @param fields       the fields, in declaration order
 * @param couplings    the expansion parameters, in declaration order
 * @param size         the symbolic size N of the O(N) fields, if one was declared by name
 * @param interactions the interaction monomials (every one carries at least one coupling)
 * @param requests     one entry per derive target, in source order
 */
public record FieldTheory(String name, List<TheoryField> fields, List<String> couplings, Optional<String> size,
        List<Interaction> interactions, List<TheoryRequest> requests) {

    public FieldTheory {
        fields = List.copyOf(fields);
        couplings = List.copyOf(couplings);
        interactions = List.copyOf(interactions);
        requests = List.copyOf(requests);
    }

    /**
     * This theory with every request taken to order K in its own variable: degree K in the couplings, or 1/N^K for
     * requests in 1/N (which keep their coupling truncation).
     */
    public FieldTheory withOrder(int order) {
        List<TheoryRequest> changed = requests.stream().map(r -> new TheoryRequest(r.quantity(), r.fields(),
                new TheoryOrder(r.order().variable(), order, r.order().inverseSize(),
                        r.order().inverseSize() ? r.order().couplingOrder() : order), r.text())).toList();
        return new FieldTheory(name, fields, couplings, size, interactions, changed);
    }
}
