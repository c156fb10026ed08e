package org.feynet.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feynet.core.Combinatorics;
import org.feynet.model.FieldTheory;
import org.feynet.model.Interaction;
import org.feynet.model.TheoryField;
import org.feynet.model.TheoryOrder;
import org.feynet.model.TheoryRequest;
import org.feynet.model.TheoryRequest.FieldComponent;
import org.hipparchus.fraction.BigFraction;

/**
 * The perturbative expansion of a zero-dimensional theory in Feynman diagrams. With
 * S = sum_f phi_f^2/(2 D_f) + S_int, Wick's theorem gives
 * <pre>
 *   Z/Z_0          = 1 + sum over vacuum diagrams G of w(G),
 *   log(Z/Z_0)     = sum over connected vacuum diagrams of w(G),
 *   &lt;phi...phi&gt;_c = sum over connected diagrams with the external points of w(G),
 *   w(G) = prod_v (vertex factor) prod_lines D_f (index factor) / |Aut G|,
 * </pre>
 * {@code <phi ... phi>} sums products of connected diagrams over the set partitions of the external points,
 * and the self-energy keeps the amputated connected two-point diagrams that no single line separates between
 * the legs, so that {@code <phi phi>_c = D/(1 - D Sigma)}. Connected diagrams come from
 * {@link OrderlyGenerator}; disconnected vacuum diagrams are multisets of connected ones, with |Aut| =
 * prod |Aut_i|^(m_i) m_i!.
 */
public final class TheoryExpansion {

    private final FieldTheory theory;
    private final List<VertexKind> interactions = new ArrayList<>();
    private final int fields;
    private final int couplings;
    private final boolean[] vector;
    private final int[] sizes;
    private final Map<String, List<TheoryDiagram>> cache = new HashMap<>();

    public TheoryExpansion(FieldTheory theory) {
        this.theory = theory;
        this.fields = theory.fields().size();
        this.couplings = theory.couplings().size();
        this.vector = new boolean[fields];
        this.sizes = new int[fields];
        for (int f = 0; f < fields; f++) {
            TheoryField field = theory.fields().get(f);
            vector[f] = field.vector();
            sizes[f] = field.components();
        }
        for (int t = 0; t < theory.interactions().size(); t++) {
            Interaction in = theory.interactions().get(t);
            if (in.order() < 1) {
                throw new IllegalArgumentException("interaction " + in.text() + " carries no coupling");
            }
            BigFraction factor = in.coefficient().multiply(new BigFraction(-1, 1));
            int[] legs = new int[fields];
            for (int f = 0; f < fields; f++) {
                legs[f] = in.legs().get(f);
                int k = legs[f];
                BigInteger weight = vector[f] ? Combinatorics.factorial(k / 2).shiftLeft(k / 2) : Combinatorics.factorial(k);
                factor = factor.multiply(new BigFraction(weight, BigInteger.ONE));
            }
            int[] powers = in.couplings().stream().mapToInt(Integer::intValue).toArray();
            interactions.add(new VertexKind(t, legs, factor, powers, in.sizePower(), 0, 0, t));
        }
    }

    public FieldTheory theory() {
        return theory;
    }

    /** The vertex kinds of the interactions, by interaction index. */
    public List<VertexKind> interactionKinds() {
        return List.copyOf(interactions);
    }

    /** Computes one requested quantity. */
    public TheoryResult compute(TheoryRequest request) {
        TheoryOrder order = request.order();
        int max = order.couplingOrder();
        List<TheoryDiagram> diagrams;
        Polynomial constant = Polynomial.zero(couplings);
        switch (request.quantity()) {
            case Z:
                diagrams = vacuum(max);
                constant = Polynomial.constant(couplings, BigFraction.ONE);
                break;
            case LOG_Z:
                diagrams = connected(List.of(), max);
                break;
            case CONNECTED:
                diagrams = connected(request.fields(), max);
                break;
            case CORRELATOR:
                diagrams = correlator(request.fields(), max);
                break;
            default:
                diagrams = selfEnergy(request.fields(), max);
                break;
        }
        List<TheoryDiagram> kept = new ArrayList<>();
        Polynomial series = constant;
        for (TheoryDiagram d : diagrams) {
            Polynomial v = truncate(d.value(), order);
            if (!v.isZero()) {
                kept.add(new TheoryDiagram(d.graph(), d.symmetryFactor(), v, d.order()));
                series = series.plus(v);
            }
        }
        return new TheoryResult(request, kept, series);
    }

    private static Polynomial truncate(Polynomial p, TheoryOrder order) {
        return p.filter(m -> m.degree() <= order.couplingOrder() && (!order.inverseSize() || m.size() >= -order.power()));
    }

    // ------------------------------------------------------------------ connected diagrams

    /**
     * The connected diagrams with the given external points (labelled 1.. in order), through total coupling
     * degree {@code maxOrder}, lowest order first. With no external points: the connected vacuum diagrams.
     */
    public List<TheoryDiagram> connected(List<FieldComponent> legs, int maxOrder) {
        List<VertexKind> externals = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            externals.add(external(i + 1, legs.get(i)));
        }
        return connectedWith(externals, maxOrder);
    }

    private VertexKind external(int label, FieldComponent leg) {
        int[] l = new int[fields];
        l[leg.field()] = 1;
        return new VertexKind(1000 + label, l, BigFraction.ONE, new int[couplings], 0, label, leg.component(), -1);
    }

    private List<TheoryDiagram> connectedWith(List<VertexKind> externals, int maxOrder) {
        StringBuilder key = new StringBuilder().append(maxOrder).append(':');
        for (VertexKind x : externals) {
            key.append(x.label()).append('/').append(x.externalField()).append('/').append(x.component()).append(',');
        }
        List<TheoryDiagram> cached = cache.get(key.toString());
        if (cached != null) {
            return cached;
        }
        List<TheoryDiagram> out = new ArrayList<>();
        for (int[] counts : vertexCounts(maxOrder, !externals.isEmpty())) {
            List<VertexKind> kinds = new ArrayList<>(externals);
            for (int t = 0; t < counts.length; t++) {
                for (int i = 0; i < counts[t]; i++) {
                    kinds.add(interactions.get(t));
                }
            }
            for (OrderlyGenerator.Generated g : OrderlyGenerator.connected(kinds, fields)) {
                out.add(diagram(g.graph(), g.graph().symmetryFactor(g.vertexAutomorphisms())));
            }
        }
        out.sort(Comparator.comparingInt(TheoryDiagram::order));
        cache.put(key.toString(), out);
        return out;
    }

    /** Every vector of interaction counts with total coupling degree at most {@code maxOrder}. */
    private List<int[]> vertexCounts(int maxOrder, boolean allowEmpty) {
        List<int[]> out = new ArrayList<>();
        counts(0, new int[interactions.size()], maxOrder, out);
        out.sort(Comparator.comparingInt(this::order));
        if (!allowEmpty) {
            out.removeIf(c -> java.util.Arrays.stream(c).sum() == 0);
        }
        return out;
    }

    private void counts(int t, int[] acc, int left, List<int[]> out) {
        if (t == acc.length) {
            out.add(acc.clone());
            return;
        }
        int d = interactions.get(t).couplings().length == 0 ? 1 : interactions.get(t).couplings().length;
        int degree = java.util.Arrays.stream(interactions.get(t).couplings()).sum();
        for (int k = 0; k * degree <= left; k++) {
            acc[t] = k;
            counts(t + 1, acc, left - k * degree, out);
        }
        acc[t] = 0;
        if (d < 0) {
            throw new IllegalStateException();
        }
    }

    private int order(int[] counts) {
        int o = 0;
        for (int t = 0; t < counts.length; t++) {
            o += counts[t] * java.util.Arrays.stream(interactions.get(t).couplings()).sum();
        }
        return o;
    }

    /** The diagram of a graph with symmetry factor {@code s}: value and order. */
    TheoryDiagram diagram(TheoryGraph g, BigInteger s) {
        BigFraction factor = new BigFraction(BigInteger.ONE, s);
        int[] powers = new int[couplings];
        int size = 0;
        int order = 0;
        for (VertexKind k : g.kinds()) {
            factor = factor.multiply(k.factor());
            int[] c = k.couplings();
            for (int i = 0; i < couplings; i++) {
                powers[i] += c[i];
                order += c[i];
            }
            size += k.sizePower();
        }
        for (int u = 0; u < g.size(); u++) {
            for (int v = u; v < g.size(); v++) {
                for (int f = 0; f < fields; f++) {
                    int lines = u == v ? g.loops(u, f) : g.lines(u, v, f);
                    for (int i = 0; i < lines; i++) {
                        factor = factor.multiply(theory.fields().get(f).propagator());
                    }
                }
            }
        }
        Polynomial value = Polynomial.of(factor, new Monomial(powers, size))
                .times(IndexLoops.factor(g, vector, sizes, couplings), Integer.MAX_VALUE);
        return new TheoryDiagram(g, s, value, order);
    }

    // ------------------------------------------------------------------ disconnected diagrams

    /** All vacuum diagrams (connected or not) of orders 1..maxOrder, lowest order first. */
    public List<TheoryDiagram> vacuum(int maxOrder) {
        List<TheoryDiagram> pieces = connected(List.of(), maxOrder);
        List<TheoryDiagram> out = new ArrayList<>();
        multisets(pieces, 0, maxOrder, new ArrayList<>(), out);
        out.sort(Comparator.comparingInt(TheoryDiagram::order));
        return out;
    }

    private void multisets(List<TheoryDiagram> pieces, int from, int left, List<TheoryDiagram> acc,
            List<TheoryDiagram> out) {
        if (!acc.isEmpty()) {
            out.add(product(acc, true));
        }
        for (int i = from; i < pieces.size(); i++) {
            TheoryDiagram p = pieces.get(i);
            if (p.order() <= left && p.order() > 0) {
                acc.add(p);
                multisets(pieces, i, left - p.order(), acc, out);
                acc.remove(acc.size() - 1);
            }
        }
    }

    /** The full correlator: products of connected diagrams over the set partitions of the external points. */
    private List<TheoryDiagram> correlator(List<FieldComponent> legs, int maxOrder) {
        List<TheoryDiagram> out = new ArrayList<>();
        for (List<List<Integer>> partition : Combinatorics.setPartitions(legs.size())) {
            List<List<TheoryDiagram>> blocks = new ArrayList<>();
            for (List<Integer> block : partition) {
                List<VertexKind> externals = new ArrayList<>();
                for (int label : block) {
                    externals.add(external(label, legs.get(label - 1)));
                }
                blocks.add(connectedWith(externals, maxOrder));
            }
            choose(blocks, 0, maxOrder, new ArrayList<>(), out);
        }
        out.sort(Comparator.comparingInt(TheoryDiagram::order));
        return out;
    }

    private void choose(List<List<TheoryDiagram>> blocks, int b, int left, List<TheoryDiagram> acc,
            List<TheoryDiagram> out) {
        if (b == blocks.size()) {
            out.add(acc.size() == 1 ? acc.get(0) : product(acc, false));
            return;
        }
        for (TheoryDiagram d : blocks.get(b)) {
            if (d.order() <= left) {
                acc.add(d);
                choose(blocks, b + 1, left - d.order(), acc, out);
                acc.remove(acc.size() - 1);
            }
        }
    }

    /**
     * The disjoint union of {@code parts}; equal vacuum parts (same object, {@code identical}) are permuted by
     * the automorphisms, adding m! for m copies.
     */
    private TheoryDiagram product(List<TheoryDiagram> parts, boolean identical) {
        List<VertexKind> kinds = new ArrayList<>();
        for (TheoryDiagram p : parts) {
            kinds.addAll(p.graph().kinds());
        }
        int n = kinds.size();
        int[][][] m = new int[n][n][fields];
        int offset = 0;
        BigInteger s = BigInteger.ONE;
        Polynomial value = Polynomial.constant(couplings, BigFraction.ONE);
        int order = 0;
        Map<TheoryDiagram, Integer> copies = new HashMap<>();
        for (TheoryDiagram p : parts) {
            TheoryGraph g = p.graph();
            for (int u = 0; u < g.size(); u++) {
                for (int v = 0; v < g.size(); v++) {
                    for (int f = 0; f < fields; f++) {
                        m[offset + u][offset + v][f] = u == v ? g.loops(u, f) : g.lines(u, v, f);
                    }
                }
            }
            offset += g.size();
            s = s.multiply(p.symmetryFactor());
            value = value.times(p.value(), Integer.MAX_VALUE);
            order += p.order();
            if (identical) {
                int c = copies.merge(p, 1, Integer::sum);
                s = s.multiply(BigInteger.valueOf(c));
                value = value.times(new BigFraction(1, c));
            }
        }
        return new TheoryDiagram(new TheoryGraph(kinds, m), s, value, order);
    }

    // ------------------------------------------------------------------ self-energy

    /** Amputated connected two-point diagrams with no line separating the legs. */
    private List<TheoryDiagram> selfEnergy(List<FieldComponent> legs, int maxOrder) {
        List<TheoryDiagram> out = new ArrayList<>();
        BigFraction amputate = theory.fields().get(legs.get(0).field()).propagator()
                .multiply(theory.fields().get(legs.get(1).field()).propagator()).reciprocal();
        for (TheoryDiagram d : connected(legs, maxOrder)) {
            TheoryGraph g = d.graph();
            int a = g.externals().get(0);
            int b = g.externals().get(1);
            if (g.lines(a, b) > 0 || separated(g, a, b)) {
                continue;
            }
            out.add(new TheoryDiagram(g, d.symmetryFactor(), d.value().times(amputate), d.order()));
        }
        return out;
    }

    private static boolean separated(TheoryGraph g, int a, int b) {
        for (int u = 0; u < g.size(); u++) {
            for (int v = u + 1; v < g.size(); v++) {
                if (!g.kind(u).external() && !g.kind(v).external() && g.separates(u, v, a, b)) {
                    return true;
                }
            }
        }
        return false;
    }
}
