package dev.baton.engine.script;

import java.lang.management.ManagementFactory;

/**
 * The running account of one evaluation: work units spent against
 * {@link ScriptLimits#maxInstructions()}, the wall-clock deadline and the bytes the evaluating
 * thread allocated. Confined to the evaluating thread. {@link #tick} is what the sandbox calls
 * every few thousand instructions and before expensive built-ins.
 */
final class Budget {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final ScriptLimits limits;
    private final String what;
    private final long deadline;
    private final long allocatedAtStart;
    private long used;

    Budget(ScriptLimits limits, String what) {
        this.limits = limits;
        this.what = what;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
        this.allocatedAtStart = allocated();
    }

    ScriptLimits limits() {
        return limits;
    }

    /** Spends {@code units} of work and checks time and memory. */
    void tick(long units) {
        used += units;
        if (used > limits.maxInstructions()) {
            throw new LimitExceeded(
                    ScriptException.Kind.LIMIT, what + " exceeded " + limits.maxInstructions() + " instructions");
        }
        if (System.nanoTime() - deadline > 0) {
            throw new LimitExceeded(ScriptException.Kind.TIMEOUT, what + " exceeded " + describe(limits));
        }
        if (THREADS != null && allocated() - allocatedAtStart > limits.maxAllocatedBytes()) {
            throw new LimitExceeded(
                    ScriptException.Kind.LIMIT,
                    what + " exceeded the memory limit of " + limits.maxAllocatedBytes() + " bytes");
        }
    }

    /** The message of a time-out, e.g. "100 ms". */
    static String describe(ScriptLimits limits) {
        long ms = limits.timeout().toMillis();
        return ms > 0 ? ms + " ms" : limits.timeout().toNanos() / 1000 + " µs";
    }

    private static long allocated() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported()
                    && t.isThreadAllocatedMemoryEnabled()) {
                return t;
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot-compatible JVM: the allocation limit is not enforced
        }
        return null;
    }
}
