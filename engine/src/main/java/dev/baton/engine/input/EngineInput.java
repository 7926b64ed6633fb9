package dev.baton.engine.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;

/** Everything that can happen to a workflow instance. Each kind has one processor. */
public sealed interface EngineInput {

    /** Start a new instance of a definition. */
    record Start(String workflowId, WorkflowDef definition, ObjectNode input, String correlationId,
                 String parentWorkflowId, String parentTaskId) implements EngineInput {
    }

    /** A service's reply for one task attempt. */
    record TaskResult(String taskId, Integer attempt, ReplyStatus status, ObjectNode output, String reason,
                      Long callbackAfterSeconds) implements EngineInput {
    }

    /** A timer the engine set earlier is due. */
    record TimerFired(String timerId) implements EngineInput {
    }

    record Pause(String reason) implements EngineInput {
    }

    record Resume(String reason) implements EngineInput {
    }

    record Terminate(String reason) implements EngineInput {
    }

    /** The status a service reports for a task attempt. */
    enum ReplyStatus {
        COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR, IN_PROGRESS
    }
}
