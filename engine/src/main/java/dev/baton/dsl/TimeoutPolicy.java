package dev.baton.dsl;

/** What happens when a task or workflow runs out of time (Conductor's timeoutPolicy). */
public enum TimeoutPolicy {
    RETRY,
    TIME_OUT_WF,
    ALERT_ONLY
}
