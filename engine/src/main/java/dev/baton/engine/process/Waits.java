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
        // as Conductor, the task's callbackAfterSeconds shows how long it waits: the duration, the time left until the
        // date, or (a wait for a signal) Integer.MAX_VALUE; a time that does not parse fails the task, in its words
        if (duration != null && !duration.isBlank()) {
            Duration wait;
            try {
                wait = parseDuration(duration);
            } catch (IllegalArgumentException e) {
                failed(s, t, "Not valid duration: " + duration);
                return;
            }
            t.callbackAfterSeconds = wait.getSeconds();
            s.setTimer(TIMER + t.taskId, s.now + wait.toMillis());
        } else if (until != null && !until.isBlank()) {
            long at;
            try {
                at = parseUntil(until);
            } catch (IllegalArgumentException e) {
                failed(s, t, "Invalid/Unsupported Wait Until format.  Provided: " + until);
                return;
            }
            t.callbackAfterSeconds = Math.max(0, (at - s.now) / 1000);
            s.setTimer(TIMER + t.taskId, Math.max(s.now, at));
        } else {
            t.callbackAfterSeconds = Integer.MAX_VALUE;
        }
    }

    private static void failed(Step s, TaskState t, String reason) {
        Decider.finishTask(s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, reason);
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
