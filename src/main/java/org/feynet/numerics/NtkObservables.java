package org.feynet.numerics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.feynet.model.Statistic;

/**
 * The NTK's observable fluctuations at order 1/n, from the statistics the recursions carry (PDLT eqs. 8.40, 8.59, with
 * i != k two different neurons; a, b, c, d samples):
 * <pre>
 *   ntk_same[a][b][c][d]   = lim n Cov(Theta_{ii;ab}, Theta_{ii;cd})  = A_{ab;cd} + B_{ab;cd} + B_{ab;dc},
 *   ntk_other[a][b][c][d]  = lim n Cov(Theta_{ii;ab}, Theta_{kk;cd})  = A_{ab;cd},
 *   ntk_off[a][b][c][d]    = lim n E[Theta_{ik;ab} Theta_{ik;cd}]      = B_{ab;cd},
 *   ntk_metric[a][b][c][d] = lim n Cov(Ghat_{ab}, Theta_{ii;cd})       = D_{cd;ab},
 *   ntk_preactivation_off[a][b][c][d] = lim n E[Theta_{ik;ab} z_{i;c} z_{k;d}] = F_{ab;cd}.
 * </pre>
 * The same-neuron covariance adds to the fluctuation A that all neurons share the within-neuron part
 * n E[Cov(Theta_ii, Theta_ii | previous layer)] = B_{ab;cd} + B_{ab;dc}.
 */
public final class NtkObservables {

    private NtkObservables() {}

    /** The five observables by their JSON keys, in the order above; empty when the layer has no NTK statistics. */
    public static Map<String, Tensor> of(MetricStatistics.Layer layer) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (!layer.has(Statistic.A)) {
            return out;
        }
        Tensor a = layer.tensor(Statistic.A);
        Tensor b = layer.tensor(Statistic.B);
        Tensor d = layer.tensor(Statistic.D);
        int p = a.inputs();
        double[] same = new double[Tensor.size(p, 4)];
        double[] metric = new double[same.length];
        int[] i = new int[4];
        for (int code = 0; code < same.length; code++) {
            for (int k = 3, r = code; k >= 0; k--, r /= p) {
                i[k] = r % p;
            }
            same[code] = a.get(i) + b.get(i) + b.get(i[0], i[1], i[3], i[2]);
            metric[code] = d.get(i[2], i[3], i[0], i[1]);
        }
        out.put("ntk_same", Tensor.of(p, 4, same));
        out.put("ntk_other", a);
        out.put("ntk_off", b);
        out.put("ntk_metric", Tensor.of(p, 4, metric));
        out.put("ntk_preactivation_off", layer.tensor(Statistic.F));
        return out;
    }
}
