package org.feynet.sampling;

/**
 * What the NTK sampler records of one network, per layer index t = l - 1 (l = 1..L), with the samples flattened
 * as u = a P + b: the metric {@code metric[t][u]} = Ghat^(l)_{ab}; the NTK of the first two neurons
 * {@code ntk[t][2 i + j][u]} = Theta^(l)_{ij;ab}, i, j in {0, 1} (neurons 1 and 2); and their preactivations
 * {@code preactivation[t][i][a]} = z^(l)_{i;a}. A reusable buffer, overwritten by each {@link NtkPass#draw}.
 */
final class NtkObservation {

    final double[][] metric;
    final double[][][] ntk;
    final double[][][] preactivation;

    NtkObservation(int depth, int inputs) {
        this.metric = new double[depth][inputs * inputs];
        this.ntk = new double[depth][4][inputs * inputs];
        this.preactivation = new double[depth][2][inputs];
    }
}
