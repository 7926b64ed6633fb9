package dev.baton.engine.dispatch;

import dev.baton.dsl.TaskDef;

/**
 * The limits a task definition puts on handing out its tasks (Conductor's {@code concurrentExecLimit}
 * and {@code rateLimitPerFrequency} per {@code rateLimitFrequencyInSeconds}), as they stood when a
 * task was dispatched. Counted per task definition name, across all workflows.
 *
 * @param concurrentExecLimit at most this many tasks of the definition in progress at once; 0: no limit
 * @param rateLimitPerFrequency at most this many tasks handed out per window; 0: no limit
 * @param rateLimitFrequencyInSeconds the window's length (Conductor's default: 1 second)
 */
public record TaskLimits(int concurrentExecLimit, int rateLimitPerFrequency, int rateLimitFrequencyInSeconds) {

    /** The limits a definition sets, or null when it sets none. */
    public static TaskLimits of(TaskDef def) {
        if (def == null) {
            return null;
        }
        int concurrent = positive(def.concurrentExecLimit());
        int perFrequency = positive(def.rateLimitPerFrequency());
        int seconds = def.rateLimitFrequencyInSeconds() == null ? 1 : positive(def.rateLimitFrequencyInSeconds());
        TaskLimits limits = new TaskLimits(concurrent, perFrequency, seconds);
        return limits.concurrencyLimited() || limits.rateLimited() ? limits : null;
    }

    /** Whether the number of tasks in progress is limited. */
    public boolean concurrencyLimited() {
        return concurrentExecLimit > 0;
    }

    /** Whether hand-outs per window are limited (both the count and the window must be set, as in Conductor). */
    public boolean rateLimited() {
        return rateLimitPerFrequency > 0 && rateLimitFrequencyInSeconds > 0;
    }

    /** The rate window in milliseconds. */
    public long windowMillis() {
        return rateLimitFrequencyInSeconds * 1000L;
    }

    private static int positive(Integer value) {
        return value == null || value < 0 ? 0 : value;
    }
}
