package dev.baton.bench;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives a {@link Target}: closed loop (keep N instances in flight; measures the highest
 * throughput) or open loop (start at a fixed rate whatever happens; measures latency at that
 * rate, from each instance's intended start time, so a stall is not hidden).
 */
final class LoadDriver {
    private final Duration warmup;
    private final Duration measure;
    private final Duration drainTimeout;

    LoadDriver(Duration warmup, Duration measure, Duration drainTimeout) {
        this.warmup = warmup;
        this.measure = measure;
        this.drainTimeout = drainTimeout;
    }

    RunResult closedLoop(String label, int steps, Target target, Tracker tracker, int concurrency) {
        String prefix = label + "-c-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        AtomicLong seq = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Runnable startOne = () -> {
            String id = prefix + seq.incrementAndGet();
            tracker.started(id, System.nanoTime());
            target.start(id);
        };
        tracker.onFinish(id -> {
            if (running.get()) {
                startOne.run();
            }
        });
        for (int i = 0; i < concurrency; i++) {
            startOne.run();
        }
        sleep(warmup);
        tracker.takeLatency();
        tracker.takeStepLatency();
        long c0 = tracker.completed();
        long f0 = tracker.failed();
        long cpu0 = Cpu.processNanos();
        long t0 = System.nanoTime();
        sleep(measure);
        long c1 = tracker.completed();
        long f1 = tracker.failed();
        long cpu1 = Cpu.processNanos();
        long t1 = System.nanoTime();
        Histogram latency = tracker.takeLatency();
        Histogram stepLatency = tracker.takeStepLatency();
        running.set(false);
        long unfinished = drain(tracker);
        double secs = (t1 - t0) / 1e9;
        return new RunResult(
                label,
                "closed-loop " + concurrency + " in flight",
                steps,
                secs,
                c1 - c0,
                latency,
                stepLatency,
                f1 - f0,
                unfinished,
                cpu(cpu0, cpu1, t1 - t0));
    }

    RunResult openLoop(String label, int steps, Target target, Tracker tracker, int rate) {
        String prefix = label + "-o-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long total = (long) rate * (warmup.toSeconds() + measure.toSeconds());
        long begin = System.nanoTime();
        long windowStart = begin + warmup.toNanos();
        boolean windowOpen = false;
        long c0 = 0;
        long f0 = 0;
        long cpu0 = 0;
        for (long i = 0; i < total; ) {
            long due = begin + (long) (i * (1e9 / rate));
            long now = System.nanoTime();
            if (!windowOpen && now >= windowStart) {
                windowOpen = true;
                tracker.takeLatency();
                tracker.takeStepLatency();
                c0 = tracker.completed();
                f0 = tracker.failed();
                cpu0 = Cpu.processNanos();
            }
            if (due > now) {
                LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                continue;
            }
            String id = prefix + i;
            tracker.started(id, due);
            target.start(id);
            i++;
        }
        long end = begin + (long) (total * (1e9 / rate));
        long wait = end - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        long t1 = System.nanoTime();
        long c1 = tracker.completed();
        long cpu1 = Cpu.processNanos();
        long unfinished = drain(tracker);
        Histogram latency = tracker.takeLatency();
        Histogram stepLatency = tracker.takeStepLatency();
        double secs = (t1 - windowStart) / 1e9;
        return new RunResult(
                label,
                "open-loop " + rate + "/s",
                steps,
                secs,
                c1 - c0,
                latency,
                stepLatency,
                tracker.failed() - f0,
                unfinished,
                cpu(cpu0, cpu1, t1 - windowStart));
    }

    /** Waits until nothing the run started is in flight (or the drain timeout); returns what is left. */
    private long drain(Tracker tracker) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (tracker.inFlight() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        return tracker.inFlight();
    }

    private static double cpu(long cpu0, long cpu1, long wallNanos) {
        return cpu0 < 0 || cpu1 < 0 ? -1 : (double) (cpu1 - cpu0) / wallNanos;
    }

    static void sleep(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
