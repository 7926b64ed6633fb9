package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus's comparison rules: objects match as subsets at every depth (or exactly), arrays
 * element by element with equal length, numbers numerically, a JSON null means "present and
 * null", and the {@code $...} matchers stand in for any expected value.
 */
final class JsonMatcher {
    /** Resolves the ids the {@code $taskId}, {@code $workflowId} and {@code $fmt} matchers name. */
    interface Ids {
        /** The id of a named instance, or null. */
        String workflowId(String instanceName);

        /** The id of the latest task with that ref, in instance {@code of} or (null) the expectation's workflow; or null. */
        String taskId(String ref, String of);
    }

    /** One difference: where, what was expected, what was there. */
    record Mismatch(String path, String expected, String actual) {
        @Override
        public String toString() {
            return path + ": expected " + expected + ", actual " + actual;
        }
    }

    static final Set<String> MATCHERS = Set.of(
            "$present",
            "$nullish",
            "$ne",
            "$in",
            "$contains",
            "$fmt",
            "$taskId",
            "$ownTaskId",
            "$workflowId",
            "$length");
    private static final Pattern FMT = Pattern.compile("\\{(taskId|workflowId):([^}]*)}");
    private static final int SHOW = 200;

    private final Ids ids;

    JsonMatcher(Ids ids) {
        this.ids = ids;
    }

    /**
     * Compares {@code actual} ({@code null} = absent) with {@code expected}. {@code ownTaskId} is
     * the id of the task the value belongs to ({@code $ownTaskId}), or null.
     */
    List<Mismatch> match(JsonNode expected, JsonNode actual, String path, boolean exact, String ownTaskId) {
        List<Mismatch> out = new ArrayList<>();
        match(expected, actual, path, exact, ownTaskId, out);
        return out;
    }

    private void match(
            JsonNode expected, JsonNode actual, String path, boolean exact, String ownTaskId, List<Mismatch> out) {
        if (isMatcher(expected)) {
            matcher((ObjectNode) expected, actual, path, ownTaskId, out);
            return;
        }
        if (expected.isNull()) {
            if (actual == null || !actual.isNull()) {
                out.add(new Mismatch(path, "null", show(actual)));
            }
            return;
        }
        if (actual == null) {
            out.add(new Mismatch(path, show(expected), "<absent>"));
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(new Mismatch(path, show(expected), show(actual)));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                match(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey(), exact, ownTaskId, out);
            }
            if (exact) {
                for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!expected.has(k)) {
                        out.add(new Mismatch(path + "." + k, "<absent> (exact match)", show(actual.get(k))));
                    }
                }
            }
            return;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                out.add(new Mismatch(path, show(expected), show(actual)));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(expected.get(i), actual.get(i), path + "[" + i + "]", exact, ownTaskId, out);
            }
            return;
        }
        if (!same(expected, actual)) {
            out.add(new Mismatch(path, show(expected), show(actual)));
        }
    }

    private void matcher(ObjectNode m, JsonNode actual, String path, String ownTaskId, List<Mismatch> out) {
        String name = m.fieldNames().next();
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("$")) {
                name = k;
            }
        }
        JsonNode arg = m.get(name);
        boolean ok;
        String wanted;
        switch (name) {
            case "$present" -> {
                ok = (actual != null && !actual.isNull()) == arg.asBoolean(true);
                wanted = arg.asBoolean(true) ? "present and not null" : "absent or null";
            }
            case "$nullish" -> {
                ok = (actual == null || actual.isNull()) == arg.asBoolean(true);
                wanted = arg.asBoolean(true) ? "absent or null" : "present and not null";
            }
            case "$ne" -> {
                ok = actual == null || !same(arg, actual);
                wanted = "not " + show(arg);
            }
            case "$in" -> {
                ok = false;
                for (JsonNode v : arg) {
                    ok |= actual != null && same(v, actual);
                }
                wanted = "one of " + show(arg);
            }
            case "$contains" -> {
                ok = actual != null && actual.isTextual() && actual.asText().contains(arg.asText());
                wanted = "a string containing " + show(arg);
            }
            case "$fmt" -> {
                String text = format(arg.asText());
                ok = text != null
                        && actual != null
                        && actual.isTextual()
                        && actual.asText().equals(text);
                wanted = text == null
                        ? "(unresolvable " + show(arg) + ")"
                        : show(Corpus.JSON.getNodeFactory().textNode(text));
            }
            case "$taskId" -> {
                String id = ids.taskId(
                        arg.asText(), m.hasNonNull("of") ? m.get("of").asText() : null);
                ok = id != null
                        && actual != null
                        && actual.isTextual()
                        && actual.asText().equals(id);
                wanted = id == null
                        ? "the id of task " + arg.asText() + " (no such task)"
                        : "\"" + id + "\" (task " + arg.asText() + ")";
            }
            case "$ownTaskId" -> {
                ok = ownTaskId != null
                        && actual != null
                        && actual.isTextual()
                        && actual.asText().equals(ownTaskId);
                wanted = "own task id \"" + ownTaskId + "\"";
            }
            case "$workflowId" -> {
                String id = ids.workflowId(arg.asText());
                ok = id != null
                        && actual != null
                        && actual.isTextual()
                        && actual.asText().equals(id);
                wanted = id == null
                        ? "the id of instance " + arg.asText() + " (unknown)"
                        : "\"" + id + "\" (" + arg.asText() + ")";
            }
            case "$length" -> {
                ok = actual != null && actual.isArray() && actual.size() == arg.asInt();
                wanted = "an array of length " + arg.asInt();
            }
            default -> {
                ok = false;
                wanted = "(unsupported matcher " + name + ")";
            }
        }
        if (!ok) {
            out.add(new Mismatch(
                    path,
                    wanted,
                    actual != null && actual.isArray() && name.equals("$length")
                            ? "an array of length " + actual.size()
                            : show(actual)));
        }
    }

    /** The {@code $fmt} template with its ids filled in; null when one does not resolve. */
    String format(String template) {
        Matcher m = FMT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String id = m.group(1).equals("taskId") ? ids.taskId(m.group(2), null) : ids.workflowId(m.group(2));
            if (id == null) {
                return null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(id));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static boolean isMatcher(JsonNode n) {
        if (!n.isObject()) {
            return false;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality with numbers compared by value (1 equals 1.0). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!same(f.getValue(), b.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String show(JsonNode n) {
        if (n == null) {
            return "<absent>";
        }
        String s = n.toString();
        return s.length() > SHOW ? s.substring(0, SHOW) + "...(" + s.length() + " chars)" : s;
    }
}
