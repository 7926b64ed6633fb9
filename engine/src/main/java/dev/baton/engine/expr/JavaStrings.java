package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON values written as Conductor's messages show them: as the {@code toString()} of the Java maps,
 * lists and values Conductor holds them in ({@code {a=1, b=[x, y]}}), and the Java class a value
 * has there.
 */
public final class JavaStrings {
    private JavaStrings() {}

    /** {@code String.valueOf} of the value as Conductor holds it. */
    public static String of(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(JsonNode v, StringBuilder sb) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("null");
        } else if (v.isObject()) {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(e.getKey()).append('=');
                write(e.getValue(), sb);
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(v.get(i), sb);
            }
            sb.append(']');
        } else if (v.isTextual()) {
            sb.append(v.textValue());
        } else {
            sb.append(v.toString()); // numbers and booleans read the same
        }
    }

    /** The Java class of the value as Conductor holds it (for its ClassCastException messages). */
    public static String className(JsonNode v) {
        if (v.isTextual()) {
            return "java.lang.String";
        }
        if (v.isArray()) {
            return "java.util.ArrayList";
        }
        if (v.isBoolean()) {
            return "java.lang.Boolean";
        }
        if (v.isInt()) {
            return "java.lang.Integer";
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? "java.lang.Long" : "java.math.BigInteger";
        }
        return "java.lang.Double";
    }
}
