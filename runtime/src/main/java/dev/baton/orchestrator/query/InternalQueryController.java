package dev.baton.orchestrator.query;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Node-to-node query endpoints, answered from this node's stores only (never forwarded further).
 * Everything here lives under {@code /internal/}: it is for other Baton nodes, not for clients, and
 * an authentication layer can protect the whole prefix.
 *
 * <ul>
 *   <li>{@code GET /internal/instances/{id}?partition=&stale=}: the instance as stored; 404 (with
 *       {@code X-Baton-Instance: absent}) when its partition is served here and the instance is not;
 *       503 when this node does not serve the partition: its active copy is not here, or not restored
 *       and processing yet (with {@code stale=true}: no copy at all, standby or restoring ones included).</li>
 *   <li>{@code POST /internal/instances/search?partitions=0,3&stale=&keys=} with an {@link InstanceSearch}:
 *       {@code {total, results, partitions, keys}} over the given partitions (default: all active here);
 *       the first {@code start + size} matches, newest first, as {@code keys} (id, start time,
 *       partition) with {@code keys=true}, otherwise whole as {@code results}; {@code partitions}
 *       lists those actually answered for.</li>
 *   <li>{@code POST /internal/instances/read?stale=} with a list of such keys: {@link InstanceReads},
 *       the instances found in their partitions here and the ids served here but gone.</li>
 * </ul>
 */
@Controller("/internal/instances")
@Requires(beans = StreamsRuntime.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class InternalQueryController {
    private final StreamsRuntime runtime;
    private final LocalInstanceQueries local;

    public InternalQueryController(StreamsRuntime runtime) {
        this.runtime = runtime;
        this.local = new LocalInstanceQueries(runtime);
    }

    /**
     * Marks a 404 as this node's authoritative "no such instance in the partition" (its served
     * active copy, or a standby copy when asked for one), unlike a 404 of a route that is missing.
     */
    static final String ABSENT_HEADER = "X-Baton-Instance";

    static final String ABSENT = "absent";

    @Get("/{workflowId}")
    public HttpResponse<?> get(
            @PathVariable String workflowId,
            @Nullable @QueryValue Integer partition,
            @QueryValue(defaultValue = "false") boolean stale) {
        try {
            int p = partition != null ? partition : partitionOf(workflowId);
            byte[] bytes = local.findBytes(workflowId, p, stale);
            if (bytes == null) {
                return absent("Workflow " + workflowId + " is not in partition " + p + " on this node");
            }
            return HttpResponse.ok(bytes).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw notHere(e);
        }
    }

    @Get("/{workflowId}/payloads/{payloadId}")
    public HttpResponse<?> payload(
            @PathVariable String workflowId,
            @PathVariable String payloadId,
            @Nullable @QueryValue Integer partition,
            @QueryValue(defaultValue = "false") boolean stale) {
        try {
            int p = partition != null ? partition : partitionOf(workflowId);
            byte[] bytes = local.payloadBytes(workflowId, payloadId, p, stale);
            if (bytes == null) {
                return absent("Workflow " + workflowId + " keeps no payload " + payloadId + " on this node");
            }
            return HttpResponse.ok(bytes).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw notHere(e);
        }
    }

    @Post("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> search(
            @Body byte[] body,
            @Nullable @QueryValue String partitions,
            @QueryValue(defaultValue = "false") boolean stale,
            @QueryValue(defaultValue = "false") boolean keys) {
        InstanceSearch search;
        try {
            search = QueryJson.readSearch(body);
        } catch (IOException e) {
            throw ApiException.badField("body", "not a search: " + e.getMessage(), null);
        }
        try {
            PartialSearch answer = local.searchPartitions(
                    search,
                    parsePartitions(partitions),
                    stale,
                    PartialSearch.limitFor(search.start(), search.size()),
                    keys);
            return HttpResponse.ok(QueryJson.write(answer)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw notHere(e);
        }
    }

    @Post("/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> read(@Body byte[] body, @QueryValue(defaultValue = "false") boolean stale) {
        List<PartialSearch.Key> keys;
        try {
            keys = QueryJson.readKeys(body);
        } catch (IOException e) {
            throw ApiException.badField("body", "not a list of instance keys: " + e.getMessage(), null);
        }
        try {
            return HttpResponse.ok(QueryJson.write(local.read(keys, stale)))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw notHere(e);
        }
    }

    private int partitionOf(String workflowId) {
        KeyQueryMetadata md = runtime.instanceMetadata(workflowId);
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw new InvalidStateStoreException("the partition of " + workflowId + " is not known yet");
        }
        return md.partition();
    }

    private static List<Integer> parsePartitions(String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badField("partitions", "not a comma-separated list of partition numbers", csv);
            }
        }
        return out;
    }

    private static HttpResponse<?> absent(String message) {
        return ErrorResponses.of(ApiException.notFound(message)).header(ABSENT_HEADER, ABSENT);
    }

    private static ApiException notHere(RuntimeException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Not queryable on this node: " + e.getMessage());
    }
}
