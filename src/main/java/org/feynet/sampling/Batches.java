package org.feynet.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import org.feynet.core.ProgressBars;

/**
 * Runs N networks as B consecutive batches on a pool of worker threads, the scheme shared by the samplers: batch k
 * holds networks [floor(N k / B), floor(N (k + 1) / B)), each batch is processed sequentially in network order by
 * one task, and the per-batch results come back in batch order. Whatever a task computes from its networks alone is
 * therefore independent of the number of threads. The first failing batch stops the others (they return early) and
 * its exception is rethrown on the calling thread. An optional progress bar on stderr counts finished networks.
 */
final class Batches {

    /** What a batch task sees of the run. */
    interface Control {
        /** True once another batch has failed; the task should then return what it has. */
        boolean cancelled();

        /** Reports one more finished network. */
        void step();
    }

    /** The work of one batch: networks [from, to), in order. */
    @FunctionalInterface
    interface Work<T> {
        T run(long from, long to, Control control);
    }

    private Batches() {}

    /**
     * Processes {@code networks} networks in {@code batches} batches on at most {@code threads} threads and returns
     * the batch results in batch order.
     *
     * @param task the progress bar's label, or null for no progress bar
     */
    static <T> List<T> run(long networks, int batches, int threads, String task, Work<T> work) {
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batches), runnable -> {
            Thread t = new Thread(runnable, "feynet-sampler");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = task == null ? null : progressBar(task, networks)) {
            Control control = control(failed, bar);
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < batches; k++) {
                long from = networks * k / batches;
                long to = networks * (k + 1) / batches;
                futures.add(pool.submit(() -> guarded(work, from, to, control, failed)));
            }
            return collect(futures, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T guarded(Work<T> work, long from, long to, Control control, AtomicBoolean failed) {
        try {
            return work.run(from, to, control);
        } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
        }
    }

    private static Control control(AtomicBoolean failed, ProgressBar bar) {
        return new Control() {
            @Override
            public boolean cancelled() {
                return failed.get();
            }

            @Override
            public void step() {
                if (bar != null) {
                    bar.step();
                }
            }
        };
    }

    private static <T> List<T> collect(List<Future<T>> futures, AtomicBoolean failed) {
        List<T> parts = new ArrayList<>();
        RuntimeException trouble = null;
        for (Future<T> f : futures) {
            try {
                parts.add(f.get());
            } catch (ExecutionException e) {
                if (trouble == null) {
                    trouble = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
                throw new IllegalStateException("sampling interrupted", e);
            }
        }
        if (trouble != null) {
            throw trouble;
        }
        return parts;
    }

    private static ProgressBar progressBar(String task, long networks) {
        return ProgressBars.start(task, networks, " nets");
    }

    /**
     * sqrt(sum_k (x_k - xbar)^2 / (B (B - 1))), the standard error of the average xbar of B independent estimates
     * x_k (the batch-means estimate).
     */
    static double standardErrorOfAverage(double[] x) {
        double average = 0;
        for (double v : x) {
            average += v;
        }
        average /= x.length;
        double sum = 0;
        for (double v : x) {
            sum += (v - average) * (v - average);
        }
        return Math.sqrt(sum / ((double) x.length * (x.length - 1)));
    }
}
