package org.feynet.theory;

import java.util.List;
import org.feynet.model.TheoryRequest;

/**
 * A derived theory quantity: its diagrams (lowest order first) and its series, truncated as requested.
 *
 * @param request  what was asked for
 * @param diagrams the diagrams that contribute, each with its own truncated value
 * @param series   the sum of the diagrams (plus 1 for Z, the empty diagram)
 */
public record TheoryResult(TheoryRequest request, List<TheoryDiagram> diagrams, Polynomial series) {
    public TheoryResult {
        diagrams = List.copyOf(diagrams);
    }

    /** The number of diagrams of each order 0..max. */
    public int[] countsByOrder(int max) {
        int[] c = new int[max + 1];
        for (TheoryDiagram d : diagrams) {
            if (d.order() <= max) {
                c[d.order()]++;
            }
        }
        return c;
    }
}
