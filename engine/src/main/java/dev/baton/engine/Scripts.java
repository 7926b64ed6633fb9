package dev.baton.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Script and transform evaluation for INLINE, LAMBDA, JavaScript SWITCH cases, DO_WHILE
 * conditions and JSON_JQ_TRANSFORM. Implementations run sandboxed and bounded in time; they do
 * no I/O, so the engine stays pure.
 */
public interface Scripts {
    /** Evaluates a JavaScript expression with {@code input} bound as {@code $}. */
    JsonNode javascript(String expression, JsonNode input) throws ScriptFailure;

    /** Runs a jq program over {@code input}; returns every result. */
    java.util.List<JsonNode> jq(String program, JsonNode input) throws ScriptFailure;

    /** Why a script or transform could not produce a value; the task fails with this message. */
    final class ScriptFailure extends Exception {
        public ScriptFailure(String message) {
            super(message);
        }
    }

    /** For engines built without scripting: every evaluation fails with a clear message. */
    static Scripts unavailable() {
        return new Scripts() {
            @Override
            public JsonNode javascript(String expression, JsonNode input) throws ScriptFailure {
                throw new ScriptFailure("JavaScript evaluation is not available in this engine");
            }

            @Override
            public java.util.List<JsonNode> jq(String program, JsonNode input) throws ScriptFailure {
                throw new ScriptFailure("jq is not available in this engine");
            }
        };
    }
}
