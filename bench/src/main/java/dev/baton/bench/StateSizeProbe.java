package dev.baton.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures instance state per workload: the serialized instance in the local instance store
 * (largest seen while one of its tasks ran, and once COMPLETED) and the snapshots on baton.state.
 */
final class StateSizeProbe {
    private static final int INSTANCES = 20;

    private StateSizeProbe() {}

    static void run(BatonStack stack, Iterable<Workload> workloads, String encoding, PrintStream out) {
        for (Workload w : workloads) {
            Tracker t = new Tracker();
            stack.observer.track(t);
            AtomicInteger maxRunning = new AtomicInteger(-1);
            stack.echo().sampler(id -> maxRunning.accumulateAndGet(stack.storedBytes(id), Math::max));
            Target target = stack.target(w);
            long stepsBefore = stack.runtime.metrics().transitions();
            long storeBefore = stack.runtime.metrics().storeBytes();
            long recordsBefore = stack.runtime.metrics().recordBytes();
            for (int i = 0; i < INSTANCES; i++) {
                String id = "size-" + w.label() + "-" + i + "-" + System.nanoTime();
                t.started(id, System.nanoTime());
                target.start(id);
            }
            target.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (t.inFlight() > 0 && System.nanoTime() < deadline) {
                LoadDriver.sleep(Duration.ofMillis(20));
            }
            long steps = Math.max(1, stack.runtime.metrics().transitions() - stepsBefore);
            long stored = stack.runtime.metrics().storeBytes() - storeBefore;
            long records = stack.runtime.metrics().recordBytes() - recordsBefore;
            out.println("state " + w.label() + ": written per step " + Format.bytes(stored / steps) + " to the stores"
                    + " (their changelogs) + " + Format.bytes(records / steps)
                    + " to topics (commands, events, snapshots) = "
                    + Format.bytes((stored + records) / steps) + " over " + steps + " steps");
            stack.echo().sampler(null);
            stack.observer.track(null);
            int completed = stack.storedBytes(stack.observer.lastCompleted(w.workflow()));
            SizeStats.Summary running = stack.observer.sizes().get(w.workflow() + " RUNNING");
            SizeStats.Summary done = stack.observer.sizes().get(w.workflow() + " COMPLETED");
            long snapshotsPerInstance =
                    done.count() == 0 ? 0 : Math.round((double) (running.count() + done.count()) / done.count());
            out.println("state " + w.label() + ": instance store (engine JSON) RUNNING " + bytes(maxRunning.get())
                    + " (largest seen while a task ran), COMPLETED " + bytes(completed)
                    + "; baton.state snapshot (" + encoding + ") RUNNING avg " + Format.bytes(running.average())
                    + " max " + Format.bytes(running.max()) + ", COMPLETED avg " + Format.bytes(done.average())
                    + " max " + Format.bytes(done.max()) + "; ~" + snapshotsPerInstance + " snapshots per instance"
                    + (t.inFlight() > 0 ? " (" + t.inFlight() + " of " + INSTANCES + " did not finish)" : ""));
        }
    }

    private static String bytes(int b) {
        return b < 0 ? "n/a" : Format.bytes(b);
    }
}
