package org.feynet.dmft;

/**
 * The time grid t_k = k T / N, k = 0 .. N, of the DMFT solvers, with the trapezoid weights of
 * int_0^{t_k} ds F(s) ~ sum_j w_kj F(t_j): w_kj = dt/2 at j = 0 and j = k, dt in between, and w_00 = 0. The
 * trapezoid rule makes every two-time integral, and the NTK flow of f, accurate to O(dt^2).
 * Two-time kernels live on the flattened index (k, mu) -> k P + mu.
 *
 * @param horizon the end time T
 * @param steps   N
 * @param samples P
 */
record TimeGrid(double horizon, int steps, int samples) {

    int points() {
        return steps + 1;
    }

    /** P (N + 1), the dimension of a two-time kernel. */
    int dimension() {
        return samples * points();
    }

    double dt() {
        return horizon / steps;
    }

    double time(int k) {
        return k * dt();
    }

    int index(int k, int mu) {
        return k * samples + mu;
    }

    /** The trapezoid weight w_kj of F(t_j) in int_0^{t_k}. */
    double weight(int k, int j) {
        if (k == 0 || j > k) {
            return 0;
        }
        return j == 0 || j == k ? dt() / 2 : dt();
    }

    /** The same grid with half the steps, for the Richardson estimate of the time-discretisation error. */
    TimeGrid coarser() {
        return new TimeGrid(horizon, steps / 2, samples);
    }
}
