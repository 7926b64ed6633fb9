package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.Environment;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conductor's {@code ${workflow.secrets.NAME}} and {@code ${workflow.env.NAME}}. A secret stays written as the
 * reference wherever Baton stores an input, and is put in ({@link #substitute}) only on the copy a task runs with:
 * a system task's evaluation, a worker's poll, an HTTP request. An environment value is resolved when the task is
 * scheduled ({@link #addEnvironment}). Either may name a JSON path into its value ({@code ${workflow.env.CONF.a.b}}).
 */
public final class Secrets {
    static final String SECRETS_PREFIX = "workflow.secrets.";
    private static final String MARK = "${" + SECRETS_PREFIX;
    private static final String ENV_MARK = "workflow.env.";
    private static final Pattern SECRET = Pattern.compile("\\$\\{workflow\\.secrets\\.([^}]+)}");
    private static final Pattern ENV = Pattern.compile("workflow\\.env\\.([^.}\\[\\s]+)(\\.[^}]*)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Secrets() {}

    /** Whether an expression's body is a secret reference (left as written when inputs are resolved). */
    static boolean isSecret(String body) {
        return body.strip().startsWith(SECRETS_PREFIX);
    }

    /**
     * The value with every secret reference replaced by the secret (a reference alone gives the secret itself, one
     * inside a text is written into it; a missing secret is null, or empty inside a text); the very same node when it
     * holds no reference, else a copy: the stored value is never changed.
     */
    public static JsonNode substitute(JsonNode value, Environment environment) {
        if (value == null || !mentions(value, MARK)) {
            return value;
        }
        return replace(value, environment::secret);
    }

    /** As {@link #substitute} for an object. */
    public static ObjectNode substitute(ObjectNode value, Environment environment) {
        return (ObjectNode) substitute((JsonNode) value, environment);
    }

    /**
     * Adds to an expression context ({@code workflow.env}) the environment values the template names, so that its
     * {@code ${workflow.env.NAME}} expressions resolve; nothing when it names none.
     */
    public static void addEnvironment(ObjectNode context, JsonNode template, Environment environment) {
        if (template == null || !mentions(template, ENV_MARK)) {
            return; // the common case, on every task scheduled: a walk over the template's texts, no serialization
        }
        ObjectNode env = NODES.objectNode();
        Matcher m = ENV.matcher(template.toString());
        while (m.find()) {
            String name = m.group(1);
            if (!env.has(name)) {
                env.set(name, valueOf(environment.env(name), m.group(2) != null));
            }
        }
        JsonNode workflow = context.get("workflow");
        if (workflow instanceof ObjectNode w) {
            w.set("env", env);
        }
    }

    private static boolean mentions(JsonNode value, String mark) {
        if (value.isTextual()) {
            return value.textValue().contains(mark);
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (mentions(child, mark)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode replace(JsonNode value, Function<String, String> lookup) {
        if (value.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), replace(e.getValue(), lookup));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(v -> out.add(replace(v, lookup)));
            return out;
        }
        if (!value.isTextual() || !value.textValue().contains(MARK)) {
            return value;
        }
        String text = value.textValue();
        Matcher whole = SECRET.matcher(text);
        if (whole.matches()) {
            return reference(whole.group(1), lookup);
        }
        Matcher m = SECRET.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonNode v = reference(m.group(1), lookup);
            m.appendReplacement(sb, Matcher.quoteReplacement(v.isNull() ? "" : JavaStrings.of(v)));
        }
        m.appendTail(sb);
        return NODES.textNode(sb.toString());
    }

    /** {@code NAME} or {@code NAME.json.path}: the value, or the value read as JSON at that path (null if it is not). */
    private static JsonNode reference(String ref, Function<String, String> lookup) {
        int dot = ref.indexOf('.');
        if (dot < 0) {
            return valueOf(lookup.apply(ref), false);
        }
        JsonNode doc = valueOf(lookup.apply(ref.substring(0, dot)), true);
        return doc.isNull() ? doc : ParameterResolver.evaluate(ref.substring(dot + 1), doc);
    }

    /** A looked-up value: null, the text, or (when a path will read into it) the text parsed as JSON. */
    private static JsonNode valueOf(String value, boolean asJson) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (asJson) {
            try {
                return MAPPER.readTree(value);
            } catch (java.io.IOException e) {
                return NullNode.getInstance();
            }
        }
        return NODES.textNode(value);
    }
}
