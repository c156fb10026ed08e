package org.feynet.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compact JSON text for the plain values feynet prints (maps with string keys, lists, strings, booleans, null,
 * Integer, Long and finite Double, double and int arrays of any nesting), written exactly as Jackson's default
 * {@code ObjectMapper.writeValueAsString} writes them: no spaces, doubles as {@link Double#toString(double)}.
 * Building an ObjectMapper costs more CPU than a small evaluation, so short commands print through this class;
 * anything outside that set (another type, a non-finite double, a string with a control character, which Jackson
 * escapes in its own way) makes {@link #write} return empty, and the caller falls back to Jackson.
 */
public final class CompactJson {

    private CompactJson() {}

    /** The JSON text of {@code value}, or empty when it holds something outside the set above. */
    public static Optional<String> write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        return append(out, value) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
            return true;
        }
        if (value instanceof String s) {
            return string(out, s);
        }
        if (value instanceof Double d) {
            return number(out, d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(value);
            return true;
        }
        if (value instanceof double[] array) {
            out.append('[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!number(out, array[i])) {
                    return false;
                }
            }
            out.append(']');
            return true;
        }
        if (value instanceof int[] array) {
            out.append('[');
            for (int i = 0; i < array.length; i++) {
                out.append(i > 0 ? "," : "").append(array[i]);
            }
            out.append(']');
            return true;
        }
        if (value instanceof Object[] array) {
            return elements(out, List.of(array));
        }
        if (value instanceof List<?> list) {
            return elements(out, list);
        }
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                out.append(first ? "" : ",");
                first = false;
                if (!string(out, key)) {
                    return false;
                }
                out.append(':');
                if (!append(out, e.getValue())) {
                    return false;
                }
            }
            out.append('}');
            return true;
        }
        return false;
    }

    private static boolean elements(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (!append(out, list.get(i))) {
                return false;
            }
        }
        out.append(']');
        return true;
    }

    private static boolean number(StringBuilder out, double d) {
        if (!Double.isFinite(d)) {
            return false;
        }
        out.append(d);
        return true;
    }

    private static boolean string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                return false;
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
        return true;
    }
}
