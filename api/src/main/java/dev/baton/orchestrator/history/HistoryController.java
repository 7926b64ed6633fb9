package dev.baton.orchestrator.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.WorkflowOperations;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * An instance's history from {@code baton.events} (a Baton extension of Conductor's API):
 * {@code GET /api/workflow/{id}/history} reads it (bounded, see {@link HistoryReader}), and
 * {@code GET /api/workflow/{id}/history/stream} follows it as server-sent events: {@code ready}
 * once the stream is live (read the history then, to miss nothing), then one {@code event} per
 * new history event, and keep-alive comments.
 */
@Controller("/api/workflow")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HistoryController {
    private static final int BUFFER = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowOperations ops;
    private final HistoryReader reader;
    private final HistoryTail tail;
    private final HistorySettings settings;

    public HistoryController(WorkflowOperations ops, HistoryReader reader, HistoryTail tail, HistorySettings settings) {
        this.ops = ops;
        this.reader = reader;
        this.tail = tail;
        this.settings = settings;
    }

    /** The instance's events in order; 404 for an unknown id. */
    @Get("/{workflowId}/history")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<String> history(@PathVariable String workflowId) {
        WorkflowInstance wf = ops.get(workflowId);
        return HttpResponse.ok(reader.read(wf).toString());
    }

    /** New events of the instance as they are written; 404 for an unknown id, 503 when the node has too many streams. */
    @Get("/{workflowId}/history/stream")
    @Produces(MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> stream(@PathVariable String workflowId) {
        ops.get(workflowId);
        Flux<Event<String>> events = Flux.create(
                sink -> {
                    HistoryTail.Subscription sub = tail.subscribe(
                            workflowId,
                            (ObjectNode e) -> sink.next(Event.of(e.toString())
                                    .name("event")
                                    .id(e.path("seq").asText())));
                    if (sub == null) {
                        sink.error(new ApiException(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "this node serves " + settings.getMaxStreams()
                                        + " history streams already; try again later"));
                        return;
                    }
                    sink.onDispose(sub::close);
                    sink.next(Event.of(JSON.createObjectNode()
                                    .put("workflowId", workflowId)
                                    .toString())
                            .name("ready"));
                },
                FluxSink.OverflowStrategy.BUFFER);
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofMillis(settings.getKeepAliveMs()))
                .map(i -> Event.of("").comment("keep-alive"));
        return Flux.merge(events.onBackpressureBuffer(BUFFER), keepAlive);
    }
}
