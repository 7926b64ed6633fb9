package dev.baton.engine.process;

import dev.baton.dsl.TaskDef;

/** Delay before the next attempt of a failed task, following Conductor's retryLogic. */
final class RetryPolicy {
    private RetryPolicy() {}

    /**
     * Milliseconds to wait before attempt {@code retryCount + 1}, capped by maxRetryDelaySeconds;
     * with {@code backoffJitterMs}, plus a spread derived from the task id — so that retries of
     * many workflows do not land at once, while a replay computes the same delay.
     */
    static long delayMillis(TaskDef def, int retryCount, String taskId) {
        long jitter = def.backoffJitterMs() == null || def.backoffJitterMs() <= 0
                ? 0
                : Math.floorMod(taskId.hashCode() * 0x9E3779B1L, def.backoffJitterMs() + 1L);
        return delayMillis(def, retryCount) + jitter;
    }

    /** Milliseconds to wait before attempt {@code retryCount + 1}, without jitter. */
    static long delayMillis(TaskDef def, int retryCount) {
        long base = def.retryDelaySecondsOrDefault();
        long seconds = switch (def.retryLogicOrDefault()) {
            case FIXED -> base;
            case LINEAR_BACKOFF ->
                base * (def.backoffScaleFactor() == null ? 1 : def.backoffScaleFactor()) * (retryCount + 1L);
            case EXPONENTIAL_BACKOFF -> base * (1L << Math.min(retryCount, 30));
        };
        if (def.maxRetryDelaySeconds() != null && def.maxRetryDelaySeconds() > 0) {
            seconds = Math.min(seconds, def.maxRetryDelaySeconds());
        }
        return Math.max(0, seconds) * 1000L;
    }
}
