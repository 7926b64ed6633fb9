package dev.baton.orchestrator.api;

import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling: how the API waits until an asynchronous change has become visible. */
public final class Waits {
    private Waits() {}

    /**
     * Probes until {@code done} holds or {@code timeoutMs} has passed, backing off from 2 to 25 ms.
     * Returns the last value probed, done or not.
     */
    public static <T> T until(Supplier<T> probe, Predicate<T> done, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long pause = 2;
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            DefinitionStore.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
            pause = Math.min(25, pause * 2);
            value = probe.get();
        }
        return value;
    }
}
