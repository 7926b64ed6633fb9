package dev.baton.registry.builtin;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The durable, ordered log behind a {@link BuiltInSchemaRegistry}: a compacted Kafka topic in
 * production ({@link BuiltInSchemaRegistry#start(BuiltInRegistryConfig)}), a list in memory for
 * tests ({@link InMemoryRegistryLog}). Every record, whoever wrote it, is handed to the applier
 * in log order.
 */
public interface RegistryLog extends AutoCloseable {

    /**
     * Replays the log into the applier, returns once it is caught up, and keeps applying new
     * records afterwards.
     *
     * @param applier receives every record in log order (on a background thread for Kafka)
     */
    void start(Consumer<LogRecord> applier);

    /**
     * Runs the planner with exclusive write access among all writers of the log, after every
     * record committed so far has been applied; appends the records it returns atomically and
     * returns once they have been applied. If another writer interfered, the planner runs again
     * on the newer state. Exceptions thrown by the planner propagate and nothing is written.
     *
     * @param planner returns the records to append (empty for none)
     */
    void appendExclusive(Supplier<List<LogRecord>> planner);

    /** Waits until every record committed to the log so far has been applied. */
    void catchUp();

    @Override
    void close();
}
