package dev.baton.orchestrator.events;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the event runner. */
public final class EventMetrics {
    private final LongAdder events = new LongAdder();
    private final LongAdder actions = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final AtomicLong maxLatencyMs = new AtomicLong();
    private final AtomicLong lastLatencyMs = new AtomicLong();

    void event() {
        events.increment();
    }

    void action() {
        actions.increment();
    }

    void conditionFalse() {
        skipped.increment();
    }

    void deadLetter() {
        deadLettered.increment();
    }

    /** Time from an event's record timestamp until its commands were acknowledged by Kafka. */
    void latency(long millis) {
        lastLatencyMs.set(millis);
        maxLatencyMs.accumulateAndGet(millis, Math::max);
    }

    /** Records that matched at least one active handler. */
    public long events() {
        return events.sum();
    }
    /** Commands written for actions. */
    public long actions() {
        return actions.sum();
    }
    /** Handler evaluations whose condition did not hold. */
    public long skipped() {
        return skipped.sum();
    }
    /** Records (or actions) sent to baton.dlq. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    public long lastLatencyMs() {
        return lastLatencyMs.get();
    }

    public long maxLatencyMs() {
        return maxLatencyMs.get();
    }
}
