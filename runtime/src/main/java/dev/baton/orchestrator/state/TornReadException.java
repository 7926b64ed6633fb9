package dev.baton.orchestrator.state;

/**
 * A read met a step in progress: the stores held records of a later step than the header read (or
 * not the records the header counts). Another read a moment later sees a whole step. The
 * processor, the only writer, never meets this; a query reading beside it can.
 */
public final class TornReadException extends RuntimeException {
    TornReadException(String workflowId) {
        super("workflow " + workflowId + " was being written while it was read");
    }
}
