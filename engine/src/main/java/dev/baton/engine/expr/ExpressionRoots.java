package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the first path segment of every {@code ${...}} expression in a template (what it reads). */
final class ExpressionRoots {
    private static final Pattern EXPRESSION = Pattern.compile("(\\$?)\\$\\{([^}]*)}");

    private ExpressionRoots() {}

    /** Adds the roots of every expression in {@code template}; false when some root is not a plain name. */
    static boolean collect(JsonNode template, Set<String> roots) {
        if (template == null) {
            return true;
        }
        if (template.isTextual()) {
            Matcher m = EXPRESSION.matcher(template.asText());
            while (m.find()) {
                if (m.group(1).isEmpty() && !root(m.group(2), roots)) {
                    return false;
                }
            }
            return true;
        }
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> e : template.properties()) {
                if (!collect(e.getValue(), roots)) {
                    return false;
                }
            }
            return true;
        }
        if (template.isArray()) {
            for (JsonNode v : template) {
                if (!collect(v, roots)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first segment of one expression body: {@code a.b}, {@code $.a.b}, {@code a[0]}, {@code $['a']}. */
    static boolean root(String expression, Set<String> roots) {
        String e = expression.strip();
        if (e.isEmpty()) {
            return true;
        }
        if (e.startsWith("$")) {
            e = e.substring(1);
            if (e.startsWith(".") && !e.startsWith("..")) {
                e = e.substring(1);
            } else if (!e.startsWith("[")) {
                return e.isEmpty();
            }
        }
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            if (end < 3) {
                return false;
            }
            String quoted = e.substring(1, end).strip();
            if (quoted.length() < 2
                    || (quoted.charAt(0) != '\'' && quoted.charAt(0) != '"')
                    || quoted.charAt(quoted.length() - 1) != quoted.charAt(0)
                    || quoted.indexOf(',') >= 0) {
                return false;
            }
            roots.add(quoted.substring(1, quoted.length() - 1));
            return true;
        }
        int end = 0;
        while (end < e.length() && e.charAt(end) != '.' && e.charAt(end) != '[') {
            end++;
        }
        String name = e.substring(0, end).strip();
        if (name.isEmpty() || name.contains("*") || name.contains("?") || name.contains("(")) {
            return false;
        }
        roots.add(name);
        return true;
    }
}
