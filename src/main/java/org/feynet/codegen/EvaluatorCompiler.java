package org.feynet.codegen;

import org.codehaus.janino.SimpleCompiler;
import org.feynet.derive.RecursionSystem;
import org.feynet.numerics.MetricEvaluator;

/**
 * Provides the evaluator of a recursion system: the class compiled into feynet from generated/ when one exists
 * for the model and its fingerprint matches, otherwise the freshly written source compiled in process by Janino
 * (a few milliseconds once warm).
 */
public final class EvaluatorCompiler {

    private EvaluatorCompiler() {}

    public static MetricEvaluator evaluator(RecursionSystem system, String sourceDescription) {
        return bundled(system).orElseGet(() -> compile(EvaluatorWriter.PACKAGE + "."
                + EvaluatorWriter.className(system.model().name()), EvaluatorWriter.write(system, sourceDescription)));
    }

    /** Whether the evaluator for this system comes precompiled from generated/. */
    public static boolean isBundled(RecursionSystem system) {
        return bundled(system).isPresent();
    }

    /** The class compiled from generated/ for this model, if there is one with a matching fingerprint. */
    private static java.util.Optional<MetricEvaluator> bundled(RecursionSystem system) {
        String name = EvaluatorWriter.PACKAGE + "." + EvaluatorWriter.className(system.model().name());
        try {
            MetricEvaluator e = (MetricEvaluator) Class.forName(name).getDeclaredConstructor().newInstance();
            return e.fingerprint().equals(EvaluatorWriter.fingerprint(system)) ? java.util.Optional.of(e)
                    : java.util.Optional.empty();
        } catch (ReflectiveOperationException | ClassCastException notBundled) {
            return java.util.Optional.empty();
        }
    }

    static MetricEvaluator compile(String className, String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(EvaluatorCompiler.class.getClassLoader());
        try {
            compiler.cook(source);
            return (MetricEvaluator) compiler.getClassLoader().loadClass(className).getDeclaredConstructor()
                    .newInstance();
        } catch (Exception e) {
            throw new IllegalStateException("the generated evaluator " + className + " did not compile: "
                    + e.getMessage(), e);
        }
    }
}
