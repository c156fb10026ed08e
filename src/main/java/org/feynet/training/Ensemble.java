package org.feynet.training;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.feynet.model.TrainingProblem;

/**
 * Networks of one width trained from independent seeds; every quantity is reported as the mean over seeds with its
 * standard error sd / sqrt(seeds).
 *
 * @param width the width n
 * @param runs  one trajectory per seed
 */
public record Ensemble(int width, List<Trajectory> runs) {

    public Ensemble {
        runs = List.copyOf(runs);
    }

    /**
     * Trains {@code seeds} networks of width {@code width} (seeds first, first + 1, ...), RK4 steps of at most
     * {@code step}, observed at {@code intervals} + 1 equally spaced times.
     */
    public static Ensemble train(TrainingProblem problem, int width, int seeds, long first, double step,
            int intervals) {
        GradientFlowTrainer trainer = new GradientFlowTrainer(problem, width);
        List<Trajectory> runs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            runs.add(trainer.train(first + 1_000_003L * width + s, step, intervals));
        }
        return new Ensemble(width, runs);
    }

    public double[] times() {
        return runs.get(0).times();
    }

    /** The mean of {@code quantity} over seeds. */
    public double mean(ToDoubleFunction<Trajectory> quantity) {
        double sum = 0;
        for (Trajectory run : runs) {
            sum += quantity.applyAsDouble(run);
        }
        return sum / runs.size();
    }

    /** The standard error of that mean (NaN for a single seed). */
    public double standardError(ToDoubleFunction<Trajectory> quantity) {
        if (runs.size() < 2) {
            return Double.NaN;
        }
        double mean = mean(quantity);
        double sum = 0;
        for (Trajectory run : runs) {
            double d = quantity.applyAsDouble(run) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (runs.size() - 1) / runs.size());
    }
}
