package org.feynet.derive;

import java.util.List;

/**
 * A Gaussian expectation at the infinite-width kernel of the previous layer,
 * <pre>  &lt; d_{x_1} ... d_{x_k} ( sigma_{s_1} ... sigma_{s_j} ) &gt;_{K0}  </pre>
 * where the s are sample indices of the sigma factors and the x are the sample indices of the derivatives
 * (derivatives in z, in the sense of distributions). By Price's theorem (the conventions of docs/OUTPUTS.md) each pair of
 * derivatives d_c d_d is a derivative with respect to the kernel entry K_cd.
 *
 * @param sigma       sample-index names of the sigma factors, sorted
 * @param derivatives sample-index names of the derivatives, sorted (summed dummies)
 */
public record Atom(List<String> sigma, List<String> derivatives) implements Comparable<Atom> {

    public Atom {
        sigma = List.copyOf(sigma);
        derivatives = List.copyOf(derivatives);
    }

    @Override
    public int compareTo(Atom other) {
        int c = Names.compareLists(sigma, other.sigma);
        return c != 0 ? c : Names.compareLists(derivatives, other.derivatives);
    }
}
