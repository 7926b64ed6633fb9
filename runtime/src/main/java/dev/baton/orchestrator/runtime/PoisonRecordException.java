package dev.baton.orchestrator.runtime;

/** A record that cannot be applied; it goes to the DLQ with this message as its reason. */
public final class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String reason) {
        super(reason);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
