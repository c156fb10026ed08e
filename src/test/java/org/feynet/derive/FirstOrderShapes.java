package org.feynet.derive;

import java.util.List;
import org.hipparchus.fraction.BigFraction;

/** The O(1/n) metric diagrams written out by hand (SPEC section 5), independent of the diagram enumerator. */
final class FirstOrderShapes {

    private FirstOrderShapes() {}

    static List<DiagramShape> of(int m, int q) {
        if (m == 1 && q == 0) {
            return List.of(new DiagramShape(List.of(List.of(1)), List.of(0), List.of(), List.of(), List.of(),
                    BigFraction.ONE, "mean"));
        }
        if (m == 1 && q == 1) {
            return List.of(
                    new DiagramShape(List.of(List.of(1)), List.of(1), List.of(1), List.of(1),
                            List.of(new int[] {0, 0, 1}), BigFraction.ONE, "K1 propagated"),
                    new DiagramShape(List.of(List.of(1)), List.of(2), List.of(2), List.of(1),
                            List.of(new int[] {0, 0, 2}), new BigFraction(1, 2), "tadpole"));
        }
        if (m == 2 && q == 1) {
            return List.of(
                    new DiagramShape(List.of(List.of(1, 2)), List.of(0), List.of(), List.of(), List.of(),
                            BigFraction.ONE, "single-neuron covariance"),
                    new DiagramShape(List.of(List.of(1), List.of(2)), List.of(1, 1), List.of(2), List.of(1),
                            List.of(new int[] {0, 0, 1}, new int[] {1, 0, 1}), BigFraction.ONE, "one loop"));
        }
        throw new IllegalArgumentException("only O(1/n) shapes are written by hand");
    }
}
