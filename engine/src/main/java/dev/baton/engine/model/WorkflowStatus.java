package dev.baton.engine.model;

/** Conductor's workflow statuses. */
public enum WorkflowStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    TIMED_OUT,
    TERMINATED,
    PAUSED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == TIMED_OUT || this == TERMINATED;
    }
}
