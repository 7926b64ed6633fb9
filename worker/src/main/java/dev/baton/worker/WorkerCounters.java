package dev.baton.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by a worker's threads. */
final class WorkerCounters {
    final AtomicLong replied = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong poison = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();

    void replied(int n) {
        replied.addAndGet(n);
    }

    void skipped(int n) {
        skipped.addAndGet(n);
    }

    void poison(int n) {
        poison.addAndGet(n);
    }

    void aborted() {
        aborted.incrementAndGet();
    }
}
