package dev.baton.orchestrator.events;

import dev.baton.orchestrator.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.function.Supplier;

/**
 * Conductor's event handler API at {@code /api/event}: create (409 when the name is taken),
 * update (404 when it is not), list, list by event, delete. Writes return once this node sees
 * them, so a following read on the same node includes them.
 */
@Controller("/api/event")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
@Produces(MediaType.APPLICATION_JSON)
public class EventController {
    private final EventHandlerStore store;
    private final Conditions conditions;

    public EventController(EventHandlerStore store, Conditions conditions) {
        this.store = store;
        this.conditions = conditions;
    }

    /** Adds a handler; 409 when one with that name exists. */
    @Post
    public HttpResponse<?> create(@Body @Nullable String body) {
        EventHandler handler = EventHandlerJson.parse(body, conditions);
        available(() -> {
            store.sync();
            if (store.get(handler.name()).isPresent()) {
                throw ApiException.conflict("EventHandler with name " + handler.name() + " already exists!");
            }
            prepare(handler);
            store.put(handler);
            return null;
        });
        return HttpResponse.ok();
    }

    /** Replaces a handler; 404 when none has that name. */
    @Put
    public HttpResponse<?> update(@Body @Nullable String body) {
        EventHandler handler = EventHandlerJson.parse(body, conditions);
        available(() -> {
            store.sync();
            if (store.get(handler.name()).isEmpty()) {
                throw ApiException.notFound("EventHandler with name " + handler.name() + " not found!");
            }
            prepare(handler);
            store.put(handler);
            return null;
        });
        return HttpResponse.ok();
    }

    /** Every handler. */
    @Get
    public List<EventHandler> all() {
        return available(() -> {
            store.sync();
            return store.all();
        });
    }

    /** The handlers of one event; only the active ones unless {@code activeOnly=false}. */
    @Get("/{event}")
    public List<EventHandler> forEvent(
            @PathVariable String event, @QueryValue(defaultValue = "true") boolean activeOnly) {
        List<EventHandler> all = available(() -> {
            store.sync();
            return store.all();
        });
        return all.stream()
                .filter(h -> h.event().equals(event) && (!activeOnly || h.active()))
                .toList();
    }

    /** Removes a handler; 404 when none has that name. */
    @Delete("/{name}")
    public HttpResponse<?> remove(@PathVariable String name) {
        available(() -> {
            store.sync();
            if (store.get(name).isEmpty()) {
                throw ApiException.notFound("EventHandler with name " + name + " not found!");
            }
            store.delete(name);
            return null;
        });
        return HttpResponse.ok();
    }

    /** A handler of a Kafka topic gets the topic created if it does not exist, so it can be followed at once. */
    private void prepare(EventHandler handler) {
        String topic = EventNames.kafkaTopic(handler.event());
        if (topic != null && handler.active()) {
            store.ensureTopic(topic);
        }
    }

    private static <T> T available(Supplier<T> call) {
        try {
            return call.get();
        } catch (EventHandlerStore.UnavailableException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
