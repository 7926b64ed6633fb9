package dev.baton.server;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a manifest that the Kubernetes model did not recognise. Fabric8's model classes keep
 * what they do not know in {@code additionalProperties} instead of failing: a misspelled
 * {@code readinesProbe} would otherwise pass unnoticed.
 */
final class ModelFields {

    private ModelFields() {}

    /** Paths of every unrecognised field under {@code model}, e.g. {@code spec.template.spec.containers[0].readinesProbe}. */
    static List<String> unknown(Object model) {
        List<String> out = new ArrayList<>();
        walk(model, "", out);
        return out;
    }

    private static void walk(Object value, String path, List<String> out) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", out));
            return;
        }
        if (value == null
                || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || value instanceof Quantity
                || value instanceof IntOrString) {
            return; // leaves: a quantity's or a port's value is checked where it is read
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            String name = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            if (name.equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add((path.isEmpty() ? "" : path + ".") + k));
                }
            } else {
                walk(child, (path.isEmpty() ? "" : path + ".") + name, out);
            }
        }
    }
}
