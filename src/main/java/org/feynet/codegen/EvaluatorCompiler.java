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
        String name = EvaluatorWriter.PACKAGE + "." + EvaluatorWriter.className(system.model().name());
        String expected = EvaluatorWriter.fingerprint(system);
        try {
            MetricEvaluator bundled = (MetricEvaluator) Class.forName(name).getDeclaredConstructor().newInstance();
            if (bundled.fingerprint().equals(expected)) {
                return bundled;
            }
        } catch (ReflectiveOperationException | ClassCastException notBundled) {
            // fall through to compiling the source
        }
        return compile(name, EvaluatorWriter.write(system, sourceDescription));
    }

    /** Whether the evaluator for this system comes precompiled from generated/. */
    public static boolean isBundled(RecursionSystem system) {
        try {
            Class<?> c = Class.forName(EvaluatorWriter.PACKAGE + "." + EvaluatorWriter.className(system.model().name()));
            return ((MetricEvaluator) c.getDeclaredConstructor().newInstance()).fingerprint()
                    .equals(EvaluatorWriter.fingerprint(system));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return false;
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
