package org.feynet.cli;

import java.util.function.IntConsumer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.feynet.codegen.ClassBundle;
import org.feynet.codegen.Evaluators;
import org.feynet.derive.ActivationCalculus;
import org.feynet.derive.Derivation;
import org.feynet.derive.RecursionSystem;
import org.feynet.diagrams.MetricDiagrams;
import org.feynet.lang.ModelReader;
import org.feynet.model.MlpModel;
import org.feynet.numerics.GaussHermiteMoments;
import org.feynet.numerics.GaussHermiteRules;
import org.feynet.numerics.ActivationJet;
import org.feynet.numerics.CriticalityAnalysis;
import org.feynet.numerics.GaussianEngines;
import org.feynet.numerics.GaussianMoments;
import org.feynet.numerics.GeneratedJet;
import org.feynet.numerics.MetricEvaluation;
import org.feynet.numerics.LayerRecursions;
import org.feynet.numerics.MetricStatistics;

/** The pipeline stages as the network commands use them: derive, generated code, evaluate. */
final class Pipeline {

    private Pipeline() {}

    /** A network from model text (for tests and generated examples), its first block. */
    static Subject.Network parse(String fileName, String text) {
        return new Subject.Network(java.nio.file.Path.of(fileName), text,
                ModelReader.parse(fileName, text).networks().get(0));
    }

    /** The recursions of the network, refused early when its activation cannot be integrated. */
    static RecursionSystem derive(MlpModel model) {
        requireSupported(model);
        return new Derivation(MetricDiagrams::of).derive(model);
    }

    private static void requireSupported(MlpModel model) {
        try {
            GaussianEngines.requireSupported(model.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(unsupported.getMessage());
        }
    }

    /**
     * The Gaussian engine of the activation; the quadrature's calibrated node count (a function of the activation
     * alone) is kept in the cache, since calibrating costs seconds.
     */
    private static GaussianMoments engine(MlpModel model, GeneratedJet jet, DiskCache cache) {
        String key = DiskCache.key("quadrature-nodes", model.activation().identity());
        OptionalInt nodes = cache.read(key).flatMap(Pipeline::parseCount).map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        GaussianMoments engine = GaussianEngines.forActivation(model.activation(), jet, nodes);
        if (nodes.isEmpty() && engine instanceof GaussHermiteMoments quadrature) {
            cache.write(key, Integer.toString(quadrature.nodesPerDimension()).getBytes(StandardCharsets.US_ASCII));
        }
        return engine;
    }

    private static Optional<Integer> parseCount(byte[] bytes) {
        try {
            int n = Integer.parseInt(new String(bytes, StandardCharsets.US_ASCII).trim());
            return n >= 2 && n <= 100_000 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException damaged) {
            return Optional.empty();
        }
    }

    /** The cache key of the generated recursions: they depend on the observable and the order alone. */
    static String recursionsKey(MlpModel model) {
        return DiskCache.key("recursions", model.observable().keyword(), Integer.toString(model.order()));
    }

    /** The cache key of the activation's generated derivatives: they depend on the activation alone. */
    static String jetKey(MlpModel model) {
        return DiskCache.key("jet", model.activation().identity());
    }

    /** A cached class bundle; a damaged entry counts as absent (it is then recomputed and rewritten). */
    private static Optional<ClassBundle> bundle(DiskCache cache, String key) {
        return cache.read(key).flatMap(bytes -> {
            try {
                return Optional.of(ClassBundle.decode(bytes));
            } catch (java.io.IOException damaged) {
                return Optional.empty();
            }
        });
    }

    /** The criticality analysis of the network's activation, refused early when it cannot be integrated. */
    static CriticalityAnalysis criticality(MlpModel model, double tolerance) {
        try {
            GaussianEngines.requireSupported(model.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(unsupported.getMessage());
        }
        ActivationJet jet = Evaluators.jet(new ActivationCalculus(model.activation()));
        return new CriticalityAnalysis(model.activation(), GaussianEngines.forActivation(model.activation(), jet), jet,
                tolerance);
    }

    /** The Gaussian expectations of a model's activation without deriving its recursions (weight-tied networks). */
    static GaussianMoments gaussianMoments(MlpModel model) {
        try {
            GaussianEngines.requireSupported(model.activation());
        } catch (UnsupportedOperationException unsupported) {
            throw new UserError(unsupported.getMessage());
        }
        return GaussianEngines.forActivation(model.activation(),
                Evaluators.jet(new ActivationCalculus(model.activation())));
    }

    /** The Gaussian expectations of the network's activation (numerics chooses the engine). */
    static GaussianMoments engine(RecursionSystem system) {
        return GaussianEngines.forActivation(system.model().activation(), Evaluators.jet(system.activation()));
    }

    /**
     * The highest order evaluated: the Gaussian expectations of order 1/n^p carry up to 4p derivatives of sigma
     * on one sample, and the engines and generated derivatives go up to eight.
     */
    static final int MAX_EVAL_ORDER = 2;

    static MetricStatistics evaluate(Subject.Network network, boolean progress) {
        return evaluate(network, progress, DiskCache.disabled());
    }

    /**
     * The statistics of every layer. The generated recursions (a function of the observable and the order) and the
     * activation's derivatives (a function of the activation) come from {@code cache} when it holds both as class
     * bytes, so that neither Symja nor Janino is loaded; otherwise they are derived, compiled and stored there.
     */
    static MetricStatistics evaluate(Subject.Network network, boolean progress, DiskCache cache) {
        if (network.model().order() > MAX_EVAL_ORDER) {
            boolean fromFile = java.util.regex.Pattern.compile("(?m)^\\s*derive\\b[^\\n]*\\^\\s*"
                    + network.model().order() + "\\b").matcher(network.text()).find();
            throw new UserError((fromFile ? Places.of(network.file(), network.text(), "derive") + ": " : "")
                    + "numbers are evaluated to order 1/n^" + MAX_EVAL_ORDER + " at most (order 1/n^"
                    + network.model().order() + " needs more than eight derivatives of sigma); derive, diagrams and"
                    + " latex go to 1/n^" + org.feynet.model.Limits.MAX_NETWORK_ORDER);
        }
        MlpModel model = network.model();
        LayerRecursions recursions;
        GeneratedJet jet;
        Optional<ClassBundle> cachedRecursions = bundle(cache, recursionsKey(model));
        Optional<ClassBundle> cachedJet = bundle(cache, jetKey(model));
        LayerRecursions fromCache = null;
        GeneratedJet jetFromCache = null;
        if (cachedRecursions.isPresent() && cachedJet.isPresent()) {
            requireSupported(model);
            try {
                fromCache = cachedRecursions.get().instantiate(LayerRecursions.class);
                jetFromCache = cachedJet.get().instantiate(GeneratedJet.class);
            } catch (IllegalStateException damaged) {
                fromCache = null; // recomputed and rewritten below
            }
        }
        if (fromCache != null) {
            recursions = fromCache;
            jet = jetFromCache;
        } else {
            RecursionSystem system = derive(model);
            if (cache.enabled()) {
                ClassBundle r = Evaluators.recursionsBundle(system);
                ClassBundle j = Evaluators.jetBundle(system.activation());
                cache.write(recursionsKey(model), r.encode());
                cache.write(jetKey(model), j.encode());
                recursions = r.instantiate(LayerRecursions.class);
                jet = j.instantiate(GeneratedJet.class);
            } else {
                recursions = Evaluators.recursions(system);
                jet = Evaluators.jet(system.activation());
            }
        }
        Timing.mark("recursions and jet ready");
        GaussianMoments engine = engine(model, jet, cache);
        int rulesHeld = preloadRules(cache); // -1 when the cache holds no readable rules
        Timing.mark("Gaussian engine ready");
        try (Progress bar = Progress.start("eval " + network.model().name(), network.model().depth(), progress)) {
            IntConsumer step = layer -> bar.stepTo(layer);
            MetricStatistics statistics = MetricEvaluation.run(recursions, model, engine, step);
            Timing.mark("layers evaluated");
            if (cache.enabled() && GaussHermiteRules.count() > rulesHeld) {
                cache.write(RULES_KEY, GaussHermiteRules.encode());
            }
            return statistics;
        }
    }

    /** The cache key of the Gauss-Hermite rules: a function of the build alone. */
    static final String RULES_KEY = DiskCache.key("gauss-hermite-rules");

    /**
     * Installs the Gauss-Hermite rules that earlier runs stored (computing those an evaluation needs costs more than
     * a small evaluation's quadrature); returns how many rules the process then holds, or -1 when the cache holds
     * no readable entry (the rules are then computed as needed and the entry written after the evaluation).
     */
    private static int preloadRules(DiskCache cache) {
        Optional<byte[]> stored = cache.read(RULES_KEY);
        if (stored.isEmpty()) {
            return -1;
        }
        try {
            GaussHermiteRules.preload(stored.get());
            return GaussHermiteRules.count();
        } catch (java.io.IOException damaged) {
            return -1; // recomputed as needed and rewritten after the evaluation
        }
    }
}
