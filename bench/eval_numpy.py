#!/usr/bin/env python3
"""The recursions of `feynet eval` for bench/mlp_tanh3.fnet, straightforwardly in numpy: the benchmark's reference.

A tanh MLP, Cb = 0.1, Cw = 1, L = 5, three inputs with first-layer metric K^(1). With F_ab(K) = <sigma(z_a) sigma(z_b)>
for z ~ N(0, K), the statistics of E[Ghat] = K0 + K1/n and n Cov(Ghat_{a1a2}, Ghat_{a3a4}) = V4 follow from
Ghat^(l+1) = Cb + Cw F(Ghat^(l)) + (fluctuation of conditional variance Cw^2 (<ssss> - <ss><ss>)/n), expanded about
K0 to order 1/n (PDLT eqs. 4.90 and 4.115 in the form of derivatives with respect to the kernel):
  K0' = Cb + Cw F(K0)
  V4'_{(a1a2)(a3a4)} = Cw^2 [<s_a1 s_a2 s_a3 s_a4> - F_a1a2 F_a3a4] + Cw^2 sum_{u,v} dF_a1a2/dt_u V4_{uv} dF_a3a4/dt_v
  K1'_{ab} = Cw [sum_u dF_ab/dt_u K1_u + 1/2 sum_{u,v} d^2F_ab/dt_u dt_v V4_{uv}]
where t_u moves the symmetric pair u = {b1, b2} of the kernel (both K_b1b2 and K_b2b1). The expectations are
tensor Gauss-Hermite sums on a 3-dimensional grid of NODES^3 points (z = R x, K = R R^T), the derivatives central
finite differences of those sums. Prints the statistics of the last layer as JSON, or with --check FILE.json (the
output of `feynet eval --json`) the largest relative differences from feynet's.

usage: python3 bench/eval_numpy.py [--check FEYNET.json]
"""
import itertools
import json
import sys

import numpy as np
import scipy.linalg

CB, CW, DEPTH = 0.1, 1.0, 5
GRAM = np.array([[1.0, 0.3, 0.2], [0.3, 0.9, 0.1], [0.2, 0.1, 0.8]])
NODES = 48
STEP = 1e-4

P = GRAM.shape[0]
PAIRS = [(a, b) for a in range(P) for b in range(a, P)]
X1, W1 = np.polynomial.hermite_e.hermegauss(NODES)
W1 = W1 / np.sqrt(2 * np.pi)
GRID = np.array(list(itertools.product(X1, repeat=P))).T          # P x NODES^P standard normal nodes
WEIGHTS = np.prod(np.array(list(itertools.product(W1, repeat=P))), axis=1)


def activations(k):
    """sigma(z) at the tensor nodes of N(0, k): P x NODES^P."""
    root = scipy.linalg.cholesky(k, lower=True)
    return np.tanh(root @ GRID)


def two_point(k):
    """F_ab(k) = <sigma_a sigma_b>, P x P."""
    s = activations(k)
    return (s * WEIGHTS) @ s.T


def moved(k, u, t):
    """k with the symmetric pair u moved by t."""
    k = k.copy()
    a, b = u
    k[a, b] += t
    if a != b:
        k[b, a] += t
    return k


def derivatives(k):
    """dF/dt_u and d^2F/dt_u dt_v by central differences: P x P x U and P x P x U x U."""
    f0 = two_point(k)
    npairs = len(PAIRS)
    grad = np.zeros((P, P, npairs))
    hess = np.zeros((P, P, npairs, npairs))
    for i, u in enumerate(PAIRS):
        up, down = two_point(moved(k, u, STEP)), two_point(moved(k, u, -STEP))
        grad[:, :, i] = (up - down) / (2 * STEP)
        hess[:, :, i, i] = (up - 2 * f0 + down) / STEP ** 2
        for j in range(i):
            v = PAIRS[j]
            pp = two_point(moved(moved(k, u, STEP), v, STEP))
            pm = two_point(moved(moved(k, u, STEP), v, -STEP))
            mp = two_point(moved(moved(k, u, -STEP), v, STEP))
            mm = two_point(moved(moved(k, u, -STEP), v, -STEP))
            hess[:, :, i, j] = hess[:, :, j, i] = (pp - pm - mp + mm) / (4 * STEP ** 2)
    return f0, grad, hess


def four_point(k):
    """<sigma_a1 sigma_a2 sigma_a3 sigma_a4>, P x P x P x P."""
    s = activations(k)
    return np.einsum("an,bn,cn,dn,n->abcd", s, s, s, s, WEIGHTS, optimize=True)


def on_pairs(v4):
    """V4 on unordered pairs: P x P x U."""
    return np.stack([v4[:, :, a, b] for a, b in PAIRS], axis=-1)


def run():
    k0, k1, v4 = GRAM.copy(), np.zeros((P, P)), np.zeros((P, P, P, P))
    layers = [(k0, k1, v4)]
    for _ in range(DEPTH - 1):
        f0, grad, hess = derivatives(k0)
        v_uv = np.stack([on_pairs(v4)[a, b] for a, b in PAIRS])   # U x U
        k1_u = np.array([k1[a, b] for a, b in PAIRS])
        new_k1 = CW * (grad @ k1_u + 0.5 * np.einsum("abuv,uv->ab", hess, v_uv))
        new_v4 = CW ** 2 * (four_point(k0) - np.einsum("ab,cd->abcd", f0, f0)
                            + np.einsum("abu,uv,cdv->abcd", grad, v_uv, grad))
        k0, k1, v4 = CB + CW * f0, new_k1, new_v4
        layers.append((k0, k1, v4))
    return layers


def main():
    layers = run()
    if len(sys.argv) > 2 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            feynet = json.load(f)["layers"]
        for l, (k0, k1, v4) in enumerate(layers):
            theirs = feynet[l]
            diff = {name: float(np.max(np.abs(mine - np.array(theirs[name])))
                                / max(1e-300, float(np.max(np.abs(np.array(theirs[name]))))))
                    for name, mine in (("K0", k0), ("K1", k1), ("V4", v4)) if np.any(np.array(theirs[name]))}
            print(f"layer {l + 1}: largest difference from feynet relative to the largest entry: "
                  + ", ".join(f"{k} {v:.1e}" for k, v in diff.items()))
        return
    k0, k1, v4 = layers[-1]
    print(json.dumps({"layer": DEPTH, "K0": k0.tolist(), "K1": k1.tolist(), "V4": v4.tolist()}))


if __name__ == "__main__":
    main()
