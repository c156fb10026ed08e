package org.feynet.diagrams;

import org.feynet.model.Statistic;

/**
 * A blob: a block of the Leonov–Shiryaev partition of the derivative legs, i.e. the joint
 * cumulant {@code kappa_r(Delta, ..., Delta)} of the previous layer, taken at order
 * {@code n^-t} of its 1/n expansion. For {@code r = 1} this is {@code K_t}
 * ({@code E[Delta] = sum_{t>=1} K_t n^-t}); for {@code r >= 2} it is {@code C_{r,t}} with
 * {@code t >= r - 1} ({@code C_{2,1} = V4}, {@code C_{2,2} = V4_1}, {@code C_{3,2} = T6}).
 *
 * @param id    index of the blob in its diagram (0-based, canonical order)
 * @param size  {@code r >= 1}, the number of derivative legs it joins
 * @param order {@code t >= max(1, r - 1)}, the power of 1/n it contributes
 */
public record Blob(int id, int size, int order) implements DiagramNode {

    /** Validates {@code r >= 1} and {@code t >= max(1, r-1)}. */
    public Blob {
        if (size < 1) {
            throw new IllegalArgumentException("Blob " + id + ": expected size r >= 1, got " + size);
        }
        if (order < Math.max(1, size - 1)) {
            throw new IllegalArgumentException("Blob " + id + ": a cumulant of " + size
                    + " metric entries starts at order n^-" + Math.max(1, size - 1) + ", got t = " + order);
        }
    }

    /** The statistic of the previous layer this blob stands for: K_t for r = 1, V4, V4_1, T6, ... */
    public Statistic statistic() {
        return Statistic.metric(size, order);
    }

    /** The name of that statistic: {@code K<t>}, {@code V4}, {@code V4_1}, {@code T6}, {@code C8}, ... */
    public String tensor() {
        return statistic().name();
    }
}
