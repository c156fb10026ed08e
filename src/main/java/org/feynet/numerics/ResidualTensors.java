package org.feynet.numerics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named flat (row-major) arrays of one layer of a residual closure: its state, the Gaussian expectations the layer
 * needs, or what the generated recursions return (org.feynet.derive.ResidualSystem names them). n is the number of
 * state functions, ns = P(P+1)/2 the number of sample pairs, nl the number of layers a layer-indexed tensor spans
 * (L + 1 for the exact route, whose state is indexed by the later layers; 1 for a kernel closure). The arrays are
 * shared, not copied: nobody writes to an
 * array once it is in a ResidualTensors.
 */
public final class ResidualTensors {

    private final int n;
    private final int ns;
    private final int nl;
    private final Map<String, double[]> arrays;

    private ResidualTensors(int n, int ns, int nl, Map<String, double[]> arrays) {
        this.n = n;
        this.ns = ns;
        this.nl = nl;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /** No arrays yet, no layer dimension. */
    public static ResidualTensors of(int n, int ns) {
        return of(n, ns, 1);
    }

    /** No arrays yet; layer-indexed tensors span nl layers. */
    public static ResidualTensors of(int n, int ns, int nl) {
        return new ResidualTensors(n, ns, nl, new LinkedHashMap<>());
    }

    public int n() {
        return n;
    }

    public int ns() {
        return ns;
    }

    public int nl() {
        return nl;
    }

    /** These arrays and {@code name}. */
    public ResidualTensors with(String name, double[] values) {
        Map<String, double[]> more = new LinkedHashMap<>(arrays);
        more.put(name, values);
        return new ResidualTensors(n, ns, nl, more);
    }

    /** These arrays and the other's (which must not repeat a name). */
    public ResidualTensors and(ResidualTensors other) {
        if (other.n != n || other.ns != ns || other.nl != nl) {
            throw new IllegalArgumentException("tensors of different sizes");
        }
        Map<String, double[]> more = new LinkedHashMap<>(arrays);
        for (Map.Entry<String, double[]> e : other.arrays.entrySet()) {
            if (more.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("two tensors named " + e.getKey());
            }
        }
        return new ResidualTensors(n, ns, nl, more);
    }

    /** The array of that name. */
    public double[] get(String name) {
        double[] values = arrays.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no tensor " + name + " among " + arrays.keySet());
        }
        return values;
    }
}
