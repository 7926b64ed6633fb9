package dev.baton.samples;

import dev.baton.worker.TaskContext;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injected faults of a sample service: a failure rate (0.0–1.0) and a latency. With a seed, the
 * decision for a (service, workflow, task, attempt) is a pure function of them, so a run can be
 * repeated regardless of thread scheduling; without a seed it is random.
 *
 * @param failureRate   probability that an attempt fails (retryable FAILED reply)
 * @param latencyMillis delay before each command is handled
 * @param seed          seed for deterministic decisions, or null for random ones
 */
public record FaultPolicy(double failureRate, long latencyMillis, Long seed) {

    /** No failures, no latency. */
    public static final FaultPolicy NONE = new FaultPolicy(0.0, 0, null);

    public FaultPolicy {
        if (Double.isNaN(failureRate) || failureRate < 0.0 || failureRate > 1.0) {
            throw new IllegalArgumentException("failure rate must be within 0.0..1.0: " + failureRate);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency must be >= 0: " + latencyMillis);
        }
    }

    /** Whether this attempt of {@code service} should fail. */
    public boolean shouldFail(String service, TaskContext ctx) {
        if (failureRate <= 0.0) {
            return false;
        }
        if (failureRate >= 1.0) {
            return true;
        }
        double draw = seed == null
                ? ThreadLocalRandom.current().nextDouble()
                : new SplittableRandom(seed
                                ^ fnv64(service
                                        + '\u0000'
                                        + ctx.workflowId()
                                        + '\u0000'
                                        + ctx.taskId()
                                        + '\u0000'
                                        + ctx.attempt()))
                        .nextDouble();
        return draw < failureRate;
    }

    /** Sleeps for the configured latency. */
    public void delay() throws InterruptedException {
        if (latencyMillis > 0) {
            Thread.sleep(latencyMillis);
        }
    }

    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
