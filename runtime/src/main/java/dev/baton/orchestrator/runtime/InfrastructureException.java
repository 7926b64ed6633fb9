package dev.baton.orchestrator.runtime;

/**
 * A failure of something Baton depends on (for example the schema registry), not of the record:
 * the transaction aborts and the record is processed again, instead of going to the DLQ.
 */
public final class InfrastructureException extends RuntimeException {
    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
