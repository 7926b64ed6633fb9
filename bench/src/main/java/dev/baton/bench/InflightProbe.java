package dev.baton.bench;

import dev.baton.protocol.WorkflowStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Memory with many instances in flight: starts N instances of a workflow whose only task is a
 * WAIT without duration (it waits for a signal), waits until baton.state shows every one RUNNING,
 * then reports the JVM heap in use after a full GC and the size of the RocksDB state directory.
 * Broker, orchestrator and harness share the JVM, so the heap figure includes all three; the
 * difference to the figure before the starts is what the instances cost.
 */
final class InflightProbe {
    /** What the probe measured. */
    record Result(
            int requested,
            int running,
            double seconds,
            long heapBefore,
            long heapAfter,
            long diskBefore,
            long diskAfter,
            int instanceBytes,
            long rss,
            java.util.List<String> waiting) {
        long heapDelta() {
            return heapAfter - heapBefore;
        }
    }

    private InflightProbe() {}

    static Result run(BatonStack stack, int n, PrintStream out) {
        long heap0 = Memory.usedAfterGc();
        long disk0 = stack.stateDirBytes();
        out.println("in-flight probe: heap in use before the starts " + Format.bytes(heap0) + " (after GC; -Xmx "
                + Format.bytes(Memory.max()) + "), state dir " + Format.bytes(disk0) + "; starting " + n
                + " waiting instances...");
        BitSet seen = new BitSet(n);
        AtomicInteger running = new AtomicInteger();
        AtomicReference<String> sample = new AtomicReference<>();
        java.util.Queue<String> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicInteger sampled = new AtomicInteger();
        stack.observer.hook(s -> {
            String c = s.getCorrelationId();
            if (s.getStatus() == WorkflowStatus.RUNNING
                    && Workload.WAIT_WORKFLOW.equals(s.getWorkflowName())
                    && c != null
                    && c.startsWith("w-")) {
                int i = Integer.parseInt(c.substring(2));
                if (!seen.get(i)) {
                    seen.set(i);
                    running.incrementAndGet();
                    sample.compareAndSet(null, s.getWorkflowId());
                    if (sampled.incrementAndGet() <= 16) {
                        waiting.add(s.getWorkflowId()); // instances a later probe may signal
                    }
                }
            }
        });
        long t0 = System.nanoTime();
        long lastPrint = t0;
        for (int i = 0; i < n; i++) {
            stack.client.start(Workload.WAIT_WORKFLOW, null, stack.input(), "w-" + i);
            long now = System.nanoTime();
            if (now - lastPrint > 10_000_000_000L) {
                lastPrint = now;
                progress(out, t0, i + 1, running.get());
            }
        }
        stack.client.flush();
        int lastCount = -1;
        long lastChange = System.nanoTime();
        while (running.get() < n) {
            LoadDriver.sleep(Duration.ofMillis(500));
            long now = System.nanoTime();
            int r = running.get();
            if (r != lastCount) {
                lastCount = r;
                lastChange = now;
            } else if (now - lastChange > Duration.ofSeconds(120).toNanos()) {
                out.println("in-flight probe: no progress for 120 s; measuring with " + r + " running");
                break;
            }
            if (now - lastPrint > 10_000_000_000L) {
                lastPrint = now;
                progress(out, t0, n, r);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        stack.observer.hook(null);
        int r = running.get();
        out.println("in-flight probe: " + r + " of " + n + " RUNNING after " + Format.fixed(secs, 1) + " s ("
                + Math.round(r / secs) + " starts/s)");
        long heap1 = Memory.usedAfterGc();
        long disk1 = stack.stateDirBytes();
        return new Result(
                n,
                r,
                secs,
                heap0,
                heap1,
                disk0,
                disk1,
                stack.storedBytes(sample.get()),
                Memory.rss(),
                java.util.List.copyOf(waiting));
    }

    private static void progress(PrintStream out, long t0, int started, int running) {
        out.println(
                String.format("  [%5.1fs] %d started, %d RUNNING", (System.nanoTime() - t0) / 1e9, started, running));
    }
}
