package dev.baton.orchestrator.gateway;

import dev.baton.engine.dispatch.TaskLimits;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conductor's rate limit checked at poll time, on this node: a poll hands out no more tasks of a
 * rate-limited type than the window has room for; the rest stay queued. (The limiter already lets
 * commands out no faster than the rate; this keeps a worker that polls after a quiet spell from
 * getting in one poll all that the windows let out meanwhile.)
 */
final class HandOutRate {
    /** Task type → hand-out times of this node within the type's window, oldest first. */
    private final Map<String, ArrayDeque<Long>> handedOut = new ConcurrentHashMap<>();

    /** Reserves up to {@code wanted} hand-outs now; returns how many the window allows. */
    int reserve(String taskType, TaskLimits limits, int wanted, long now) {
        if (limits == null || !limits.rateLimited()) {
            return wanted;
        }
        ArrayDeque<Long> times = handedOut.computeIfAbsent(taskType, t -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - limits.windowMillis()) {
                times.pollFirst();
            }
            int allowed = Math.max(0, Math.min(wanted, limits.rateLimitPerFrequency() - times.size()));
            for (int i = 0; i < allowed; i++) {
                times.addLast(now);
            }
            return allowed;
        }
    }

    /** Gives back {@code unused} of the hand-outs reserved last (their tasks had ended meanwhile). */
    void unreserve(String taskType, int unused) {
        ArrayDeque<Long> times = handedOut.get(taskType);
        if (times == null || unused <= 0) {
            return;
        }
        synchronized (times) {
            for (int i = 0; i < unused && !times.isEmpty(); i++) {
                times.pollLast();
            }
        }
    }
}
