package org.feynet.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sizes of request that feynet takes on, so that a request beyond them fails at once with an estimate instead of
 * running for hours. The estimates are extrapolated from runs on a two-core machine:
 * <ul>
 * <li>network orders: enumerating the metric diagrams took 4.6 s at 1/n^3 (234 diagrams), 16 s at 1/n^4 and 97 s at
 *     1/n^5 (whole process, drawing skipped), about six times longer per order, before any simplification, which
 *     grows faster still; derive, diagrams and latex stop at {@value #MAX_NETWORK_ORDER};</li>
 * <li>depth: the recursions cost the same per layer (milliseconds at order 1/n), sampling a forward pass per layer;
 *     {@value #MAX_DEPTH} layers keep both within minutes;</li>
 * <li>theories: the work grows with the half-edges of the largest diagram, 2 x propagators = sum of vertex valences
 *     plus external legs; phi^4 at g^8 (36 half-edges, 616 258 four-point diagrams) took about 30 s and phi^3 at
 *     g^10 (32) 24 s, the count of diagrams growing factorially with every further pair of half-edges.</li>
 * </ul>
 */
public final class Limits {

    /** The highest order 1/n^k that derive, diagrams and latex take for networks. */
    public static final int MAX_NETWORK_ORDER = 3;
    /** The deepest network taken. */
    public static final int MAX_DEPTH = 10_000;
    /** The most half-edges of a theory's largest diagram. */
    public static final int MAX_THEORY_HALF_EDGES = 36;

    private Limits() {}

    /** Why order 1/n^k cannot be taken, or empty when it can. */
    public static Optional<String> networkOrder(int k) {
        if (k <= MAX_NETWORK_ORDER) {
            return Optional.empty();
        }
        double seconds = 5 * Math.pow(6, k - MAX_NETWORK_ORDER);
        return Optional.of("order 1/n^" + k + " is beyond the 1/n^" + MAX_NETWORK_ORDER + " that feynet derives:"
                + " the diagrams alone would take about " + duration(seconds) + " (about six times longer per order)");
    }

    /** Why depth L cannot be taken, or empty when it can. */
    public static Optional<String> depth(long layers) {
        if (layers <= MAX_DEPTH) {
            return Optional.empty();
        }
        return Optional.of("depth " + layers + " is beyond the " + MAX_DEPTH + " layers that feynet takes: evaluating"
                + " would take about " + duration(layers * 0.005) + " at about 5 ms per layer, and sampling longer");
    }

    /**
     * Why a theory's requests cannot be taken, or empty when they can: the largest diagram of a request to total
     * coupling degree D has at most D max(valence / order) vertex half-edges over its interactions, plus its legs.
     */
    public static Optional<String> theory(List<Interaction> interactions, TheoryRequest request) {
        int degree = request.order().couplingOrder();
        double perOrder = 0;
        for (Interaction i : interactions) {
            if (i.order() > 0) {
                perOrder = Math.max(perOrder, (double) i.valence() / i.order());
            }
        }
        double halfEdges = degree * perOrder + request.fields().size();
        if (halfEdges <= MAX_THEORY_HALF_EDGES) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s to coupling degree %d has diagrams with up to %.0f"
                + " half-edges, beyond the %d that feynet takes (phi^4 at g^8, about 30 s); their number grows"
                + " factorially, so this would take far longer (lower the order)", request.text(), degree, halfEdges,
                MAX_THEORY_HALF_EDGES));
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f minutes", seconds / 60);
        }
        if (seconds < 2 * 86400) {
            return String.format(Locale.ROOT, "%.0f hours", seconds / 3600);
        }
        if (seconds < 2 * 365.25 * 86400) {
            return String.format(Locale.ROOT, "%.0f days", seconds / 86400);
        }
        return String.format(Locale.ROOT, "%.2g years", seconds / (365.25 * 86400));
    }
}
