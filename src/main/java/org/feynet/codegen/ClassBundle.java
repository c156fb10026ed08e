package org.feynet.codegen;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated class as compiled bytes (with any nested classes), so that it can be kept on disk and loaded again
 * without the code generator or Janino: {@link #instantiate} defines the classes in a fresh class loader whose
 * parent is feynet's, and creates the main class with its no-argument constructor.
 *
 * @param mainClass the binary name of the class to instantiate
 * @param classes   class file bytes by binary name, the main class among them
 */
public record ClassBundle(String mainClass, Map<String, byte[]> classes) {

    private static final int MAGIC = 0x46454e43; // "FENC"

    public ClassBundle {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        if (!classes.containsKey(mainClass)) {
            throw new IllegalArgumentException("the bundle lacks its main class " + mainClass);
        }
    }

    /**
     * A new instance of the main class, which must be a {@code type}.
     *
     * @throws IllegalStateException if the bytes do not define such a class (a damaged or foreign file)
     */
    public <T> T instantiate(Class<T> type) {
        try {
            Object instance = new BundleLoader(classes).loadClass(mainClass).getDeclaredConstructor().newInstance();
            return type.cast(instance);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new IllegalStateException("cannot load " + mainClass + " from its bytes: " + e, e);
        }
    }

    /** The bundle as bytes: magic, main class, count, then (name, length, bytes) per class. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(mainClass);
            out.writeInt(classes.size());
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The bundle {@link #encode} wrote; IOException for anything else (a truncated or foreign file). */
    public static ClassBundle decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a class bundle");
            }
            String main = in.readUTF();
            int count = in.readInt();
            if (count < 1 || count > 10_000) {
                throw new IOException("bad class count " + count);
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IOException("truncated class " + name);
                }
                classes.put(name, in.readNBytes(length));
            }
            if (in.available() != 0 || !classes.containsKey(main)) {
                throw new IOException("damaged class bundle");
            }
            return new ClassBundle(main, classes);
        }
    }

    /** Defines the bundle's classes itself (child first), everything else from feynet's loader. */
    private static final class BundleLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BundleLoader(Map<String, byte[]> classes) {
            super(ClassBundle.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    byte[] b = classes.get(name);
                    c = defineClass(name, b, 0, b.length);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
