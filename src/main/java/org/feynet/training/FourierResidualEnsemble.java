package org.feynet.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.feynet.model.FourierResidualTraining;
import org.feynet.numerics.NumericalTrouble;

/**
 * Fourier residual networks of one width trained from independent seeds (first + 1000003 n + s, s = 0 ..
 * seeds-1, so that a run is reproducible on its own and independent of the thread that trained it), in parallel on
 * the available cores. Quantities are reported as the mean over seeds with the standard error sd / sqrt(seeds).
 *
 * @param width n
 * @param runs  the runs, in seed order
 */
public record FourierResidualEnsemble(int width, List<FourierResidualRun> runs) {

    public FourierResidualEnsemble {
        runs = List.copyOf(runs);
    }

    /** Trains {@code seeds} networks of the settings' width. */
    public static FourierResidualEnsemble train(FourierResidualTraining training,
            FourierResidualTrainer.Settings settings, int seeds, long first) {
        List<FourierResidualRun> runs = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.max(1, Math.min(seeds, Runtime.getRuntime().availableProcessors()));
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            FourierResidualRun[] out = new FourierResidualRun[seeds];
            pool.submit(() -> IntStream.range(0, seeds).parallel().forEach(s -> out[s] = FourierResidualTrainer
                    .train(training, settings, first + 1_000_003L * settings.width() + s))).get();
            runs.addAll(List.of(out));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NumericalTrouble trouble) {
                throw trouble;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return new FourierResidualEnsemble(settings.width(), runs);
    }

    public double[] times() {
        return runs.get(0).times();
    }

    /** The mean over seeds of {@code quantity}. */
    public double mean(ToDoubleFunction<FourierResidualRun> quantity) {
        return runs.stream().mapToDouble(quantity).average().orElse(Double.NaN);
    }

    /** The standard error of that mean (NaN for one seed). */
    public double standardError(ToDoubleFunction<FourierResidualRun> quantity) {
        int count = runs.size();
        if (count < 2) {
            return Double.NaN;
        }
        double mean = mean(quantity);
        double sum = 0;
        for (FourierResidualRun run : runs) {
            double d = quantity.applyAsDouble(run) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (count - 1) / count);
    }
}
