package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/** Calls another node's internal query endpoints ({@link InternalQueryController}) over HTTP. */
final class NodeClient {
    private final HttpClient http;
    private final Duration timeout;
    private final java.util.function.Supplier<java.util.Map<String, String>> credentials;

    /** @param credentials headers that authenticate this node to the others (empty when auth is off) */
    NodeClient(Duration timeout, java.util.function.Supplier<java.util.Map<String, String>> credentials) {
        this.timeout = timeout;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Adds the headers that authenticate this node, if any (HttpRequest.Builder.headers() refuses none). */
    private HttpRequest.Builder authenticated(HttpRequest.Builder builder) {
        credentials.get().forEach(builder::header);
        return builder;
    }

    /** The instance from that node's copy of its partition (the active one; with {@code stale} a standby too). */
    Lookup get(HostInfo node, String workflowId, int partition, boolean stale) {
        return get(node, workflowId, null, partition, stale);
    }

    /** The instance, or with {@code payloadId} one of its out-of-line documents, from that node. */
    Lookup get(HostInfo node, String workflowId, String payloadId, int partition, boolean stale) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(
                        node,
                        "/internal/instances/"
                                + URLEncoder.encode(workflowId, StandardCharsets.UTF_8)
                                        .replace("+", "%20")
                                + (payloadId == null
                                        ? ""
                                        : "/payloads/" + URLEncoder.encode(payloadId, StandardCharsets.UTF_8))
                                + "?partition=" + partition + "&stale=" + stale))
                .timeout(timeout)
                .header("Accept", "application/json");
        HttpRequest request = authenticated(builder).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return switch (response.statusCode()) {
                case 200 -> Lookup.found(response.body());
                // only the internal endpoint's own "not in this partition" is an answer; any other 404
                // (a node without the endpoint, a path not routed yet) says nothing about the instance
                case 404 ->
                    InternalQueryController.ABSENT.equals(response.headers()
                                    .firstValue(InternalQueryController.ABSENT_HEADER)
                                    .orElse(null))
                            ? Lookup.absent()
                            : Lookup.unavailable(node(node) + " answered HTTP 404 without an authoritative absence");
                default ->
                    Lookup.unavailable(
                            node(node) + " answered HTTP " + response.statusCode() + " for partition " + partition);
            };
        } catch (IOException e) {
            return Lookup.unavailable(node(node) + " is unreachable (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.unavailable("interrupted");
        }
    }

    /**
     * That node's answer for the given partitions, its matches as keys (a node without keys yet
     * answers them whole); completes exceptionally when it cannot answer.
     */
    CompletableFuture<PartialSearch> search(
            HostInfo node, InstanceSearch search, Collection<Integer> partitions, boolean stale) {
        String parts = partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
        return post(
                node,
                "/internal/instances/search?partitions=" + parts + "&stale=" + stale + "&keys=true",
                QueryJson.write(search),
                QueryJson::readPartial);
    }

    /** The instances with these keys from that node's copies of their partitions; completes exceptionally when it cannot answer. */
    CompletableFuture<InstanceReads> read(HostInfo node, Collection<PartialSearch.Key> keys, boolean stale) {
        return post(node, "/internal/instances/read?stale=" + stale, QueryJson.write(keys), QueryJson::readReads);
    }

    private <T> CompletableFuture<T> post(HostInfo node, String pathAndQuery, byte[] body, JsonReader<T> reader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(node, pathAndQuery))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        HttpRequest request = authenticated(builder)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(new IOException(node(node) + " answered HTTP " + response.statusCode()));
            }
            try {
                return reader.read(response.body());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private interface JsonReader<T> {
        T read(byte[] json) throws IOException;
    }

    private static URI uri(HostInfo node, String pathAndQuery) {
        return URI.create("http://" + node(node) + pathAndQuery);
    }

    static String node(HostInfo node) {
        String host = node.host().contains(":") && !node.host().startsWith("[") ? "[" + node.host() + "]" : node.host();
        return host + ":" + node.port();
    }

    /** The outcome of reading one instance from one copy of its partition. */
    /**
     * A node's answer: the instance (or document) as bytes from another node, or the instance as
     * this node read it from its own store (never encoded only to be decoded again); neither when
     * it is absent or the answer is not definitive.
     */
    record Lookup(byte[] bytes, WorkflowInstance instance, boolean definitive, String reason) {
        static Lookup found(byte[] bytes) {
            return new Lookup(bytes, null, true, null);
        }

        static Lookup found(WorkflowInstance instance) {
            return new Lookup(null, instance, true, null);
        }

        static Lookup absent() {
            return new Lookup(null, null, true, null);
        }

        static Lookup unavailable(String reason) {
            return new Lookup(null, null, false, reason);
        }

        boolean present() {
            return bytes != null || instance != null;
        }
    }
}
