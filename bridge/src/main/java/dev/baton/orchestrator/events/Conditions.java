package dev.baton.orchestrator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.script.ScriptEvaluator;
import dev.baton.engine.script.ScriptException;
import java.util.Map;

/**
 * Evaluates handler conditions as Conductor does: JavaScript (evaluator type {@code javascript},
 * the default, or {@code graaljs}) with the event payload bound as {@code $}, in the engine's
 * sandbox; the condition holds when the result is {@code true} or a number above zero. The
 * record's headers are visible to the script as {@code headers} (name → text). The evaluator
 * type {@code value-param} takes the payload field named by the condition instead. An empty
 * condition always holds.
 */
public final class Conditions {
    /** Runs before the condition, on the same line so that error line numbers stay the user's. */
    private static final String PRELUDE = "var headers = $.headers; $ = $.payload; ";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ScriptEvaluator javascript;

    public Conditions() {
        this(new ScriptEvaluator());
    }

    public Conditions(ScriptEvaluator javascript) {
        this.javascript = javascript;
    }

    /** A condition that could not be evaluated for a payload. */
    public static final class ConditionException extends Exception {
        public ConditionException(String message) {
            super(message);
        }
    }

    /** Whether {@code condition} holds for the payload (and the record's headers). */
    public synchronized boolean test(
            String condition, String evaluatorType, JsonNode payload, Map<String, String> headers)
            throws ConditionException {
        if (condition == null || condition.isBlank()) {
            return true;
        }
        if ("value-param".equals(evaluatorType)) {
            return truthy(payload == null ? null : payload.get(condition.strip()));
        }
        if (!isJavascript(evaluatorType)) {
            throw new ConditionException("unknown evaluatorType " + evaluatorType);
        }
        ObjectNode input = NODES.objectNode();
        input.set("payload", payload == null ? NODES.nullNode() : payload);
        ObjectNode h = input.putObject("headers");
        if (headers != null) {
            headers.forEach(h::put);
        }
        try {
            return truthy(javascript.evaluate(PRELUDE + condition, input));
        } catch (ScriptException e) {
            throw new ConditionException(e.getMessage());
        }
    }

    /**
     * Why a condition cannot be used, or null: an unknown evaluator type, a syntax error, or a
     * script that exceeds the sandbox's limits even on an empty payload. Errors that depend on
     * the payload (reading a field of undefined...) are not problems here.
     */
    public synchronized String problem(String condition, String evaluatorType) {
        if ("value-param".equals(evaluatorType)) {
            return null;
        }
        if (!isJavascript(evaluatorType)) {
            return "evaluatorType must be javascript, graaljs or value-param";
        }
        ObjectNode input = NODES.objectNode();
        input.putObject("payload");
        input.putObject("headers");
        try {
            javascript.evaluate(PRELUDE + condition, input);
            return null;
        } catch (ScriptException e) {
            return switch (e.kind()) {
                case SYNTAX, TIMEOUT, LIMIT -> "condition is not usable JavaScript: " + e.getMessage();
                case RUNTIME -> null;
            };
        }
    }

    private static boolean isJavascript(String evaluatorType) {
        return evaluatorType == null
                || evaluatorType.isBlank()
                || "javascript".equals(evaluatorType)
                || "graaljs".equals(evaluatorType);
    }

    /** Conductor's rule: true, or a number greater than zero. */
    static boolean truthy(JsonNode result) {
        if (result == null) {
            return false;
        }
        if (result.isBoolean()) {
            return result.booleanValue();
        }
        return result.isNumber() && result.doubleValue() > 0;
    }
}
