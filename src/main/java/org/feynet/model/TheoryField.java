package org.feynet.model;

import org.hipparchus.fraction.BigFraction;

/**
 * A field of a theory. A plain field has one component; a vector field {@code phi[i], i = 1 .. N} enters the
 * action only through O(N) invariants phi[i]*phi[i], and its propagator is {@code propagator * delta_ij}.
 *
 * @param name       the field's name
 * @param vector     whether it carries an O(N) index
 * @param components the number of components when fixed by a numeric range, 0 when it is the symbol
 *                   {@link FieldTheory#size()}, 1 for a plain field
 * @param propagator the free propagator D = 1/(2a) for a quadratic term a*phi^2 (a*phi[i]*phi[i])
 */
public record TheoryField(String name, boolean vector, int components, BigFraction propagator) {}
