package org.feynet.training;

import java.util.List;

/**
 * One trained network: its observations at the report times and the two-time feature kernel
 * Phi^l(T, 0) = sigma(h^l(T)) . sigma(h^l(0)) / n, [l-1][mu][nu].
 */
public record Trajectory(double[] times, List<Observation> observations, double[][][] phiTwoTime) {
    public Trajectory {
        times = times.clone();
        observations = List.copyOf(observations);
    }
}
