package dev.baton.engine.effect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskState;

/** What the runtime must make happen after a transition. The engine performs none of it. */
public sealed interface Effect {

    /**
     * Send a task's command to the service topic: its input as JSON, or as Avro written with the
     * latest schema of {@code avroSubject} when that is not null.
     */
    record DispatchTask(String topic, TaskState task, String avroSubject) implements Effect {
    }

    /** Append a history event; {@code seq} numbers the instance's events without gaps. */
    record HistoryEvent(long seq, long timestamp, EventType type, String taskId, String taskRef, String taskType,
                        Integer attempt, String status, JsonNode payload, String reason) implements Effect {
    }

    /** Arm a timer that fires at {@code dueAt} (epoch millis). */
    record SetTimer(String timerId, long dueAt) implements Effect {
    }

    /** Disarm a timer set earlier. */
    record CancelTimer(String timerId, long dueAt) implements Effect {
    }
}
