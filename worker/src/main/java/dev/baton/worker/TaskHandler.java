package dev.baton.worker;

/**
 * A service's implementation of one task type. Called once per command record; an exception
 * becomes a {@link TaskStatus#FAILED} reply with the exception message as reason.
 */
@FunctionalInterface
public interface TaskHandler {

    /** Runs the task for one command and returns its result (must not be null). */
    TaskResult handle(TaskContext ctx) throws Exception;
}
