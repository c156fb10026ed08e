package org.feynet.derive;

import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * One term of a recursion: coefficient * Cw^cwPower * (Cb if cb) * product of atoms * product of tensor
 * components, summed over every index that is not external. Each summed index appears once in the derivatives
 * of one atom and once in one tensor; it ranges over the samples of that atom's sigma factors.
 */
public record Term(BigFraction coefficient, int cwPower, boolean cb, List<Atom> atoms, List<TensorRef> tensors) {

    public Term {
        atoms = List.copyOf(atoms);
        tensors = List.copyOf(tensors);
    }

    /** The summed (dummy) indices c1 d1 c2 d2 ..., in leg order. */
    public List<String> summedIndices() {
        return atoms.stream().flatMap(a -> a.derivatives().stream()).distinct().sorted(Names::compareIndex).toList();
    }
}
