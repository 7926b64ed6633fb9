package dev.baton.orchestrator.ops;

import io.micronaut.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How the Kafka Streams state maps onto the probes. Ready only when RUNNING (not while created,
 * rebalancing or restoring state, which Streams does while REBALANCING). Alive unless the client
 * is failing or shutting down (PENDING_ERROR, ERROR, PENDING_SHUTDOWN, NOT_RUNNING): a runtime that
 * is still starting is alive. A node that does not run the runtime is both.
 */
public final class StreamsHealth {
    /** The state reported before the runtime exists. */
    public static final String NOT_CREATED = "NOT_CREATED";
    /** The state reported on a node that does not run the runtime. */
    public static final String DISABLED = "DISABLED";

    private StreamsHealth() {}

    public static HealthStatus readiness(StreamsStateSource source) {
        if (!source.enabled()) {
            return HealthStatus.UP;
        }
        boolean running =
                source.state().filter(s -> s == KafkaStreams.State.RUNNING).isPresent();
        boolean threads = source.threads().map(t -> t.ready()).orElse(true);
        return running && threads ? HealthStatus.UP : HealthStatus.DOWN;
    }

    public static HealthStatus liveness(StreamsStateSource source) {
        if (!source.enabled()) {
            return HealthStatus.UP;
        }
        Optional<KafkaStreams.State> state = source.state();
        if (state.isEmpty()) {
            return HealthStatus.UP;
        }
        if (!source.threads().map(t -> t.alive()).orElse(true)) {
            return HealthStatus.DOWN; // a stream thread keeps dying: only a restart gets out of that
        }
        return switch (state.get()) {
            case CREATED, REBALANCING, RUNNING -> HealthStatus.UP;
            default -> HealthStatus.DOWN;
        };
    }

    /** The details shown with either probe: the Streams state by name. */
    public static Map<String, Object> details(StreamsStateSource source) {
        String state =
                !source.enabled() ? DISABLED : source.state().map(Enum::name).orElse(NOT_CREATED);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state);
        source.threads().ifPresent(t -> {
            details.put("threadReplacements", t.recentDeaths());
            details.put("threadReplacementsTotal", t.totalDeaths());
        });
        source.restore().ifPresent(r -> {
            // a node may be RUNNING while some of its stores are still being restored
            details.put("storesRestoring", r.restoringNow());
            details.put("recordsToRestore", r.remainingRecords());
            details.put("recordsRestored", r.restoredRecords());
        });
        return details;
    }
}
