package dev.baton.orchestrator.api;

import dev.baton.engine.model.WorkflowInstance;

/**
 * Worker tasks that reported IN_PROGRESS with a {@code callbackAfterSeconds} and wait, hidden from
 * polls, until the delay has passed. Served by the task gateway, which holds them.
 */
public interface PostponedTasks {
    /** Makes the workflow's postponed tasks available to polls now (Conductor's resetcallbacks); returns how many. */
    int releaseNow(WorkflowInstance wf);
}
