package dev.baton.orchestrator.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When to ask Kafka Streams for a commit right after a record instead of waiting for the commit interval.
 *
 * <p>Under exactly-once nothing a step writes is visible before its transaction commits, so each hop of a
 * workflow waits on average half the commit interval. While this node is lightly loaded (fewer records per second
 * than the threshold, over the last and the current tenth of a second), a record asks for a commit, which Kafka
 * Streams carries out as soon as its processing loop ends — at most one ask per {@link #GAP_MS} (a record that comes
 * sooner rides with the next ask or the interval): a step is visible within a few milliseconds, and a commit, a
 * transaction with markers on every partition it touched, still carries what a few milliseconds brought. Under load
 * the commit interval batches as before, so commits stay bounded. Shared by the processors of a node; a race
 * between threads only moves a request by one record.
 */
public final class EagerCommits {

    static final long WINDOW_MS = 100;
    /** The least time between two asks. */
    static final long GAP_MS = 5;

    private final long belowPerWindow;
    private final AtomicLong window = new AtomicLong(-1);
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong previous = new AtomicLong();
    private final AtomicLong lastAsk = new AtomicLong(Long.MIN_VALUE / 2);

    /** @param belowPerSecond records per second under which records ask for a commit; 0 never asks */
    public EagerCommits(long belowPerSecond) {
        this.belowPerWindow = belowPerSecond <= 0 ? 0 : Math.max(1, belowPerSecond * WINDOW_MS / 1000);
    }

    /** Never asks: commits follow the commit interval only. */
    public static EagerCommits off() {
        return new EagerCommits(0);
    }

    /**
     * Counts one record processed at {@code nowMs}; whether it should be committed at once. A record whose step wrote
     * nothing anyone waits on ({@code awaited} false: say a worker's "polled", which only moves its task to
     * IN_PROGRESS) is counted for the rate but never asks, so it leaves the gap to the next record that matters.
     */
    public boolean afterRecord(long nowMs, boolean awaited) {
        if (belowPerWindow == 0) {
            return false;
        }
        long w = nowMs / WINDOW_MS;
        long seen = window.get();
        if (w != seen && window.compareAndSet(seen, w)) {
            long ended = current.getAndSet(0);
            previous.set(w == seen + 1 ? ended : 0);
        }
        long n = current.incrementAndGet();
        if (!awaited || n > belowPerWindow || previous.get() >= belowPerWindow) {
            return false;
        }
        long last = lastAsk.get();
        return nowMs - last >= GAP_MS && lastAsk.compareAndSet(last, nowMs);
    }
}
