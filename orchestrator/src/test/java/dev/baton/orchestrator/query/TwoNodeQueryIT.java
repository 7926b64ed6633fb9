package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two orchestrator nodes (each with its HTTP server on a random port, one standby replica) share one
 * application id: every instance is found and searched from either node, forwarded to its owner;
 * "no such workflow" is said only by an owner that serves the partition (restored), otherwise the
 * read is a retryable 503; when an owner's HTTP server is gone its instances are unavailable (503)
 * while searches use standby copies; after one node leaves, the survivor answers for all of them. Authentication is on, so forwarded calls carry the node's own credential.
 */
@KafkaCluster(isolated = true) // Baton's topic names are fixed: a shared broker would hold other tests' workflows
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeQueryIT {
    private static final int WORKFLOWS = 60;
    private static final String[] COLORS = {"red", "green", "blue"};
    private static final String TYPE_A = "query_hold_a";
    private static final String TYPE_B = "query_hold_b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "two-node-query-it-static-token";

    private static EmbeddedServer a;
    private static String appId;
    private static String bootstrap;
    private static EmbeddedServer b;
    /** Workflow id → its number i (type, correlation id, color and status all follow from i). */
    private static final Map<String, Integer> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        long t0 = System.nanoTime();
        appId = "baton-query-it-" + UUID.randomUUID();
        bootstrap = kafka.bootstrapServers();
        a = node(kafka.bootstrapServers(), appId);
        b = node(kafka.bootstrapServers(), appId);
        await(
                "both nodes run and each holds some partitions",
                Duration.ofSeconds(60),
                () -> runtime(a).state() == KafkaStreams.State.RUNNING
                        && runtime(b).state() == KafkaStreams.State.RUNNING
                        && !runtime(a).localActivePartitions().isEmpty()
                        && !runtime(b).localActivePartitions().isEmpty()
                        && runtime(a).localActivePartitions().size()
                                        + runtime(b).localActivePartitions().size()
                                == 6);

        WorkflowClient client = a.getApplicationContext().getBean(WorkflowClient.class);
        WorkflowDef holdA = hold(TYPE_A);
        WorkflowDef holdB = hold(TYPE_B);
        for (int i = 0; i < WORKFLOWS; i++) {
            String id = "q-" + i + "-" + UUID.randomUUID();
            IDS.put(id, i);
            ObjectNode input =
                    JSON.createObjectNode().put("color", COLORS[i % 3]).put("n", i);
            client.startInline(id, i % 2 == 0 ? holdA : holdB, input, "order-" + (i % 5));
            if (completed(i)) {
                client.signal(
                        id,
                        "hold",
                        TaskReplyStatus.COMPLETED,
                        JSON.createObjectNode().put("done", true),
                        null);
            }
        }
        client.flush();
        InstanceQueries queries = queries(a);
        await(
                "all " + WORKFLOWS + " instances are queryable, "
                        + expected(TwoNodeQueryIT::completed).size() + " of them completed",
                Duration.ofSeconds(30),
                () -> queries.search(InstanceSearch.all(0, 0)).totalHits() == WORKFLOWS
                        && queries.search(new InstanceSearch(
                                                Set.of(),
                                                Set.of(WorkflowStatus.COMPLETED),
                                                null,
                                                null,
                                                null,
                                                null,
                                                0,
                                                0))
                                        .totalHits()
                                == expected(TwoNodeQueryIT::completed).size());
        System.out.printf(
                "TwoNodeQueryIT: two nodes up and %d workflows queryable in %d ms%n",
                WORKFLOWS, (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        for (EmbeddedServer server : new EmbeddedServer[] {b, a}) {
            if (server != null && server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        }
    }

    @Test
    @Order(1)
    void eachNodeOwnsSomeInstancesAndFindsEveryOne() {
        LocalInstanceQueries localA = new LocalInstanceQueries(runtime(a));
        LocalInstanceQueries localB = new LocalInstanceQueries(runtime(b));
        int onA = 0;
        int onB = 0;
        for (Map.Entry<String, Integer> e : IDS.entrySet()) {
            boolean hereA = localA.find(e.getKey()).isPresent();
            boolean hereB = localB.find(e.getKey()).isPresent();
            assertThat(hereA ^ hereB)
                    .as("%s is held by exactly one node", e.getKey())
                    .isTrue();
            onA += hereA ? 1 : 0;
            onB += hereB ? 1 : 0;
            for (EmbeddedServer node : List.of(a, b)) {
                Optional<WorkflowInstance> found = queries(node).find(e.getKey());
                assertThat(found).as("%s from %s", e.getKey(), node.getPort()).isPresent();
                assertThat(found.get().workflowId).isEqualTo(e.getKey());
                assertThat(found.get().workflowName).isEqualTo(type(e.getValue()));
                assertThat(found.get().correlationId).isEqualTo("order-" + (e.getValue() % 5));
                assertThat(found.get().status)
                        .isEqualTo(completed(e.getValue()) ? WorkflowStatus.COMPLETED : WorkflowStatus.RUNNING);
            }
        }
        System.out.printf("TwoNodeQueryIT: node A holds %d instances, node B %d%n", onA, onB);
        assertThat(onA).isPositive();
        assertThat(onB).isPositive();
        assertThat(onA + onB).isEqualTo(WORKFLOWS);
        assertThat(queries(a).find("no-such-" + UUID.randomUUID())).isEmpty();
        assertThat(queries(b).find("no-such-" + UUID.randomUUID())).isEmpty();
    }

    @Test
    @Order(2)
    void searchFromEitherNodeCountsAndPagesAcrossBoth() {
        for (EmbeddedServer node : List.of(a, b)) {
            assertPagesWalkEveryMatchOnce(queries(node), InstanceSearch.all(0, 7), expected(i -> true));
        }
    }

    @Test
    @Order(3)
    void filtersApplyOnEveryNode() {
        for (EmbeddedServer node : List.of(a, b)) {
            InstanceQueries q = queries(node);
            assertPagesWalkEveryMatchOnce(
                    q,
                    search(Set.of(), Set.of(WorkflowStatus.COMPLETED), null, null),
                    expected(TwoNodeQueryIT::completed));
            assertPagesWalkEveryMatchOnce(
                    q, search(Set.of(), Set.of(WorkflowStatus.RUNNING), null, null), expected(i -> !completed(i)));
            assertPagesWalkEveryMatchOnce(q, search(Set.of(TYPE_A), Set.of(), null, null), expected(i -> i % 2 == 0));
            assertPagesWalkEveryMatchOnce(q, search(Set.of(), Set.of(), "order-3", null), expected(i -> i % 5 == 3));
            assertPagesWalkEveryMatchOnce(q, search(Set.of(), Set.of(), null, "GREEN"), expected(i -> i % 3 == 1));
            assertPagesWalkEveryMatchOnce(
                    q,
                    search(Set.of(TYPE_B), Set.of(WorkflowStatus.RUNNING), "order-1", "blue"),
                    expected(i -> i % 2 == 1 && !completed(i) && i % 5 == 1 && i % 3 == 2));
            assertThat(q.search(search(Set.of(), Set.of(), null, "no such text"))
                            .totalHits())
                    .isZero();
            assertThat(q.search(search(Set.of("query_hold_nobody"), Set.of(), null, null))
                            .results())
                    .isEmpty();
        }
    }

    @Test
    @Order(4)
    void internalEndpointsAnswerFromTheLocalStoreOnly() throws Exception {
        String id = IDS.keySet().iterator().next();
        HostInfo owner = runtime(a).instanceMetadata(id).activeHost();
        EmbeddedServer ownerNode = owner.port() == a.getPort() ? a : b;
        EmbeddedServer other = ownerNode == a ? b : a;
        HttpResponse<String> found = get(ownerNode, "/internal/instances/" + id);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).get("workflowId").asText()).isEqualTo(id);
        assertThat(get(other, "/internal/instances/" + id).statusCode())
                .as("not held there")
                .isEqualTo(503);

        String unknown = "no-such-" + UUID.randomUUID();
        HostInfo unknownOwner = runtime(a).instanceMetadata(unknown).activeHost();
        assertThat(get(unknownOwner.port() == a.getPort() ? a : b, "/internal/instances/" + unknown)
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create(base(a) + "/internal/instances/" + id))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode())
                .as("internal endpoints need a credential")
                .isEqualTo(401);
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(base(a) + "/internal/instances/search"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"start\":0,\"size\":5}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.get("total").asLong())
                .isEqualTo(new LocalInstanceQueries(runtime(a))
                        .search(InstanceSearch.all(0, 0))
                        .totalHits());
        assertThat(body.get("results")).hasSize(5);
        List<Integer> partitions = new ArrayList<>();
        body.get("partitions").forEach(p -> partitions.add(p.asInt()));
        assertThat(partitions).containsExactlyInAnyOrderElementsOf(runtime(a).localActivePartitions());

        HttpResponse<String> keys = HTTP.send(
                HttpRequest.newBuilder(URI.create(base(a) + "/internal/instances/search?keys=true"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"start\":0,\"size\":5}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode keyed = JSON.readTree(keys.body());
        assertThat(keyed.get("results")).as("keys only").isEmpty();
        assertThat(keyed.get("keys")).hasSize(5);
        List<String> ids = new ArrayList<>();
        keyed.get("keys").forEach(k -> ids.add(k.get("workflowId").asText()));
        List<String> whole = new ArrayList<>();
        body.get("results").forEach(r -> whole.add(r.get("workflowId").asText()));
        assertThat(ids).isEqualTo(whole);
        HttpResponse<String> read = HTTP.send(
                HttpRequest.newBuilder(URI.create(base(a) + "/internal/instances/read"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                keyed.get("keys").toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        List<String> read5 = new ArrayList<>();
        JSON.readTree(read.body())
                .get("found")
                .forEach(r -> read5.add(r.get("workflowId").asText()));
        assertThat(read5).isEqualTo(ids);
    }

    @Test
    @Order(5)
    void aPartitionNotServedYetAnswersRetryableNotNotFound() throws Exception {
        // Model the partition's active copy being restored again (an EOS task revived after a crash):
        // its store is there and readable, but its processor is closed until the restore is over.
        String unknown = unknownOwnedBy(b);
        int p = runtime(b).instanceMetadata(unknown).partition();
        var served = runtime(b).metrics().served();
        long generation = served.generation(p);
        assertThat(generation).as("B serves partition %d", p).isPositive();
        served.closed(p, generation);
        try {
            HttpResponse<String> internal = get(b, "/internal/instances/" + unknown + "?partition=" + p);
            assertThat(internal.statusCode())
                    .as("the owner's store being restored: %s", internal.body())
                    .isEqualTo(503);
            assertThat(internal.headers().firstValue("Retry-After")).isPresent();
            assertNotReadable(queries(a), unknown);
            assertNotReadable(queries(b), unknown);
        } finally {
            served.opened(p);
        }
        assertThat(queries(a).find(unknown)).as("served again: a plain 404").isEmpty();
    }

    @Test
    @Order(6)
    void aWorkflowStartedHereIsNeverNotFound() {
        // The START of a workflow this node just sent and has not seen applied yet: "not yet", not "no such workflow"
        String sent = unknownOwnedBy(a);
        queries(a).expect(sent);
        assertNotReadable(queries(a), sent);
        assertThat(queries(b).find(sent))
                .as("another node has no such knowledge")
                .isEmpty();
    }

    @Test
    @Order(7)
    void anUnreachableOwnersPartitionsAreUnavailableNotMissing() throws Exception {
        // A third node that advertises an address nobody listens on: it owns partitions, standby
        // copies of them are on A or B, and those may lag behind the owner.
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        Map<String, Object> props = nodeProperties(bootstrap, appId);
        props.put("micronaut.server.port", dead);
        ApplicationContext c =
                ApplicationContext.run(props); // no HTTP server: Kafka Streams advertises the port all the same
        try {
            StreamsRuntime rc = c.getBean(StreamsRuntime.class);
            await(
                    "the third node owns partitions",
                    Duration.ofSeconds(60),
                    () -> rc.state() == KafkaStreams.State.RUNNING
                            && runtime(a).state() == KafkaStreams.State.RUNNING
                            && runtime(b).state() == KafkaStreams.State.RUNNING
                            && !rc.localActivePartitions().isEmpty()
                            && runtime(a)
                                            .instanceMetadata(unknownOwnedBy(dead))
                                            .activeHost()
                                            .port()
                                    == dead);
            String unknown = unknownOwnedBy(dead);
            long t0 = System.nanoTime();
            assertNotReadable(queries(a), unknown);
            assertNotReadable(queries(b), unknown);
            System.out.printf(
                    "TwoNodeQueryIT: an id of an unreachable owner's partition: 503 from A and B in %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            c.close();
        }
        await(
                "A and B own every partition again",
                Duration.ofSeconds(60),
                () -> runtime(a).state() == KafkaStreams.State.RUNNING
                        && runtime(b).state() == KafkaStreams.State.RUNNING
                        && runtime(a).localActivePartitions().size()
                                        + runtime(b).localActivePartitions().size()
                                == 6
                        && IDS.keySet().stream()
                                .allMatch(id -> queries(a).find(id).isPresent()));
        assertThat(queries(a).find(unknownOwnedBy(port(b))))
                .as("an unknown id of a served partition: 404 at once")
                .isEmpty();
    }

    @Test
    @Order(8)
    void whenAnOwnersHttpServerStopsSearchesUseStandbysAndReadsNeverSayNotFound() {
        ((NettyEmbeddedServer) b).stopServerOnly(); // B's Kafka Streams keeps its partitions; its HTTP server is gone
        InstanceQueries q = queries(a);
        await(
                "node A searches B's instances in its standby copies",
                Duration.ofSeconds(20),
                () -> q.search(InstanceSearch.all(0, 0)).totalHits() == WORKFLOWS);
        assertThat(runtime(b).state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(runtime(b).localActivePartitions())
                .as("B still owns partitions")
                .isNotEmpty();
        // B may still answer over a connection A kept open; otherwise its instances are a 503 (its
        // standby copies may lag behind it): never "no such workflow"
        for (Map.Entry<String, Integer> e : IDS.entrySet()) {
            try {
                assertThat(q.find(e.getKey())).as("%s", e.getKey()).isPresent();
            } catch (ApiException unavailable) {
                assertThat(unavailable.status().getCode()).isEqualTo(503);
                assertThat(runtime(a).instanceMetadata(e.getKey()).activeHost().port())
                        .isEqualTo(port(b));
            }
        }
        assertPagesWalkEveryMatchOnce(q, InstanceSearch.all(0, 7), expected(i -> true));
        assertPagesWalkEveryMatchOnce(
                q,
                search(Set.of(TYPE_A), Set.of(WorkflowStatus.COMPLETED), null, null),
                expected(i -> i % 2 == 0 && completed(i)));
    }

    /** The read answers 503 (retry), neither the instance nor "no such workflow". */
    private static void assertNotReadable(InstanceQueries q, String workflowId) {
        assertThatThrownBy(() -> q.find(workflowId))
                .as("reading %s", workflowId)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode()));
    }

    /** The port the node advertises (its HTTP server's, which may be stopped). */
    private static int port(EmbeddedServer node) {
        return runtime(node).advertised().orElseThrow().port();
    }

    /** An id of no workflow whose partition's active copy is on that node. */
    private static String unknownOwnedBy(EmbeddedServer node) {
        return unknownOwnedBy(port(node));
    }

    private static String unknownOwnedBy(int port) {
        for (int i = 0; i < 10_000; i++) {
            String id = "no-such-" + i + "-" + UUID.randomUUID();
            if (runtime(a).instanceMetadata(id).activeHost().port() == port) {
                return id;
            }
        }
        return "no-owner-at-" + port;
    }

    @Test
    @Order(9)
    void theSurvivorAnswersForEveryInstanceAfterTheOtherNodeLeaves() {
        long t0 = System.nanoTime();
        b.getApplicationContext().close();
        InstanceQueries q = queries(a);
        await(
                "the survivor owns every partition and finds all " + WORKFLOWS,
                Duration.ofSeconds(45),
                () -> runtime(a).localActivePartitions().size() == 6
                        && q.search(InstanceSearch.all(0, 0)).totalHits() == WORKFLOWS
                        && IDS.keySet().stream().allMatch(id -> q.find(id).isPresent()));
        System.out.printf(
                "TwoNodeQueryIT: survivor answered for all %d after %d ms%n",
                WORKFLOWS, (System.nanoTime() - t0) / 1_000_000);
        assertThat(runtime(a).localActivePartitions()).hasSize(6);
        for (Map.Entry<String, Integer> e : IDS.entrySet()) {
            assertThat(q.find(e.getKey())).get().extracting(w -> w.workflowName).isEqualTo(type(e.getValue()));
        }
        assertPagesWalkEveryMatchOnce(q, InstanceSearch.all(0, 7), expected(i -> true));
        assertPagesWalkEveryMatchOnce(
                q, search(Set.of(TYPE_B), Set.of(), null, "red"), expected(i -> i % 2 == 1 && i % 3 == 0));
    }

    /** Walks every page of 7 and checks: each page counts all matches; together they hold each match once, newest first. */
    private static void assertPagesWalkEveryMatchOnce(InstanceQueries q, InstanceSearch search, Set<String> expected) {
        List<WorkflowInstance> walked = new ArrayList<>();
        int pages = 0;
        for (int start = 0; start < expected.size() || pages == 0; start += 7) {
            SearchResult page = q.search(withPage(search, start, 7));
            assertThat(page.totalHits()).as("totalHits of %s", search).isEqualTo(expected.size());
            assertThat(page.results()).hasSize(Math.min(7, expected.size() - start));
            walked.addAll(page.results());
            pages++;
        }
        assertThat(q.search(withPage(search, expected.size(), 7)).results())
                .as("past the end")
                .isEmpty();
        List<String> ids = walked.stream().map(w -> w.workflowId).toList();
        assertThat(new HashSet<>(ids)).hasSize(ids.size()).isEqualTo(expected);
        assertThat(walked).isSortedAccordingTo(LocalInstanceQueries.NEWEST_FIRST);
    }

    private static InstanceSearch search(
            Set<String> types, Set<WorkflowStatus> statuses, String correlationId, String freeText) {
        return new InstanceSearch(types, statuses, correlationId, null, null, freeText, 0, 7);
    }

    private static InstanceSearch withPage(InstanceSearch s, int start, int size) {
        return new InstanceSearch(
                s.workflowTypes(),
                s.statuses(),
                s.correlationId(),
                s.startedAfter(),
                s.startedBefore(),
                s.freeText(),
                start,
                size);
    }

    private static Set<String> expected(Predicate<Integer> which) {
        Set<String> out = new HashSet<>();
        IDS.forEach((id, i) -> {
            if (which.test(i)) {
                out.add(id);
            }
        });
        return out;
    }

    private static boolean completed(int i) {
        return i % 6 == 0;
    }

    private static String type(int i) {
        return i % 2 == 0 ? TYPE_A : TYPE_B;
    }

    private static WorkflowDef hold(String name) {
        return DefinitionParser.workflow("""
                {"name": "%s", "version": 1, "schemaVersion": 2,
                 "tasks": [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]}
                """.formatted(name));
    }

    private static EmbeddedServer node(String bootstrap, String appId) throws Exception {
        Map<String, Object> props = nodeProperties(bootstrap, appId);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        assertThat(runtime(server).advertised()).contains(new HostInfo("127.0.0.1", server.getPort()));
        if (!runtime(server).awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING");
        }
        return server;
    }

    private static Map<String, Object> nodeProperties(String bootstrap, String appId) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("baton.data-dir", Files.createTempDirectory("baton-query-it").toString());
        props.put("baton.application-id", appId);
        props.put("baton.partitions", 6);
        props.put("baton.standby-replicas", 1);
        props.put("baton.query-unavailable-wait-ms", 2000); // how long a read waits for an owner before its 503
        props.put("baton.encoding", "json");
        props.put("baton.http-worker.enabled", "false");
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        // Authentication on: forwarded queries must carry the node's own credential
        props.put("baton.auth.enabled", "true");
        props.put("baton.auth.token-secret", "two-node-query-it-secret-0123456789abcdef");
        props.put("baton.auth.tokens", TOKEN);
        return props;
    }

    private static StreamsRuntime runtime(EmbeddedServer node) {
        return node.getApplicationContext().getBean(StreamsRuntime.class);
    }

    private static InstanceQueries queries(EmbeddedServer node) {
        InstanceQueries q = node.getApplicationContext().getBean(InstanceQueries.class);
        assertThat(q).isInstanceOf(RoutedInstanceQueries.class);
        return q;
    }

    private static String base(EmbeddedServer node) {
        return "http://127.0.0.1:" + node.getPort();
    }

    private static HttpResponse<String> get(EmbeddedServer node, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base(node) + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean holds(Supplier<Boolean> condition) {
        try {
            return condition.get();
        } catch (ApiException | IllegalStateException | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return false; // 503 while partitions move
        }
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
