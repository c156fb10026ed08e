package org.feynet.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.codehaus.janino.SimpleCompiler;
import org.feynet.derive.ActivationCalculus;
import org.feynet.derive.RecursionSystem;
import org.feynet.derive.ResidualSystem;
import org.feynet.model.Closure;
import org.feynet.model.Observable;
import org.feynet.numerics.GeneratedJet;
import org.feynet.numerics.LayerRecursions;
import org.feynet.numerics.ResidualRecursions;

/**
 * The generated code of a derived network: the {@link LayerRecursions} of its order and the {@link GeneratedJet}
 * of its activation, or the {@link ResidualRecursions} of a residual network's closure or exact route. Each comes
 * precompiled from generated/ when a class of that name exists there and its
 * fingerprint matches; otherwise its source is written and compiled in process by Janino (a few milliseconds once
 * warm), in the package {@value #USER_PACKAGE} under a name that ends in its fingerprint, so that a fresh class
 * never collides with a bundled one.
 */
public final class Evaluators {

    /** The package of the committed generated classes. */
    public static final String PACKAGE = "org.feynet.generated";
    /** The package of classes compiled at run time. */
    static final String USER_PACKAGE = "org.feynet.generated.user";

    private static final Map<String, Object> COMPILED = new ConcurrentHashMap<>();

    private Evaluators() {}

    /** The recursions of the system's order. */
    public static LayerRecursions recursions(RecursionSystem system) {
        String name = RecursionsWriter.className(observable(system), system.order());
        String fingerprint = RecursionsWriter.fingerprint(system.order(), system.recursions());
        return bundled(name, LayerRecursions.class, fingerprint, LayerRecursions::fingerprint).orElseGet(() ->
                compiled(name + "_" + fingerprint, LayerRecursions.class, simple -> RecursionsWriter.write(
                        USER_PACKAGE, simple, observable(system), system.order(), system.recursions())));
    }

    /**
     * The generated recursions of a residual closure (G, Gproj, RG, RGM) or of the exact route: the bundled class
     * when its fingerprint matches the closure's {@link ResidualSystem}, otherwise the source compiled by Janino.
     */
    public static ResidualRecursions residual(Closure closure) {
        return residual(ResidualSystem.of(closure));
    }

    /** The recursions of a residual system, bundled only when the committed class has its fingerprint. */
    static ResidualRecursions residual(ResidualSystem system) {
        String name = ResidualWriter.className(system.closure());
        String fingerprint = ResidualWriter.fingerprint(system);
        return bundled(name, ResidualRecursions.class, fingerprint, ResidualRecursions::fingerprint).orElseGet(() ->
                compiled(name + "_" + fingerprint, ResidualRecursions.class,
                        simple -> ResidualWriter.write(USER_PACKAGE, simple, system)));
    }

    /** Whether the residual closure's generated class comes precompiled from generated/ and is current. */
    public static boolean isBundled(Closure closure) {
        ResidualSystem system = ResidualSystem.of(closure);
        return bundled(ResidualWriter.className(closure), ResidualRecursions.class,
                ResidualWriter.fingerprint(system), ResidualRecursions::fingerprint).isPresent();
    }

    /**
     * The sources of the generated classes of every residual closure and of the exact route for generated/, by path
     * relative to it (org/feynet/generated/ResidualRecursionsRG.java, ...): they depend on neither the activation nor P
     * (nor, for the exact route, the depth), so every
     * residual network shares them.
     */
    public static Map<String, String> residualSources() {
        Map<String, String> files = new LinkedHashMap<>();
        String dir = PACKAGE.replace('.', '/') + "/";
        for (Closure closure : Closure.values()) {
            String name = ResidualWriter.className(closure);
            files.put(dir + name + ".java", ResidualWriter.write(PACKAGE, name, ResidualSystem.of(closure)));
        }
        return files;
    }

    /** The derivatives of the system's activation. */
    public static GeneratedJet jet(ActivationCalculus calculus) {
        String name = JetWriter.className(calculus.activation());
        String fingerprint = JetWriter.fingerprint(calculus.activation());
        return bundled(name, GeneratedJet.class, fingerprint, GeneratedJet::fingerprint).orElseGet(() ->
                compiled("Jet_" + fingerprint, GeneratedJet.class,
                        simple -> JetWriter.write(USER_PACKAGE, simple, calculus)));
    }

    /**
     * The recursions of the system's order as class bytes, for the disk cache: the bundled class's bytes when it is
     * current, otherwise the class Janino compiles.
     */
    public static ClassBundle recursionsBundle(RecursionSystem system) {
        String name = RecursionsWriter.className(observable(system), system.order());
        String fingerprint = RecursionsWriter.fingerprint(system.order(), system.recursions());
        if (bundled(name, LayerRecursions.class, fingerprint, LayerRecursions::fingerprint).isPresent()) {
            return bundledBytes(PACKAGE + "." + name);
        }
        String simple = name + "_" + fingerprint;
        return compileToBytes(USER_PACKAGE + "." + simple, RecursionsWriter.write(USER_PACKAGE, simple,
                observable(system), system.order(), system.recursions()));
    }

    /** The derivatives of the activation as class bytes, for the disk cache (as {@link #recursionsBundle}). */
    public static ClassBundle jetBundle(ActivationCalculus calculus) {
        String name = JetWriter.className(calculus.activation());
        String fingerprint = JetWriter.fingerprint(calculus.activation());
        if (bundled(name, GeneratedJet.class, fingerprint, GeneratedJet::fingerprint).isPresent()) {
            return bundledBytes(PACKAGE + "." + name);
        }
        String simple = "Jet_" + fingerprint;
        return compileToBytes(USER_PACKAGE + "." + simple, JetWriter.write(USER_PACKAGE, simple, calculus));
    }

    /** The class file of a bundled class (no nested classes: the writers generate none). */
    private static ClassBundle bundledBytes(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (java.io.InputStream in = Evaluators.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for the bundled " + className);
            }
            return new ClassBundle(className, Map.of(className, in.readAllBytes()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ClassBundle compileToBytes(String className, String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(Evaluators.class.getClassLoader());
        try {
            compiler.cook(source);
        } catch (Exception e) {
            throw new IllegalStateException("the generated class " + className + " did not compile: "
                    + e.getMessage(), e);
        }
        return new ClassBundle(className, compiler.getBytecodes());
    }

    /** Whether both generated classes of the system come precompiled from generated/. */
    public static boolean isBundled(RecursionSystem system) {
        return bundled(RecursionsWriter.className(observable(system), system.order()), LayerRecursions.class,
                RecursionsWriter.fingerprint(system.order(), system.recursions()), LayerRecursions::fingerprint)
                .isPresent()
                && bundled(JetWriter.className(system.activation().activation()), GeneratedJet.class,
                JetWriter.fingerprint(system.activation().activation()), GeneratedJet::fingerprint).isPresent();
    }

    /**
     * The sources of the system's generated classes for generated/, by path relative to it
     * (org/feynet/generated/MetricRecursionsOrder1.java, org/feynet/generated/TanhJet.java).
     */
    public static Map<String, String> sources(RecursionSystem system) {
        Map<String, String> files = new LinkedHashMap<>();
        String dir = PACKAGE.replace('.', '/') + "/";
        String recursions = RecursionsWriter.className(observable(system), system.order());
        files.put(dir + recursions + ".java",
                RecursionsWriter.write(PACKAGE, recursions, observable(system), system.order(), system.recursions()));
        String jet = JetWriter.className(system.activation().activation());
        files.put(dir + jet + ".java", JetWriter.write(PACKAGE, jet, system.activation()));
        return files;
    }

    /** The observable the system's recursions serve: the metric, or the NTK (whose chain includes the metric). */
    private static Observable observable(RecursionSystem system) {
        return system.model().observable();
    }

    private interface Fingerprinted<T> {
        String of(T instance);
    }

    private static <T> Optional<T> bundled(String simpleName, Class<T> type, String fingerprint,
                                           Fingerprinted<T> print) {
        try {
            Object instance = Class.forName(PACKAGE + "." + simpleName).getDeclaredConstructor().newInstance();
            if (type.isInstance(instance) && print.of(type.cast(instance)).equals(fingerprint)) {
                return Optional.of(type.cast(instance));
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError notBundled) {
            return Optional.empty();
        }
    }

    private interface Source {
        String write(String simpleName);
    }

    private static <T> T compiled(String simpleName, Class<T> type, Source source) {
        return type.cast(COMPILED.computeIfAbsent(simpleName, name -> compile(USER_PACKAGE + "." + name,
                source.write(name))));
    }

    static Object compile(String className, String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(Evaluators.class.getClassLoader());
        try {
            compiler.cook(source);
            return compiler.getClassLoader().loadClass(className).getDeclaredConstructor().newInstance();
        } catch (Exception e) {
            throw new IllegalStateException("the generated class " + className + " did not compile: "
                    + e.getMessage(), e);
        }
    }
}
