package dev.baton.engine.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Conductor parameter templates: {@code ${workflow.input.x}}, {@code ${ref.output.y}},
 * with full JSONPath after the first segment. A value that is exactly one expression keeps its
 * JSON type; anything else is interpolated as text; a missing path gives null; {@code $${}
 * escapes a literal {@code ${}.
 */
public final class ParameterResolver {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern EXPRESSION = Pattern.compile("(\\$?)\\$\\{([^}]*)}");
    /** An expression inside another one's braces: {@code ${workflow.input.${workflow.input.key}}}. */
    private static final Pattern NESTED = Pattern.compile("(\\$\\{[^{}]*)\\$\\{([^{}$]*)}");

    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private ParameterResolver() {}

    /** Resolves every value of a template against a context document. */
    public static ObjectNode resolve(ObjectNode template, JsonNode context) {
        ObjectNode out = NODES.objectNode();
        if (template == null) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = template.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), resolveValue(e.getValue(), context));
        }
        return out;
    }

    /** Resolves one template value (object, array or scalar). */
    public static JsonNode resolveValue(JsonNode value, JsonNode context) {
        if (value == null || value.isNull()) {
            return NullNode.getInstance();
        }
        if (value.isObject()) {
            return resolve((ObjectNode) value, context);
        }
        if (value.isArray()) {
            ArrayNode arr = NODES.arrayNode();
            value.forEach(v -> arr.add(resolveValue(v, context)));
            return arr;
        }
        if (value.isTextual()) {
            return resolveText(value.asText(), context);
        }
        return value;
    }

    private static JsonNode resolveText(String text, JsonNode context) {
        if (text.indexOf("${") != text.lastIndexOf("${")) {
            // as Conductor: an inner expression is resolved first, its value written into the outer one
            for (Matcher n = NESTED.matcher(text); n.find(); n = NESTED.matcher(text)) {
                text = text.substring(0, n.start())
                        + n.group(1)
                        + JavaStrings.of(evaluate(n.group(2), context))
                        + text.substring(n.end());
            }
        }
        Matcher m = EXPRESSION.matcher(text);
        if (m.matches() && m.group(1).isEmpty()) {
            // a secret stays written as its reference; it is put in only where the task runs (Secrets)
            return Secrets.isSecret(m.group(2)) ? NODES.textNode(text) : evaluate(m.group(2), context);
        }
        m.reset();
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            changed = true;
            String replacement;
            if (!m.group(1).isEmpty() || Secrets.isSecret(m.group(2))) {
                replacement = "${" + m.group(2) + "}";
            } else {
                JsonNode v = evaluate(m.group(2), context);
                // as Conductor, which writes the Java value into the string: {a=1}, [1, 2]
                replacement = JavaStrings.of(v);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        if (!changed) {
            return NODES.textNode(text);
        }
        m.appendTail(sb);
        return NODES.textNode(sb.toString());
    }

    /** Evaluates one expression body such as {@code workflow.input.x} or {@code t1.output.items[0]}. */
    public static JsonNode evaluate(String expression, JsonNode context) {
        String expr = expression.strip();
        if (expr.isEmpty()) {
            return NullNode.getInstance();
        }
        String path = expr.startsWith("$") ? expr : "$." + expr;
        try {
            JsonPath compiled = COMPILED.computeIfAbsent(path, JsonPath::compile);
            Object v = compiled.read(context, JSONPATH);
            if (v == null) {
                return NullNode.getInstance();
            }
            return v instanceof JsonNode n ? n : MAPPER.valueToTree(v);
        } catch (RuntimeException e) {
            return NullNode.getInstance();
        }
    }
}
