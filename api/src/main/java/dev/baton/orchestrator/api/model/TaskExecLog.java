package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Conductor's {@code TaskExecLog}: one line a worker logged for a task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskExecLog(String log, String taskId, long createdTime) {}
