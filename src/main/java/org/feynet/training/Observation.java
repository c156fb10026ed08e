package org.feynet.training;

/**
 * What is measured on one network at one time: the outputs f_mu, the loss (1/(2P)) |f - y|^2, the NTK
 * K = sum_{l=0}^{L} G^{l+1} Phi^l (exact at every width, see {@link GradientFlowTrainer}) and the kernels
 * Phi^l = sigma(h^l) . sigma(h^l) / n and G^l = g^l . g^l / n (l = 1 .. L, index l-1).
 */
public record Observation(double[] f, double loss, double[][] ntk, double[][][] phi, double[][][] g) {}
