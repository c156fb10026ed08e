package org.feynet.dmft;

/**
 * What one layer's neurons give back: Phi^l = &lt;sigma(h^l) sigma(h^l)^T&gt;, G^l = &lt;g^l g^l^T&gt; over all pairs of grid
 * times, the response A^l = &lt;d sigma(h^l) / d r^l&gt; that drives layer l+1, and the response
 * B^{l-1} = &lt;d g^l / d u^l&gt; that drives layer l-1 (each D x D, D = P (N+1)).
 */
record LayerKernels(double[][] phi, double[][] g, double[][] responseToR, double[][] responseToU) {}
