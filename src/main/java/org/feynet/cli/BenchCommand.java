package org.feynet.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagramEnumerator;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.model.Statistic;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.LayerRecursions;
import org.feynet.sampling.DntkSample;
import org.feynet.sampling.DntkSampler;
import org.feynet.sampling.MetricSample;
import org.feynet.sampling.NetworkSampler;
import org.feynet.sampling.NtkSample;
import org.feynet.sampling.NtkSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code feynet bench}: the figures of docs/BENCHMARKS.md. Derive time (the first derivation in this JVM, which
 * pays for Symja's start-up, then the median of warm repeats), eval time for P = 8 tanh inputs through L = 50
 * layers, and sampler throughput for n = 256, L = 10, P = 2. For the
 * NTK ({@code derive ntk to order 1/n}, tanh): derive and eval time at L = 4 and L = 50 with P = 2 and P = 4, and the
 * throughput of the NTK sampler (backpropagation from every layer) at n = 256, L = 4, P = 2 and of the dNTK sampler
 * (automatic differentiation, with and without the ddNTK) at n = 64, L = 4, P = 2.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure derive, eval and sampling speed.")
final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", description = "warm repetitions (default: ${DEFAULT-VALUE})")
    int repeats = 5;

    @Option(names = "--networks", description = "networks for the sampler figure (default: ${DEFAULT-VALUE})")
    int networks = 2000;

    @Option(names = "--ntk-networks", description = "networks for the NTK sampler figure (default: ${DEFAULT-VALUE})")
    int ntkNetworks = 2000;

    @Option(names = "--ntk-only", description = "only the NTK figures")
    boolean ntkOnly;

    @Option(names = "--samplers", description = "only the metric samplers, explicit against chain, on 1 and all cores")
    boolean samplers;

    @Override
    public Integer call() {
        Checks.atLeast("--repeats", repeats, 1);
        Checks.atLeast("--ntk-networks", ntkNetworks, 64);
        if (samplers) {
            Checks.atLeast("--networks", networks, 64);
            samplers();
            return 0;
        }
        if (!ntkOnly) {
            metric();
        }
        ntk();
        return 0;
    }

    private void metric() {
        MlpModel example = new ModelOptions().network().model();
        long t0 = System.nanoTime();
        Pipeline.derive(example);
        double cold = seconds(t0);
        double[] warm = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            Pipeline.derive(example);
            warm[i] = seconds(t);
        }
        java.util.Arrays.sort(warm);
        print("derive mlp_tanh (order 1/n), first in this JVM", cold, "s");
        print("derive mlp_tanh (order 1/n), warm median", warm[repeats / 2], "s");

        long t2 = System.nanoTime();
        RecursionSystem second = new Derivation(MetricDiagrams::of).derive(example, 2);
        print("derive mlp_tanh at order 1/n^2, warm (" + second.recursions().size() + " statistics)", seconds(t2), "s");
        long t3 = System.nanoTime();
        int diagrams = 0;
        for (Statistic target : Statistic.metricUpTo(3)) {
            diagrams += new MetricDiagramEnumerator(target.size(), target.order()).diagrams().size();
        }
        print("enumerate the metric diagrams of every statistic at order 1/n^3 (" + diagrams + " diagrams)",
                seconds(t3), "s");

        MlpModel wide = ModelReader.parse("bench.fnet", eightInputs()).networks().get(0);
        RecursionSystem system = Pipeline.derive(wide);
        LayerRecursions recursions = Evaluators.recursions(system);
        double[] evals = new double[Math.max(1, repeats / 2)];
        for (int i = 0; i < evals.length; i++) {
            long t = System.nanoTime();
            MetricEvaluation.run(recursions, wide, Pipeline.engine(system), l -> { });
            evals[i] = seconds(t);
        }
        java.util.Arrays.sort(evals);
        print("eval tanh, P = 8, L = 50, order 1/n (median of " + evals.length + ")", evals[evals.length / 2], "s");

        MlpModel sampled = ModelReader.parse("bench.fnet", twoInputs()).networks().get(0);
        MetricSample sample = NetworkSampler.of(sampled, 256).networks(networks).seed(1).progress(false).sample();
        print("sample tanh, n = 256, L = 10, P = 2 (" + networks + " networks, "
                + Runtime.getRuntime().availableProcessors() + " cores)", sample.networksPerSecond(), "networks/s");
    }

    /**
     * The metric samplers on tanh, n = 256, L = 10, P = 2: explicit weights on N networks and the chain on 10 N, each
     * on one thread and on every core, after a warm-up of each; then the ratio of the chain's throughput to the
     * explicit sampler's.
     */
    private void samplers() {
        MlpModel model = ModelReader.parse("bench.fnet", twoInputs()).networks().get(0);
        int cores = Runtime.getRuntime().availableProcessors();
        double[] rates = new double[2];
        double[] cpu = new double[2];
        for (NetworkSampler.Method method : NetworkSampler.Method.values()) {
            int count = method == NetworkSampler.Method.CHAIN ? 10 * networks : networks;
            NetworkSampler sampler = NetworkSampler.of(model, 256).method(method).seed(1).progress(false);
            sampler.networks(Math.max(64, count / 10)).sample();
            for (int threads : new int[] {1, cores}) {
                long cpuStart = processCpuNanos();
                MetricSample sample = sampler.threads(threads).networks(count).sample();
                double cpuPerNetwork = (processCpuNanos() - cpuStart) / 1e6 / count;
                String what = method.keyword() + ", tanh, n = 256, L = 10, P = 2 (" + count + " networks, "
                        + threads + (threads == 1 ? " thread)" : " threads)");
                print("sample " + what, sample.networksPerSecond(), "networks/s");
                print("  CPU time per network", cpuPerNetwork, "ms");
                rates[method.ordinal()] = sample.networksPerSecond();
                cpu[method.ordinal()] = cpuPerNetwork;
            }
        }
        print("chain / explicit throughput on " + cores + " cores", rates[1] / rates[0], "x");
        print("explicit / chain CPU time per network on " + cores + " cores", cpu[0] / cpu[1], "x");
    }

    /**
     * The NTK figures: the first NTK derivation in this JVM, then for each depth and number of inputs the median of
     * warm derivations and the median eval time (the generated recursions and the Gaussian engine prepared once, as
     * {@link Pipeline#evaluate} does); then the NTK sampler's throughput.
     */
    private void ntk() {
        boolean first = true;
        for (int inputs : new int[] {2, 4}) {
            for (int depth : new int[] {4, 50}) {
                MlpModel model = ModelReader.parse("bench.fnet", ntkModel(depth, inputs)).networks().get(0);
                String what = "tanh, L = " + depth + ", P = " + inputs;
                if (first) {
                    long t0 = System.nanoTime();
                    RecursionSystem system = Pipeline.derive(model);
                    print("derive ntk " + what + ", first NTK model in this JVM (" + system.recursions().size()
                            + " statistics)", seconds(t0), "s");
                    first = false;
                }
                print("derive ntk " + what + ", warm median", median(repeats, () -> Pipeline.derive(model)), "s");
                RecursionSystem system = Pipeline.derive(model);
                LayerRecursions recursions = Evaluators.recursions(system);
                org.feynet.numerics.GaussianMoments engine = Pipeline.engine(system);
                int evals = Math.max(1, depth > 10 ? repeats / 2 : repeats);
                print("eval ntk " + what + ", order 1/n (median of " + evals + ")",
                        median(evals, () -> MetricEvaluation.run(recursions, model, engine, l -> { })), "s");
            }
        }
        MlpModel sampled = ModelReader.parse("bench.fnet", ntkModel(4, 2)).networks().get(0);
        NtkSample sample = NtkSampler.of(sampled, 256).learningRates(sampled.rates().lambdaB(),
                sampled.rates().lambdaW()).networks(ntkNetworks).seed(1).progress(false).sample();
        print("sample ntk tanh (backpropagation), n = 256, L = 4, P = 2 (" + ntkNetworks + " networks, "
                + Runtime.getRuntime().availableProcessors() + " cores)", sample.networksPerSecond(), "networks/s");
        benchDntk(sampled);
    }

    /** The median wall time in seconds of {@code count} runs of {@code work}. */
    private static double median(int count, Runnable work) {
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            work.run();
            times[i] = seconds(t);
        }
        java.util.Arrays.sort(times);
        return times[count / 2];
    }

    /** dNTK sampler throughput at n = 64, L = 4, P = 2, without and with the ddNTK. */
    private void benchDntk(MlpModel model) {
        for (boolean ddntk : new boolean[] {false, true}) {
            DntkSample dntk = DntkSampler.of(model, 64).networks(ntkNetworks).seed(1).progress(false).ddntk(ddntk)
                    .sample();
            print("sample " + (ddntk ? "dNTK and ddNTK" : "dNTK") + " tanh, n = 64, L = 4, P = 2 (" + ntkNetworks
                    + " networks)", dntk.networksPerSecond(), "networks/s");
        }
    }

    /** CPU time of the whole process so far (all threads), in ns; 0 where the JVM does not report it. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private void print(String what, double value, String unit) {
        spec.commandLine().getOut().printf(Locale.ROOT, "%-72s %10.3f %s%n", what, value, unit);
        spec.commandLine().getOut().flush();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A tanh network with 8 inputs: unit norms, pairwise overlaps between 0.1 and 0.8. */
    static String eightInputs() {
        return "network bench8 {\n  width n\n  depth L = 50\n  activation sigma(z) = tanh(z)\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n"
                + "  input gram " + gram(8) + "\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\nderive metric to order 1/n\n";
    }

    /** A P x P gram: unit diagonal, overlap 0.1 + 0.7 exp(-|a - b|/3) between inputs a and b. */
    private static String gram(int inputs) {
        StringBuilder gram = new StringBuilder("[");
        for (int a = 0; a < inputs; a++) {
            gram.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < inputs; b++) {
                double k = a == b ? 1.0 : 0.1 + 0.7 * Math.exp(-Math.abs(a - b) / 3.0);
                gram.append(b == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", k));
            }
            gram.append(']');
        }
        return gram.append(']').toString();
    }

    /**
     * A tanh network with the NTK derived to order 1/n: Cb = 0.1, Cw = 1, lambda_b = 0.1, lambda_W = 1, and P inputs
     * with unit norms and pairwise overlaps between 0.1 and 0.8 (those of {@link #eightInputs}).
     */
    static String ntkModel(int depth, int inputs) {
        return "network bench_ntk {\n  width n\n  depth L = " + depth + "\n  activation sigma(z) = tanh(z)\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0.1, Cw = 1\n"
                + "  learning rates lambda_b = 0.1, lambda_W = 1\n"
                + "  input gram " + gram(inputs) + "\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\nderive ntk to order 1/n\n";
    }

    static String twoInputs() {
        return "network bench2 {\n  width n\n  depth L = 10\n  activation sigma(z) = tanh(z)\n"
                + "  init b ~ normal(0, Cb), W ~ normal(0, Cw/n) with Cb = 0, Cw = 1\n"
                + "  input gram [[1.0, 0.5], [0.5, 0.8]]\n"
                + "  z[l+1] = b[l+1] + W[l+1] . sigma(z[l])   for l = 1 .. L-1\n}\nderive metric to order 1/n\n";
    }
}
