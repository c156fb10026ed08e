package org.feynet.derive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Gaussian expectation at the infinite-width kernel of the previous layer,
 * <pre>  &lt; d_{x_1} ... d_{x_k} ( sigma^(o_1)_{s_1} ... sigma^(o_j)_{s_j} ) &gt;_{K0}  </pre>
 * where the s are sample indices of the factors, o their derivative orders (sigma for 0, sigma' for 1, ...), and
 * the x are the sample indices of the outer derivatives (derivatives in z of the whole product, in the sense of
 * distributions). By Price's theorem (docs/OUTPUTS.md) each pair of outer derivatives d_c d_d is a derivative
 * with respect to the kernel entry K_cd.
 *
 * @param sigma       sample-index names of the factors
 * @param orders      the derivative order of each factor, as many as {@code sigma}
 * @param derivatives sample-index names of the outer derivatives, sorted (summed dummies)
 */
public record Atom(List<String> sigma, List<Integer> orders, List<String> derivatives) implements Comparable<Atom> {

    public Atom {
        sigma = List.copyOf(sigma);
        orders = List.copyOf(orders);
        derivatives = List.copyOf(derivatives);
        if (orders.size() != sigma.size()) {
            throw new IllegalArgumentException("an atom needs one order per factor");
        }
    }

    /** An atom whose factors are all sigma itself (every metric atom). */
    public Atom(List<String> sigma, List<String> derivatives) {
        this(sigma, Collections.nCopies(sigma.size(), 0), derivatives);
    }

    /** Whether some factor is a derivative of sigma. */
    public boolean hasDerivativeFactors() {
        return orders.stream().anyMatch(o -> o > 0);
    }

    /** The factors as (sample, order) pairs sorted by sample (index order) and then order. */
    Atom sortedFactors() {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < sigma.size(); i++) {
            positions.add(i);
        }
        positions.sort((x, y) -> {
            int c = Names.compareIndex(sigma.get(x), sigma.get(y));
            return c != 0 ? c : Integer.compare(orders.get(x), orders.get(y));
        });
        List<String> s = new ArrayList<>();
        List<Integer> o = new ArrayList<>();
        for (int i : positions) {
            s.add(sigma.get(i));
            o.add(orders.get(i));
        }
        List<String> d = new ArrayList<>(derivatives);
        d.sort(Names::compareIndex);
        return new Atom(s, o, d);
    }

    @Override
    public int compareTo(Atom other) {
        int c = Names.compareLists(sigma, other.sigma);
        if (c == 0) {
            for (int i = 0; c == 0 && i < Math.min(orders.size(), other.orders.size()); i++) {
                c = Integer.compare(orders.get(i), other.orders.get(i));
            }
        }
        return c != 0 ? c : Names.compareLists(derivatives, other.derivatives);
    }
}
