package dev.baton.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The instances of one measured run: when each was started, and the start→complete latency
 * (microseconds) and completion count of those that finished. Completions of ids it did not
 * start are ignored, so runs on the same topics do not mix.
 */
final class Tracker {
    private final ConcurrentHashMap<String, Long> started = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(3);
    private final Recorder stepLatency = new Recorder(3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Consumer<String> onFinish = id -> {};

    /** Called after each finish (closed loop: starts the next instance). */
    void onFinish(Consumer<String> callback) {
        this.onFinish = callback;
    }

    void started(String id, long startNanos) {
        started.put(id, startNanos);
    }

    /** Records a finished instance seen at {@code nowNanos}; false if it is not one of ours (or was seen before). */
    boolean finished(String id, boolean ok, long nowNanos) {
        Long t0 = started.remove(id);
        if (t0 == null) {
            return false;
        }
        if (ok) {
            latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nowNanos - t0)));
            completed.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        onFinish.accept(id);
        return true;
    }

    /** Whether the id is one of this run's instances still in flight. */
    boolean isInFlight(String id) {
        return started.containsKey(id);
    }

    /** Latency of one task step as the engine saw it (scheduled → completed), milliseconds. */
    void step(long millis) {
        stepLatency.recordValue(Math.max(0, millis) * 1000);
    }

    int inFlight() {
        return started.size();
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    /** The latencies recorded since the previous call (and starts a new interval). */
    Histogram takeLatency() {
        return latency.getIntervalHistogram();
    }

    Histogram takeStepLatency() {
        return stepLatency.getIntervalHistogram();
    }
}
