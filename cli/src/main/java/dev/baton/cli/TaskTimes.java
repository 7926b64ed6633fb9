package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Which of a Conductor Task's or Workflow's timestamps tells when it reached its current status. */
final class TaskTimes {
    private TaskTimes() {}

    /** The task's last change: updateTime, else the latest of its other times (epoch ms, 0 if none). */
    static long updated(JsonNode task) {
        long update = Json.millis(task, "updateTime");
        if (update > 0) {
            return update;
        }
        return Math.max(
                Json.millis(task, "endTime"),
                Math.max(Json.millis(task, "startTime"), Json.millis(task, "scheduledTime")));
    }

    /** When the task reached this status: scheduled, started or ended time, else its last update. */
    static long reached(JsonNode task, String status) {
        long t = switch (status == null ? "" : status) {
            case "SCHEDULED" -> Json.millis(task, "scheduledTime");
            case "IN_PROGRESS" -> Json.millis(task, "startTime");
            default -> Json.millis(task, "endTime");
        };
        return t > 0 ? t : updated(task);
    }

    /** When the workflow reached this status: started for RUNNING (first seen), ended when over, else updated. */
    static long reachedWorkflow(JsonNode wf, String status, boolean firstSeen) {
        long t = switch (status == null ? "" : status) {
            case "RUNNING" -> firstSeen ? Json.millis(wf, "startTime") : 0;
            case "COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT" -> Json.millis(wf, "endTime");
            default -> 0;
        };
        if (t > 0) {
            return t;
        }
        long update = Json.millis(wf, "updateTime");
        return update > 0 ? update : Json.millis(wf, "startTime");
    }
}
