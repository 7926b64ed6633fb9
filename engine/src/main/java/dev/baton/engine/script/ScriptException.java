package dev.baton.engine.script;

/**
 * A script or jq program could not produce a value. The message is meant for a task's
 * {@code reasonForIncompletion}: it names what went wrong (syntax error with its line, the
 * script's own error, or the limit that was exceeded) without Java internals.
 */
public class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why evaluation stopped. */
    public enum Kind {
        /** The source does not compile (JavaScript syntax error, jq parse error). */
        SYNTAX,
        /** The program ran and failed: a thrown error, a type error, a jq {@code error}. */
        RUNTIME,
        /** The evaluation ran out of time ({@link ScriptLimits#timeout()}). */
        TIMEOUT,
        /** Another limit of {@link ScriptLimits} was exceeded (instructions, memory, sizes, depth). */
        LIMIT
    }

    private final Kind kind;

    public ScriptException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ScriptException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why evaluation stopped. */
    public Kind kind() {
        return kind;
    }
}
