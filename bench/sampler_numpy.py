#!/usr/bin/env python3
"""Explicit-weight Monte Carlo of the metric in numpy: the networks of `feynet bench --samplers`.

A tanh MLP of width n = 256 and depth L = 10 on two inputs with first-layer metric K = [[1, 0.5], [0.5, 0.8]],
Cb = 0, Cw = 1: per network z^(1) = g R^T (K = R R^T), then for l = 1..L-1
Ghat^(l+1) = Cb + (Cw/n) sigma(z^(l))^T sigma(z^(l)) and, below the last layer, z^(l+1) = b + W sigma(z^(l)) with
b ~ N(0, Cb) and W ~ N(0, Cw/n) drawn explicitly (n^2 normals per layer; W^(L) is never needed). Accumulates the
mean of every Ghat, as feynet does, and prints the throughput. numpy's Generator draws normals with a ziggurat on
PCG64; the matrix products go to BLAS.

usage: python3 bench/sampler_numpy.py [NETWORKS]
"""
import sys
import time

import numpy as np

WIDTH, DEPTH, CB, CW = 256, 10, 0.0, 1.0
GRAM = np.array([[1.0, 0.5], [0.5, 0.8]])


def draw_network(rng, root, out):
    """Writes Ghat^(1..L) of one network into out[l] (P x P)."""
    n = WIDTH
    out[0] = GRAM
    z = rng.standard_normal((n, root.shape[1])) @ root.T
    for layer in range(1, DEPTH):
        s = np.tanh(z)
        out[layer] = CB + (CW / n) * (s.T @ s)
        if layer + 1 < DEPTH:
            w = rng.standard_normal((n, n))
            b = np.sqrt(CB) * rng.standard_normal(n)
            z = b[:, None] + np.sqrt(CW / n) * (w @ s)


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = np.random.default_rng(1)
    root = np.linalg.cholesky(GRAM)
    metric = np.empty((DEPTH, 2, 2))
    total = np.zeros_like(metric)
    for _ in range(20):  # warm-up
        draw_network(rng, root, metric)
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(networks):
        draw_network(rng, root, metric)
        total += metric
    seconds = time.perf_counter() - start
    cpu_ms = 1e3 * (time.process_time() - cpu_start) / networks
    mean = total / networks
    print(f"numpy explicit sampler, tanh, n = {WIDTH}, L = {DEPTH}, P = 2 ({networks} networks): "
          f"{networks / seconds:.1f} networks/s, CPU time per network {cpu_ms:.3f} ms;"
          f" E[Ghat^(L)_11] = {mean[-1, 0, 0]:.4f}")


if __name__ == "__main__":
    main()
