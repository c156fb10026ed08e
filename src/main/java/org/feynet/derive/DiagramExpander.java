package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.core.Combinatorics;
import org.feynet.diagrams.Attachment;
import org.feynet.diagrams.Blob;
import org.feynet.diagrams.MetricDiagram;
import org.feynet.diagrams.Vertex;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * Turns one metric diagram into recursion terms (docs/METHOD.md).
 *
 * <p>A vertex carrying the external legs B = {i_1..i_s} and r derivative legs stands for
 * <pre>  Cw^s (1/r!) D^r c_s(K0)[Delta, ..., Delta]  (+ Cb when s = 1 and r = 0),  </pre>
 * where c_s is the joint cumulant of the s products sigma_{a_i} sigma_{b_i} of one Gaussian neuron. The 1/r!
 * and the leg permutations are already in the diagram's weight 1/|Aut|. Each derivative leg j is a kernel
 * derivative contracted with a blob slot; by Price's theorem
 * <pre>  sum_{K entries} dF/dK . Delta = (1/2) sum_{c_j, d_j} &lt;d_{c_j} d_{d_j} F&gt; Delta_{c_j d_j},  </pre>
 * so each leg brings a factor 1/2 and two summed sample indices (c_j, d_j). The cumulant c_s is written through
 * moments by the moment-cumulant formula, c_s = sum over set partitions rho of B of
 * (-1)^{|rho|-1} (|rho|-1)! prod_{beta in rho} &lt;prod_{i in beta} sigma_{a_i} sigma_{b_i}&gt;, and each derivative
 * leg acts on one moment factor (Leibniz rule): every assignment of legs to factors is one term.
 */
final class DiagramExpander {

    private DiagramExpander() {}

    static List<Term> expand(MetricDiagram diagram) {
        List<Vertex> vertices = diagram.vertices();
        List<List<Integer>> legsOfVertex = numberDerivativeLegs(vertices);
        List<TensorRef> tensors = blobTensors(diagram, legsOfVertex);
        BigFraction weight = diagram.weight();
        List<Term> terms = new ArrayList<>();
        terms.add(new Term(weight, 0, false, List.of(), tensors));
        for (int v = 0; v < vertices.size(); v++) {
            terms = multiplyByVertex(terms, vertices.get(v).externalLegs(), legsOfVertex.get(v));
        }
        if (vertices.size() == 1 && vertices.get(0).cumulantOrder() == 1 && vertices.get(0).derivativeLegs() == 0) {
            terms.add(new Term(weight, 0, true, List.of(), tensors));
        }
        return terms;
    }

    /** Derivative legs are numbered 1, 2, ... vertex after vertex. */
    private static List<List<Integer>> numberDerivativeLegs(List<Vertex> vertices) {
        List<List<Integer>> legs = new ArrayList<>();
        int next = 1;
        for (Vertex v : vertices) {
            List<Integer> own = new ArrayList<>();
            for (int i = 0; i < v.derivativeLegs(); i++) {
                own.add(next++);
            }
            legs.add(own);
        }
        return legs;
    }

    /** Each blob's tensor, its slots filled by the (c_j, d_j) of the legs attached to it. */
    private static List<TensorRef> blobTensors(MetricDiagram diagram, List<List<Integer>> legsOfVertex) {
        int[] used = new int[legsOfVertex.size()];
        List<List<String>> slots = new ArrayList<>();
        for (int b = 0; b < diagram.blobs().size(); b++) {
            slots.add(new ArrayList<>());
        }
        for (Attachment attachment : diagram.attachments()) {
            int v = attachment.vertex();
            for (int k = 0; k < attachment.multiplicity(); k++) {
                int leg = legsOfVertex.get(v).get(used[v]++);
                slots.get(attachment.blob()).add(Names.dummyFirst(leg));
                slots.get(attachment.blob()).add(Names.dummySecond(leg));
            }
        }
        List<TensorRef> tensors = new ArrayList<>();
        for (Blob blob : diagram.blobs()) {
            tensors.add(new TensorRef(Statistic.metric(blob.size(), blob.order()), slots.get(blob.id())));
        }
        return tensors;
    }

    private static List<Term> multiplyByVertex(List<Term> partial, List<Integer> externalLegs, List<Integer> legs) {
        List<Term> vertexTerms = vertexTerms(externalLegs, legs);
        List<Term> out = new ArrayList<>();
        for (Term p : partial) {
            for (Term v : vertexTerms) {
                List<Atom> atoms = new ArrayList<>(p.atoms());
                atoms.addAll(v.atoms());
                out.add(new Term(p.coefficient().multiply(v.coefficient()), p.cwPower() + v.cwPower(), false, atoms,
                        p.tensors()));
            }
        }
        return out;
    }

    /** Cw^s (1/2)^r D^r c_s as a sum of products of moments, legs distributed over the factors. */
    private static List<Term> vertexTerms(List<Integer> externalLegs, List<Integer> legs) {
        int s = externalLegs.size();
        BigFraction price = BigFraction.ONE.divide(BigFraction.TWO.pow(legs.size()));
        List<Term> terms = new ArrayList<>();
        for (List<List<Integer>> partition : Combinatorics.setPartitions(externalLegs)) {
            int k = partition.size();
            BigFraction mobius = new BigFraction(Combinatorics.factorial(k - 1)).multiply(k % 2 == 1 ? 1 : -1);
            int assignments = (int) Math.pow(k, legs.size());
            for (int code = 0; code < assignments; code++) {
                terms.add(new Term(price.multiply(mobius), s, false, atoms(partition, legs, code), List.of()));
            }
        }
        return terms;
    }

    /** The moment factors of one partition, with leg j given to factor (code / k^j) mod k. */
    private static List<Atom> atoms(List<List<Integer>> partition, List<Integer> legs, int code) {
        int k = partition.size();
        List<Atom> atoms = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<String> sigma = new ArrayList<>();
            for (int leg : partition.get(f)) {
                sigma.add(Names.externalFirst(leg));
                sigma.add(Names.externalSecond(leg));
            }
            List<String> derivatives = new ArrayList<>();
            int rest = code;
            for (int leg : legs) {
                if (rest % k == f) {
                    derivatives.add(Names.dummyFirst(leg));
                    derivatives.add(Names.dummySecond(leg));
                }
                rest /= k;
            }
            atoms.add(new Atom(sigma, derivatives));
        }
        return atoms;
    }
}
