package dev.baton.registry.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link RegistryLog} held in memory (tests, single-process tools). One instance may be shared
 * by several registries, which then see each other's writes immediately. Not compacted.
 */
public final class InMemoryRegistryLog implements RegistryLog {

    private final List<LogRecord> records = new ArrayList<>();
    private final List<Consumer<LogRecord>> appliers = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void start(Consumer<LogRecord> applier) {
        records.forEach(applier);
        appliers.add(applier);
    }

    @Override
    public synchronized void appendExclusive(Supplier<List<LogRecord>> planner) {
        for (LogRecord r : planner.get()) {
            records.add(r);
            appliers.forEach(a -> a.accept(r));
        }
    }

    @Override
    public void catchUp() {
        // always caught up
    }

    /** @return a copy of every record appended so far, in order */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        appliers.clear();
    }
}
