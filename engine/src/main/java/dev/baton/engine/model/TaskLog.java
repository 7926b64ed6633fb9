package dev.baton.engine.model;

/**
 * One line a worker logged for a task (Conductor's TaskExecLog, without the task id, which is
 * the task's own).
 *
 * @param log         the text
 * @param createdTime when the worker logged it (epoch millis)
 */
public record TaskLog(String log, long createdTime) {}
