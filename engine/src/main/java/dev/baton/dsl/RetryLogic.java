package dev.baton.dsl;

/** How the delay between task attempts grows (Conductor's retryLogic). */
public enum RetryLogic {
    FIXED,
    EXPONENTIAL_BACKOFF,
    LINEAR_BACKOFF
}
