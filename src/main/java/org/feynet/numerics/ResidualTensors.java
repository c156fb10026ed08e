package org.feynet.numerics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named flat (row-major) arrays of one layer of a residual closure: its state, the Gaussian expectations the layer
 * needs, or what the generated recursions return (org.feynet.derive.ResidualSystem names them). n is the number of
 * state functions, ns = P(P+1)/2 the number of sample pairs. The arrays are shared, not copied: nobody writes to an
 * array once it is in a ResidualTensors.
 */
public final class ResidualTensors {

    private final int n;
    private final int ns;
    private final Map<String, double[]> arrays;

    private ResidualTensors(int n, int ns, Map<String, double[]> arrays) {
        this.n = n;
        this.ns = ns;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /** No arrays yet. */
    public static ResidualTensors of(int n, int ns) {
        return new ResidualTensors(n, ns, new LinkedHashMap<>());
    }

    public int n() {
        return n;
    }

    public int ns() {
        return ns;
    }

    /** These arrays and {@code name}. */
    public ResidualTensors with(String name, double[] values) {
        Map<String, double[]> more = new LinkedHashMap<>(arrays);
        more.put(name, values);
        return new ResidualTensors(n, ns, more);
    }

    /** These arrays and the other's (which must not repeat a name). */
    public ResidualTensors and(ResidualTensors other) {
        if (other.n != n || other.ns != ns) {
            throw new IllegalArgumentException("tensors of different sizes");
        }
        Map<String, double[]> more = new LinkedHashMap<>(arrays);
        for (Map.Entry<String, double[]> e : other.arrays.entrySet()) {
            if (more.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("two tensors named " + e.getKey());
            }
        }
        return new ResidualTensors(n, ns, more);
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
