package dev.baton.engine.script;

/**
 * Thrown inside an evaluation when a {@link Budget} runs out. An {@link Error} on purpose: Rhino
 * neither lets JavaScript {@code catch} it nor runs {@code finally} blocks for it, and jq's
 * {@code try} only catches query exceptions, so a program cannot swallow its own time limit.
 */
final class LimitExceeded extends Error {
    private static final long serialVersionUID = 1L;

    final ScriptException.Kind kind;

    LimitExceeded(ScriptException.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }
}
