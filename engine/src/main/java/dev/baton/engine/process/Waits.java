package dev.baton.engine.process;

import dev.baton.dsl.WaitTimes;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.time.Duration;

/**
 * WAIT: stays IN_PROGRESS for {@code duration} (e.g. "30s", "1h 5m", "2 days"), until
 * {@code until} (e.g. "2026-12-01 09:00", "2026-12-01 09:00 UTC", ISO-8601), or — with neither —
 * until a signal completes it.
 */
final class Waits {
    static final String TIMER = "wait/";

    private Waits() {}

    static void start(Step s, TaskState t) {
        SystemTasks.inProgress(s, t);
        String duration = SystemTasks.text(t.inputData, "duration");
        String until = SystemTasks.text(t.inputData, "until");
        if (duration != null && !duration.isBlank() && until != null && !until.isBlank()) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    "Both 'duration' and 'until' specified. Please provide only one input");
            return;
        }
        try {
            if (duration != null && !duration.isBlank()) {
                s.setTimer(TIMER + t.taskId, s.now + parseDuration(duration).toMillis());
            } else if (until != null && !until.isBlank()) {
                s.setTimer(TIMER + t.taskId, Math.max(s.now, parseUntil(until)));
            }
        } catch (IllegalArgumentException e) {
            Decider.finishTask(s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, e.getMessage());
        }
    }

    /** The wait is over. */
    static void timerFired(Step s, TaskState t) {
        if (t.status == TaskStatus.IN_PROGRESS) {
            Decider.finishTask(s, t, TaskStatus.COMPLETED, t.outputData, null);
        }
    }

    static Duration parseDuration(String text) {
        return WaitTimes.duration(text);
    }

    static long parseUntil(String text) {
        return WaitTimes.until(text);
    }
}
