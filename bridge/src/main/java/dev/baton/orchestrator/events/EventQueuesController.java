package dev.baton.orchestrator.events;

import dev.baton.orchestrator.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conductor's {@code GET /api/admin/queues}: the events the active event handlers listen to, each
 * with the Kafka topics Baton reads it from. A handler is listened to as soon as its creation has
 * returned, so an event listed here is one whose records are acted on.
 */
@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class EventQueuesController {
    private final EventHandlerStore store;

    public EventQueuesController(EventHandlerStore store) {
        this.store = store;
    }

    /** Event name → where it is read from; {@code verbose=true} (queue sizes) is refused: Baton keeps no event queues. */
    @Get("/queues")
    public Map<String, String> queues(@Nullable @QueryValue String verbose) {
        if ("true".equalsIgnoreCase(verbose)) {
            throw ApiException.badField(
                    "verbose",
                    "Baton keeps no event queues to measure: events are read from "
                            + "Kafka topics by a consumer group; its lag is their backlog",
                    verbose);
        }
        Map<String, String> out = new TreeMap<>();
        try {
            store.sync();
            for (EventHandler h : store.all()) {
                if (h.active()) {
                    out.put(h.event(), EventNames.topicsOf(h.event()));
                }
            }
        } catch (EventHandlerStore.UnavailableException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
        return out;
    }
}
