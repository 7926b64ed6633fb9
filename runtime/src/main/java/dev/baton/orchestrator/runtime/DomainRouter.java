package dev.baton.orchestrator.runtime;

import dev.baton.engine.dispatch.TaskDomains;
import dev.baton.worker.PollerRecords;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Picks the domain of a task at dispatch, as Conductor does when it schedules one: the first of
 * its domains with an active worker, a domain being active while a worker has polled it (over
 * HTTP, or a Kafka worker's announcement on {@code baton.pollers}) in the last
 * {@value #ACTIVE_WORKER_MS} ms, Conductor's {@code activeWorkerLastPollTimeout}.
 */
final class DomainRouter {
    static final long ACTIVE_WORKER_MS = 10_000;

    private final ReadOnlyKeyValueStore<String, byte[]> polls;

    /** @param polls the global store of {@code baton.pollers}, or null (no domain is active) */
    DomainRouter(ReadOnlyKeyValueStore<String, byte[]> polls) {
        this.polls = polls;
    }

    /** The domain the task goes to (null: the default queue). */
    String domain(String taskName, List<String> candidates, long now) {
        if (candidates.isEmpty()) {
            return null;
        }
        if (!TaskDomains.dependsOnWorkers(candidates)) {
            return TaskDomains.choose(candidates, d -> false);
        }
        return TaskDomains.choose(candidates, d -> active(taskName, d, now));
    }

    private boolean active(String taskName, String domain, long now) {
        if (polls == null) {
            return false;
        }
        PollerRecords.Poll p = PollerRecords.read(polls.get(PollerRecords.key(taskName, domain)));
        return p != null && p.lastPollTime() > now - ACTIVE_WORKER_MS;
    }
}
