package dev.baton.engine.model;

/** Conductor's task statuses. */
public enum TaskStatus {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    COMPLETED_WITH_ERRORS,
    FAILED,
    FAILED_WITH_TERMINAL_ERROR,
    TIMED_OUT,
    CANCELED,
    SKIPPED;

    public boolean isTerminal() {
        return this != SCHEDULED && this != IN_PROGRESS;
    }

    /** Whether the workflow may move past a task that ended this way. */
    public boolean isSuccessful() {
        return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == SKIPPED;
    }
}
