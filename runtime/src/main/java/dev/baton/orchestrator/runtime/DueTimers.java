package dev.baton.orchestrator.runtime;

/**
 * What one partition's timer punctuator has to read, so that it does not read the timer store
 * every time. The store is keyed by due time; a timer is deleted when it fires or is cancelled,
 * and RocksDB keeps each deletion as a tombstone until a compaction. A range scan from the start
 * of the store walks every tombstone before the first live timer, and a task's response timeout
 * that its worker answered in time leaves one tombstone: under load, tens of thousands of them
 * lay between "now" and the next live timer, and scanning them every 100 ms was most of the
 * stream thread's work.
 *
 * <p>So the punctuator scans only when a timer may be due ({@link #worthScanning}), and only
 * from where the last scan ended ({@link #scanFrom}). Every timer this partition puts goes
 * through {@link #put}, which moves both marks back when it is due earlier. Cancelling a timer
 * does not move them: a scan that then finds nothing due costs one look. Not thread-safe: one per
 * stream task, used by its stream thread. A new instance (after a restart or a rebalance) scans
 * the whole store once.
 */
final class DueTimers {
    /** Every timer due before this has fired or was deleted. */
    private long scanFrom;
    /** No timer is due before this. */
    private long nextDue;
    /** The earliest due time put since the current scan began (Long.MAX_VALUE: none). */
    private long putDuringScan = Long.MAX_VALUE;

    /** A timer due at {@code dueAt} was put in the store. */
    void put(long dueAt) {
        scanFrom = Math.min(scanFrom, dueAt);
        nextDue = Math.min(nextDue, dueAt);
        putDuringScan = Math.min(putDuringScan, dueAt);
    }

    /** Whether a timer may be due at {@code now}. */
    boolean worthScanning(long now) {
        return now >= nextDue;
    }

    /** Where a scan starts: the due time of the earliest timer that may still be in the store. */
    long scanFrom() {
        return scanFrom;
    }

    /** A scan begins (call before reading the store). */
    void scanning() {
        putDuringScan = Long.MAX_VALUE;
    }

    /**
     * The scan fired every timer due up to {@code firedUpTo} (inclusive) and the first timer it
     * left in the store is due at {@code nextInStore} (Long.MAX_VALUE: none). Timers put while it
     * fired (a fired step can set new ones) count too.
     */
    void scanned(long firedUpTo, long nextInStore) {
        long from = firedUpTo == Long.MAX_VALUE ? Long.MAX_VALUE : firedUpTo + 1;
        scanFrom = Math.min(from, putDuringScan);
        nextDue = Math.min(nextInStore, putDuringScan);
        putDuringScan = Long.MAX_VALUE;
    }
}
