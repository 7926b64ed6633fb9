package dev.baton.orchestrator.state;

/** A state record that cannot be read back: a bug or a damaged store, never a user's input. */
public final class StateCorruptException extends RuntimeException {
    public StateCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}
