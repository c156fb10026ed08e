package org.feynet.derive;

import java.util.ArrayList;
import java.util.List;
import org.feynet.model.Statistic;
import org.hipparchus.fraction.BigFraction;

/**
 * The recursions of the neural tangent kernel's statistics at order 1/n (PDLT chapter 8), derived by a small set of
 * diagram rules from the structure of one layer step (docs/METHOD.md, "The NTK").
 *
 * <p><b>The layer step.</b> Given layer l, the neurons i of layer l+1 are independent: z_i = b_i + w_i . sigma with
 * w_i ~ N(0, (Cw/n) 1), and Theta_{ik;ab} = delta_ik Lambda_ab + w_i^T M_ab w_k with
 * M_{jm;ab} = sigma'_{j;a} Theta_{jm;ab} sigma'_{m;b} and Lambda_ab = lambda_b + (lambda_W/n) sum_j sigma_{j;a}
 * sigma_{j;b}. So the metric and the mean NTK of a neuron of layer l+1 are averages over the neurons j of layer l,
 * <pre>
 *   Ghat'_ab = Cb + (1/n) sum_j g_j,   g_j = Cw sigma_{j;a} sigma_{j;b},
 *   Hhat'_ab = lambda_b + (1/n) sum_j h_j,   h_j = lambda_W sigma_{j;a} sigma_{j;b} + Cw sigma'_{j;a} sigma'_{j;b} Theta_{jj;ab},
 * </pre>
 * and by Gaussian integration by parts (w_i is Gaussian given layer l), for the same neuron i and k != i,
 * <pre>
 *   E[f(z_i) Theta_{ii;ab} | l] = Hhat'_ab &lt;f&gt; + (1/n) sum_{cd} Xhat'_{ab;cd} &lt;d_c d_d f&gt;,
 *   E[f(z_i) g(z_k) Theta_{ik;ab} | l] = (1/n) sum_{cd} Xhat'_{ab;cd} &lt;d_c f&gt; &lt;d_d g&gt;,
 *   E[Theta_{ik;ab} Theta_{ik;cd} | l] = (1/n) Yhat'_{ab;cd},
 *   Xhat'_{ab;cd} = (Cw^2/n) sum_{jm} sigma_{j;c} sigma'_{j;a} Theta_{jm;ab} sigma'_{m;b} sigma_{m;d},
 *   Yhat'_{ab;cd} = (Cw^2/n) sum_{jm} sigma'_{j;a} sigma'_{m;b} Theta_{jm;ab} sigma'_{j;c} sigma'_{m;d} Theta_{jm;cd},
 * </pre>
 * whose expectations are the statistics F and B of layer l+1.
 *
 * <p><b>The rules.</b> Each observable (g, h) is a sum of pieces c * prod(sigma factors) [* Theta_{jj}]. The mean of
 * a piece to order 1/n: the <em>expectation</em> &lt;f&gt; (times H0 for a Theta piece), the <em>propagated K1</em>
 * (1/2) sum &lt;d d f&gt; K1, the <em>tadpole</em> (1/8) sum &lt;d d d d f&gt; V4, and for a Theta piece the
 * <em>propagated H1</em> &lt;f&gt; H1, the <em>NTK-metric loop</em> (1/2) sum &lt;d d f&gt; D and the
 * <em>off-diagonal loop</em> sum &lt;d d f&gt; F. The leading n Cov of two pieces: the <em>single-neuron</em>
 * covariance &lt;f1 f2&gt; - &lt;f1&gt;&lt;f2&gt; (times H0 for each Theta piece), the <em>one-loop</em>
 * (1/4) sum &lt;d d f1&gt;&lt;d d f2&gt; V4, the <em>NTK-metric loop</em> (1/2) sum &lt;f1&gt;&lt;d d f2&gt; D for a
 * Theta piece f1 (and its mirror), and the <em>NTK loop</em> &lt;f1&gt;&lt;f2&gt; A for two Theta pieces. Then
 * <pre>
 *   H0', H1' = lambda_b + the mean of h;   D' = n Cov(h, g);   A' = n Cov(h, h);
 *   F'_{ab;cd} = Cw^2 [ H0_ab &lt;sigma'_a sigma'_b sigma_c sigma_d&gt; + sum_{ef} F_{ab;ef} &lt;d_e(sigma'_a sigma_c)&gt; &lt;d_f(sigma'_b sigma_d)&gt; ],
 *   B'_{ab;cd} = Cw^2 [ H0_ab H0_cd &lt;sigma'_a sigma'_b sigma'_c sigma'_d&gt; + &lt;sigma'_a sigma'_c&gt; &lt;sigma'_b sigma'_d&gt; B_{ab;cd} ]
 * </pre>
 * (the diagonal j = m and the off-diagonal j != m parts of the sums in Xhat' and Yhat'). The same rules applied to
 * g alone give K0, K1 and V4, which the metric diagrams give independently (a test compares them).
 */
public final class NtkDerivation {

    private NtkDerivation() {}

    /** A piece of a per-neuron observable: coefficient * Cw^cw lambda_W^lambdaW * prod factors [* Theta_{ntk}]. */
    record Piece(String label, int cw, int lambdaW, List<String> samples, List<Integer> orders, List<String> ntk) {}

    /** g_j = Cw sigma_a sigma_b. */
    static List<Piece> metric(String a, String b) {
        return List.of(new Piece("metric", 1, 0, List.of(a, b), List.of(0, 0), null));
    }

    /** h_j = lambda_W sigma_a sigma_b + Cw sigma'_a sigma'_b Theta_{jj;ab}. */
    static List<Piece> ntk(String a, String b) {
        return List.of(new Piece("weight rate", 0, 1, List.of(a, b), List.of(0, 0), null),
                new Piece("NTK", 1, 0, List.of(a, b), List.of(1, 1), List.of(a, b)));
    }

    /** The diagrams of a statistic of layer l+1; the metric statistics K0, K1, V4 come out as their recursions. */
    public static List<NtkDiagram> diagrams(Statistic statistic) {
        List<NtkDiagram> out = new ArrayList<>();
        switch (statistic.name()) {
            case "K0" -> {
                out.add(constant("bias variance", true, 0));
                meanAtOrder0(metric("a1", "b1"), out);
            }
            case "K1" -> meanAtOrder1(metric("a1", "b1"), out);
            case "V4" -> covariance(metric("a1", "b1"), metric("a2", "b2"), out);
            case "H0" -> {
                out.add(constant("bias rate", false, 1));
                meanAtOrder0(ntk("a1", "b1"), out);
            }
            case "H1" -> meanAtOrder1(ntk("a1", "b1"), out);
            case "D" -> covariance(ntk("a1", "b1"), metric("a2", "b2"), out);
            case "A" -> covariance(ntk("a1", "b1"), ntk("a2", "b2"), out);
            case "F" -> offDiagonalF(out);
            case "B" -> offDiagonalB(out);
            case "P" -> dntkP(out);
            case "Q" -> dntkQ(out);
            case "R" -> ddntkR(out);
            case "S" -> ddntkS(out);
            case "T" -> ddntkT(out);
            case "U" -> ddntkU(out);
            default -> throw new IllegalArgumentException("no NTK-chain recursion for " + statistic);
        }
        return out;
    }

    /** The recursion of a statistic: its diagrams and their terms, collected. */
    public static Recursion recursion(Statistic statistic) {
        List<NtkDiagram> diagrams = diagrams(statistic);
        List<Term> terms = new ArrayList<>();
        for (NtkDiagram d : diagrams) {
            terms.addAll(d.terms());
        }
        return new Recursion(statistic, diagrams, TermSimplifier.simplify(terms));
    }

    // ------------------------------------------------------------------ rules

    private static NtkDiagram constant(String name, boolean cb, int lambdaB) {
        return new NtkDiagram(name, BigFraction.ONE,
                List.of(new Term(BigFraction.ONE, 0, cb, lambdaB, 0, List.of(), List.of())));
    }

    private static void meanAtOrder0(List<Piece> pieces, List<NtkDiagram> out) {
        for (Piece p : pieces) {
            out.add(diagram("expectation (" + p.label() + ")", BigFraction.ONE, p,
                    List.of(atom(p, List.of())), withMean(p, List.of())));
        }
    }

    private static void meanAtOrder1(List<Piece> pieces, List<NtkDiagram> out) {
        for (Piece p : pieces) {
            out.add(diagram("propagated K1 (" + p.label() + ")", half(), p, List.of(atom(p, List.of("c1", "d1"))),
                    withMean(p, List.of(tensor(Statistic.K1, "c1", "d1")))));
            out.add(diagram("tadpole (" + p.label() + ")", BigFraction.ONE.divide(8), p,
                    List.of(atom(p, List.of("c1", "d1", "c2", "d2"))),
                    withMean(p, List.of(tensor(Statistic.V4, "c1", "d1", "c2", "d2")))));
            if (p.ntk() != null) {
                out.add(diagram("propagated H1", BigFraction.ONE, p, List.of(atom(p, List.of())),
                        List.of(tensor(Statistic.H1, p.ntk().get(0), p.ntk().get(1)))));
                out.add(diagram("NTK-metric loop", half(), p, List.of(atom(p, List.of("c1", "d1"))),
                        List.of(tensor(Statistic.D, p.ntk().get(0), p.ntk().get(1), "c1", "d1"))));
                out.add(diagram("off-diagonal loop", BigFraction.ONE, p, List.of(atom(p, List.of("c1", "d1"))),
                        List.of(tensor(Statistic.F, p.ntk().get(0), p.ntk().get(1), "c1", "d1"))));
            }
        }
    }

    private static void covariance(List<Piece> first, List<Piece> second, List<NtkDiagram> out) {
        for (Piece p : first) {
            for (Piece q : second) {
                String pair = " (" + p.label() + ", " + q.label() + ")";
                int cw = p.cw() + q.cw();
                int lambdaW = p.lambdaW() + q.lambdaW();
                List<TensorRef> means = new ArrayList<>(withMean(p, withMean(q, List.of())));
                out.add(new NtkDiagram("single-neuron" + pair, BigFraction.ONE, List.of(
                        term(BigFraction.ONE, cw, lambdaW, List.of(product(p, q)), means),
                        term(BigFraction.MINUS_ONE, cw, lambdaW, List.of(atom(p, List.of()), atom(q, List.of())),
                                means))));
                out.add(new NtkDiagram("one-loop" + pair, BigFraction.ONE.divide(4), List.of(term(
                        BigFraction.ONE.divide(4), cw, lambdaW,
                        List.of(atom(p, List.of("c1", "d1")), atom(q, List.of("c2", "d2"))),
                        with(means, tensor(Statistic.V4, "c1", "d1", "c2", "d2"))))));
                if (p.ntk() != null) {
                    out.add(ntkMetricLoop(p, q, cw, lambdaW, pair, false));
                }
                if (q.ntk() != null) {
                    out.add(ntkMetricLoop(q, p, cw, lambdaW, pair, true));
                }
                if (p.ntk() != null && q.ntk() != null) {
                    out.add(new NtkDiagram("NTK loop" + pair, BigFraction.ONE, List.of(term(BigFraction.ONE, cw,
                            lambdaW, List.of(atom(p, List.of()), atom(q, List.of())), List.of(tensor(Statistic.A,
                                    p.ntk().get(0), p.ntk().get(1), q.ntk().get(0), q.ntk().get(1)))))));
                }
            }
        }
    }

    /** (1/2) sum_cd &lt;f_theta&gt; &lt;d_c d_d f_other&gt; D_{theta;cd} [* H0 of the other piece]. */
    private static NtkDiagram ntkMetricLoop(Piece theta, Piece other, int cw, int lambdaW, String pair,
                                            boolean mirrored) {
        List<Atom> atoms = mirrored ? List.of(atom(other, List.of("c1", "d1")), atom(theta, List.of()))
                : List.of(atom(theta, List.of()), atom(other, List.of("c1", "d1")));
        List<TensorRef> tensors = new ArrayList<>(withMean(other, List.of()));
        tensors.add(tensor(Statistic.D, theta.ntk().get(0), theta.ntk().get(1), "c1", "d1"));
        return new NtkDiagram("NTK-metric loop" + pair, half(), List.of(term(half(), cw, lambdaW, atoms, tensors)));
    }

    private static void offDiagonalF(List<NtkDiagram> out) {
        rule(out, "diagonal (j = m)", 2, 0, List.of(factors("a1' b1' a2 b2")), h0("a1", "b1"));
        rule(out, "propagated F (j != m)", 2, 0, List.of(factors("a1' a2", "c1"), factors("b1' b2", "d1")),
                tensor(Statistic.F, "a1", "b1", "c1", "d1"));
    }

    private static void offDiagonalB(List<NtkDiagram> out) {
        rule(out, "diagonal (j = m)", 2, 0, List.of(factors("a1' b1' a2' b2'")), h0("a1", "b1"), h0("a2", "b2"));
        rule(out, "propagated B (j != m)", 2, 0, List.of(factors("a1' a2'"), factors("b1' b2'")),
                tensor(Statistic.B, "a1", "b1", "a2", "b2"));
    }

    // ------------------------------------------------------------------ dNTK (PDLT chapter 11)

    /*
     * The dNTK of layer l+1, dH_{i0 i1 i2} = sum lambda lambda (d^2 z_{i0})(dz_{i1})(dz_{i2}), follows from the
     * derivatives of z'_i = b_i + sum_j W_ij sigma_j:
     *   dH'_{i0 i1 i2; 012} = sum_{k j1 j2} W_{i0 k} W_{i1 j1} W_{i2 j2} sigma'_{j1;1} sigma'_{j2;2}
     *                           [sigma''_{k;0} Theta_{k j1;01} Theta_{k j2;02} + sigma'_{k;0} dH_{k j1 j2;012}]
     *                       + delta_{i0 i1} (lambda_W/n) sum_{kj} sigma'_{k;0} sigma_{k;1} W_{i2 j} sigma'_{j;2} Theta_{kj;02}
     *                       + (the same with 1 <-> 2).
     * Against z'_{i3;3} = b + sum_m W_{i3 m} sigma_{m;3}, the Gaussian average over W pairs i0 with i3 (P) or with
     * i1 (Q); the neuron sums split into the diagonal (one neuron, n terms) and the off-diagonal part (n^2 terms,
     * each 1/n through B, F, P or Q of layer l, with the other factors at their Gaussian means).
     */

    /** P'_{a1 b1 a2 b2} = n E[dH'_{i k k; a1 b1 a2} z'_{i; b2}]. */
    private static void dntkP(List<NtkDiagram> out) {
        rule(out, "diagonal (k = j)", 2, 0, List.of(factors("a1'' b1' a2' b2")), h0("a1", "b1"), h0("a1", "a2"));
        rule(out, "off-diagonal NTK pair (B)", 2, 0, List.of(factors("a1'' b2"), factors("b1' a2'")),
                tensor(Statistic.B, "a1", "b1", "a1", "a2"));
        rule(out, "propagated P", 2, 0, List.of(factors("a1' b2", "c1"), factors("b1' a2'")),
                tensor(Statistic.P, "a1", "b1", "a2", "c1"));
    }

    /** Q'_{a1 b1 a2 b2} = n E[dH'_{i i k; a1 b1 a2} z'_{k; b2}]. */
    private static void dntkQ(List<NtkDiagram> out) {
        rule(out, "diagonal (k = j)", 2, 0, List.of(factors("a1'' b1' a2' b2")), h0("a1", "b1"), h0("a1", "a2"));
        rule(out, "off-diagonal loop (F)", 2, 0, List.of(factors("a1'' b1'", "c1"), factors("a2' b2", "d1")),
                h0("a1", "b1"), tensor(Statistic.F, "a1", "a2", "c1", "d1"));
        rule(out, "propagated Q", 2, 0, List.of(factors("a1' b1'"), factors("a2' b2", "c1")),
                tensor(Statistic.Q, "a1", "b1", "a2", "c1"));
        rule(out, "diagonal (weight rate)", 1, 1, List.of(factors("a1' b1 a2' b2")), h0("a1", "a2"));
        rule(out, "off-diagonal loop (F, weight rate)", 1, 1, List.of(factors("a1' b1", "c1"),
                factors("a2' b2", "d1")), tensor(Statistic.F, "a1", "a2", "c1", "d1"));
    }

    // ------------------------------------------------------------------ ddNTK (PDLT chapter 11)

    /*
     * The third derivative of z'_i = b_i + sum_j W_ij sigma_j contracted with three NTK directions u_k =
     * Lambda grad z'_{i_k} gives ddI'; its parts: sum_j W_{i0 j} [sigma'''_j prod_k (grad z_j . u_k)
     * + sigma''_j sum_{3 ways} (grad z_j . u_a) dH_j[u_b, u_c] + sigma'_j ddI_j[u_1, u_2, u_3]] over the lower
     * layers, and delta_{i0 i_a} (lambda_W/n) sum_j sigma_{j;a} [sigma''_j (grad z_j . u_b)(grad z_j . u_c)
     * + sigma'_j dH_j[u_b, u_c]] where a top-layer weight is one of the three directions. ddII' is the
     * Lambda-product of two Hessian-vector products, Hess'_{i1} u_3 and Hess'_{i2} u_4, each with a lower-layer part
     * and a top-layer part (sigma'_j (grad z_j . u)) on the weights W_{i j}, plus the lambda_W/n terms where u_3, u_4
     * point along a top-layer weight. The Gaussian average over W pairs the neuron indices; neuron sums split into
     * one neuron (the diagonal, with H0 per NTK factor) and two (n^2 terms, each 1/n through B, F, P, Q, R, S, T or
     * U of layer l). Products of two off-diagonal objects of one pair of neurons other than Theta Theta (B) are
     * O(1/n^2) and drop out.
     */

    /** R'_{a b c d} = n E[ddI'_{i i k k; a b c d}]. */
    private static void ddntkR(List<NtkDiagram> out) {
        rule(out, "diagonal (one neuron)", 2, 0, List.of(factors("a1''' b1' a2' b2'")),
                h0("a1", "b1"), h0("a1", "a2"), h0("a1", "b2"));
        rule(out, "off-diagonal NTK pair (B)", 2, 0, List.of(factors("a1''' b1'"), factors("a2' b2'")),
                h0("a1", "b1"), tensor(Statistic.B, "a1", "a2", "a1", "b2"));
        rule(out, "propagated P", 2, 0, List.of(factors("a1'' b1'", "c1"), factors("a2' b2'")),
                h0("a1", "b1"), tensor(Statistic.P, "a1", "a2", "b2", "c1"));
        rule(out, "propagated R", 2, 0, List.of(factors("a1' b1'"), factors("a2' b2'")),
                tensor(Statistic.R, "a1", "b1", "a2", "b2"));
        rule(out, "diagonal (weight rate)", 1, 1, List.of(factors("a1'' b1 a2' b2'")),
                h0("a1", "a2"), h0("a1", "b2"));
        rule(out, "off-diagonal NTK pair (B, weight rate)", 1, 1, List.of(factors("a1'' b1"), factors("a2' b2'")),
                tensor(Statistic.B, "a1", "a2", "a1", "b2"));
        rule(out, "propagated P (weight rate)", 1, 1, List.of(factors("a1' b1", "c1"), factors("a2' b2'")),
                tensor(Statistic.P, "a1", "a2", "b2", "c1"));
    }

    /** S'_{a b c d} = n E[ddII'_{i i k k; a b c d}]. */
    private static void ddntkS(List<NtkDiagram> out) {
        rule(out, "diagonal (one neuron)", 2, 0, List.of(factors("a1'' b1'' a2' b2'")),
                h0("a1", "b1"), h0("a1", "a2"), h0("b1", "b2"));
        rule(out, "off-diagonal NTK pair (B)", 2, 0, List.of(factors("a1'' b1''"), factors("a2' b2'")),
                h0("a1", "b1"), tensor(Statistic.B, "a1", "a2", "b1", "b2"));
        rule(out, "propagated S", 2, 0, List.of(factors("a1' b1'"), factors("a2' b2'")),
                tensor(Statistic.S, "a1", "b1", "a2", "b2"));
        rule(out, "diagonal (weight rate)", 1, 1, List.of(factors("a1' b1' a2' b2'")),
                h0("a1", "a2"), h0("b1", "b2"));
        rule(out, "off-diagonal NTK pair (B, weight rate)", 1, 1, List.of(factors("a1' b1'"), factors("a2' b2'")),
                tensor(Statistic.B, "a1", "a2", "b1", "b2"));
    }

    /**
     * T'_{a b c d} = n E[ddII'_{i k i k; a d b c}]: the samples a, b sit on neuron i, d, c on neuron k (here a = a1,
     * b = b1, c = a2, d = b2).
     */
    private static void ddntkT(List<NtkDiagram> out) {
        rule(out, "diagonal (one neuron)", 2, 0, List.of(factors("a1'' b1' a2' b2''")),
                h0("a1", "b2"), h0("a1", "b1"), h0("b2", "a2"));
        rule(out, "off-diagonal loop (F)", 2, 0, List.of(factors("a1'' b1'", "c1"), factors("b2'' a2'", "d1")),
                h0("a1", "b1"), h0("b2", "a2"), tensor(Statistic.F, "a1", "b2", "c1", "d1"));
        rule(out, "propagated Q", 2, 0, List.of(factors("a1'' b1'", "c1"), factors("b2' a2'")),
                h0("a1", "b1"), tensor(Statistic.Q, "b2", "a2", "a1", "c1"));
        rule(out, "propagated Q (mirror)", 2, 0, List.of(factors("a1' b1'"), factors("b2'' a2'", "c1")),
                h0("b2", "a2"), tensor(Statistic.Q, "a1", "b1", "b2", "c1"));
        rule(out, "propagated T", 2, 0, List.of(factors("a1' b1'"), factors("b2' a2'")),
                tensor(Statistic.T, "a1", "b1", "a2", "b2"));
        rule(out, "diagonal (weight rate)", 1, 1, List.of(factors("a1'' b1' a2 b2'")),
                h0("a1", "b2"), h0("a1", "b1"));
        rule(out, "off-diagonal loop (F, weight rate)", 1, 1,
                List.of(factors("a1'' b1'", "c1"), factors("b2' a2", "d1")),
                h0("a1", "b1"), tensor(Statistic.F, "a1", "b2", "c1", "d1"));
        rule(out, "propagated Q (weight rate)", 1, 1, List.of(factors("a1' b1'"), factors("b2' a2", "c1")),
                tensor(Statistic.Q, "a1", "b1", "b2", "c1"));
        rule(out, "diagonal (weight rate, mirror)", 1, 1, List.of(factors("a1' b1 a2' b2''")),
                h0("a1", "b2"), h0("b2", "a2"));
        rule(out, "off-diagonal loop (F, weight rate, mirror)", 1, 1,
                List.of(factors("a1' b1", "c1"), factors("b2'' a2'", "d1")),
                h0("b2", "a2"), tensor(Statistic.F, "a1", "b2", "c1", "d1"));
        rule(out, "propagated Q (weight rate, mirror)", 1, 1, List.of(factors("a1' b1", "c1"), factors("b2' a2'")),
                tensor(Statistic.Q, "b2", "a2", "a1", "c1"));
        rule(out, "diagonal (two weight rates)", 0, 2, List.of(factors("a1' b1 a2 b2'")), h0("a1", "b2"));
        rule(out, "off-diagonal loop (F, two weight rates)", 0, 2,
                List.of(factors("a1' b1", "c1"), factors("b2' a2", "d1")),
                tensor(Statistic.F, "a1", "b2", "c1", "d1"));
    }

    /** U'_{a b c d} = n E[ddII'_{i k k i; a c d b}]: a, b on neuron i, c, d on neuron k. */
    private static void ddntkU(List<NtkDiagram> out) {
        rule(out, "diagonal (one neuron)", 2, 0, List.of(factors("a1'' b1' a2'' b2'")),
                h0("a1", "a2"), h0("a1", "b2"), h0("a2", "b1"));
        rule(out, "propagated U", 2, 0, List.of(factors("a1' b1'"), factors("a2' b2'")),
                tensor(Statistic.U, "a1", "b1", "a2", "b2"));
    }

    /** Adds a diagram of one term with coefficient 1: Cw^cw lambda_W^lambdaW, the atoms and the tensors. */
    private static void rule(List<NtkDiagram> out, String name, int cw, int lambdaW, List<Atom> atoms,
                             TensorRef... tensors) {
        out.add(new NtkDiagram(name, BigFraction.ONE, List.of(term(BigFraction.ONE, cw, lambdaW, atoms,
                List.of(tensors)))));
    }

    /**
     * An expectation written as its factors, each a sample with one prime per derivative of sigma ("a1'' b1' a2"
     * is sigma''_a1 sigma'_b1 sigma_a2), with the samples of its outer derivatives.
     */
    static Atom factors(String factors, String... derivatives) {
        List<String> samples = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        for (String f : factors.trim().split("\\s+")) {
            int primes = f.length() - f.replace("'", "").length();
            samples.add(f.replace("'", ""));
            orders.add(primes);
        }
        return new Atom(samples, orders, List.of(derivatives));
    }

    private static TensorRef h0(String a, String b) {
        return tensor(Statistic.H0, a, b);
    }

    // ------------------------------------------------------------------ building blocks

    private static NtkDiagram diagram(String name, BigFraction weight, Piece p, List<Atom> atoms,
                                      List<TensorRef> tensors) {
        return new NtkDiagram(name, weight, List.of(term(weight, p.cw(), p.lambdaW(), atoms, tensors)));
    }

    private static Term term(BigFraction coefficient, int cw, int lambdaW, List<Atom> atoms,
                             List<TensorRef> tensors) {
        return new Term(coefficient, cw, false, 0, lambdaW, atoms, tensors);
    }

    /** The piece's expectation with outer derivatives. */
    private static Atom atom(Piece p, List<String> derivatives) {
        return new Atom(p.samples(), p.orders(), derivatives);
    }

    /** One expectation of the product of two pieces of the same neuron. */
    private static Atom product(Piece p, Piece q) {
        List<String> samples = new ArrayList<>(p.samples());
        samples.addAll(q.samples());
        List<Integer> orders = new ArrayList<>(p.orders());
        orders.addAll(q.orders());
        return new Atom(samples, orders, List.of());
    }

    /** The tensors, with H0 of the piece's Theta factor when it has one. */
    private static List<TensorRef> withMean(Piece p, List<TensorRef> tensors) {
        if (p.ntk() == null) {
            return tensors;
        }
        return with(tensors, tensor(Statistic.H0, p.ntk().get(0), p.ntk().get(1)));
    }

    private static List<TensorRef> with(List<TensorRef> tensors, TensorRef extra) {
        List<TensorRef> out = new ArrayList<>(tensors);
        out.add(extra);
        return out;
    }

    private static TensorRef tensor(Statistic statistic, String... indices) {
        return new TensorRef(statistic, List.of(indices));
    }

    private static BigFraction half() {
        return BigFraction.ONE_HALF;
    }
}
