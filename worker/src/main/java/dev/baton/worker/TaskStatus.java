package dev.baton.worker;

/** Status a service reports for a task attempt; sent as the {@code baton-status} reply header. */
public enum TaskStatus {
    /** The task finished; the reply value is its output. */
    COMPLETED,
    /** The attempt failed; the orchestrator may retry according to the task definition. */
    FAILED,
    /** The task failed and must not be retried. */
    FAILED_WITH_TERMINAL_ERROR,
    /** The task is still running; the service wants to be called again later. */
    IN_PROGRESS
}
