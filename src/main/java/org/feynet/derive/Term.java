package org.feynet.derive;

import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * One term of a recursion: coefficient * Cw^cwPower * (Cb if cb) * lambda_b^lambdaBPower * lambda_W^lambdaWPower *
 * product of atoms * product of tensor components, summed over every index that is not external. Each summed index
 * appears once in the derivatives of one atom and once in one tensor; it ranges over the samples of that atom's
 * sigma factors.
 */
public record Term(BigFraction coefficient, int cwPower, boolean cb, int lambdaBPower, int lambdaWPower,
                   List<Atom> atoms, List<TensorRef> tensors) {

    public Term {
        atoms = List.copyOf(atoms);
        tensors = List.copyOf(tensors);
        if (cwPower < 0 || lambdaBPower < 0 || lambdaWPower < 0) {
            throw new IllegalArgumentException("negative power of a hyperparameter");
        }
    }

    /** A term without learning rates (every metric term). */
    public Term(BigFraction coefficient, int cwPower, boolean cb, List<Atom> atoms, List<TensorRef> tensors) {
        this(coefficient, cwPower, cb, 0, 0, atoms, tensors);
    }

    /** The summed (dummy) indices c1 d1 c2 d2 ..., in leg order. */
    public List<String> summedIndices() {
        return atoms.stream().flatMap(a -> a.derivatives().stream()).distinct().sorted(Names::compareIndex).toList();
    }

    /** This term with its coefficient multiplied by {@code factor}. */
    public Term times(BigFraction factor) {
        return new Term(coefficient.multiply(factor), cwPower, cb, lambdaBPower, lambdaWPower, atoms, tensors);
    }
}
