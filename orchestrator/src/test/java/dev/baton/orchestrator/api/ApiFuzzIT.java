package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand malformed or random requests against a running orchestrator on a real
 * broker (its own, so that nothing else writes): none may cause a 5xx, every 4xx carries
 * Conductor's JSON error body, and nothing changes — the same definitions, the same workflows,
 * and not one record more on the commands or definitions topics. The seed is printed and can
 * be replayed with {@code -Dfuzz.seed=...}.
 */
@KafkaCluster(isolated = true)
class ApiFuzzIT {
    private static final int REQUESTS = 1200;
    private static final String WAITING = "fuzz_wait";
    private static final String QUICK = "fuzz_quick";
    private static final String TASK = "fuzz_task";

    private static ApiTestServer api;
    private static KafkaTestCluster cluster;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        cluster = kafka;
        api = ApiTestServer.start(kafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void randomAndMalformedRequestsNeverFailTheServerAndChangeNothing() throws Exception {
        assertThat(api.post("/api/metadata/taskdefs", "[{\"name\":\"" + TASK + "\",\"retryCount\":1}]")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/metadata/workflow", """
                {"name":"%s","version":1,"tasks":[{"name":"wait","taskReferenceName":"w","type":"WAIT"},
                  {"name":"later","taskReferenceName":"later","type":"NOOP"}]}""".formatted(WAITING)).status())
                .isEqualTo(200);
        assertThat(api.post("/api/metadata/workflow", WorkflowApiIT.quickDef(QUICK))
                        .status())
                .isEqualTo(200);
        String running =
                api.post("/api/workflow", "{\"name\":\"" + WAITING + "\"}").body();
        String done = api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"input\":{\"a\":1,\"b\":2}}")
                .body();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/workflow/" + done)
                        .json()
                        .get("status")
                        .asText()
                        .equals("COMPLETED"));

        Snapshot before = snapshot();
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        FuzzRequests requests =
                new FuzzRequests(new Random(seed), List.of(running, done), List.of(WAITING, QUICK), TASK);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> families = new TreeMap<>();
        Map<Integer, String> examples = new TreeMap<>();
        int withFieldErrors = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            FuzzRequests.Request r = requests.next();
            RawHttp.Response res =
                    RawHttp.send(api.server.getPort(), r.method(), r.target(), r.contentType(), r.body());
            statuses.merge(res.status(), 1, Integer::sum);
            families.merge(r.family(), 1, Integer::sum);
            examples.putIfAbsent(res.status(), r.describe());
            String problem = check(r, res);
            if (problem != null) {
                failures.add("#" + i + " " + problem + " <- " + r.describe());
            } else if (res.status() == 400
                    && !r.method().equals("HEAD")
                    && ApiTestServer.JSON.readTree(res.body()).has("validationErrors")) {
                withFieldErrors++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String summary = "seed " + seed + ", " + REQUESTS + " requests in " + took.toMillis() + " ms, statuses "
                + statuses + ", families " + families + ", 400s naming a field " + withFieldErrors;
        System.out.println("ApiFuzzIT: " + summary);
        examples.forEach((status, example) -> System.out.println("ApiFuzzIT: first " + status + " <- " + example));

        assertThat(failures).as(summary).isEmpty();
        assertThat(snapshot()).as(summary).isEqualTo(before);
        assertThat(statuses.keySet()).as(summary).contains(200, 400, 404, 405);
        assertThat(withFieldErrors).as(summary).isGreaterThan(100);
        assertThat(took).as(summary).isLessThan(Duration.ofSeconds(60));
    }

    /** Null when the response is acceptable; else what is wrong with it. */
    private static String check(FuzzRequests.Request r, RawHttp.Response res) {
        if (res.status() < 0) {
            return "no response";
        }
        if (res.status() >= 500) {
            return "server error " + res.status() + " " + res.bodyText();
        }
        if (res.status() >= 400 && !r.method().equals("HEAD")) {
            String type = res.header("content-type");
            if (type == null || !type.startsWith("application/json")) {
                return res.status() + " without a JSON body: " + type + " " + res.bodyText();
            }
            try {
                JsonNode body = ApiTestServer.JSON.readTree(res.body());
                if (body.path("status").asInt() != res.status()
                        || body.path("message").asText().isBlank()) {
                    return res.status() + " with a body lacking status or message: " + res.bodyText();
                }
            } catch (Exception e) {
                return res.status() + " with a body that is not JSON: " + res.bodyText();
            }
        }
        return null;
    }

    /** What must not change: definitions, workflows, event handlers, and the ends of the input topics. */
    private record Snapshot(
            String taskDefs,
            String workflowDefs,
            String workflows,
            String eventHandlers,
            Map<String, Long> endOffsets) {}

    private static Snapshot snapshot() throws Exception {
        return new Snapshot(
                api.get("/api/metadata/taskdefs").body(),
                api.get("/api/metadata/workflow").body(),
                api.get("/api/workflow/search-v2?size=1000").body(),
                api.get("/api/event").body(),
                endOffsets());
    }

    private static Map<String, Long> endOffsets() throws Exception {
        Admin admin = cluster.admin();
        Map<TopicPartition, OffsetSpec> specs = admin
                .describeTopics(List.of("baton.commands", "baton.definitions", "baton.replies", "baton.event-handlers"))
                .allTopicNames()
                .get()
                .values()
                .stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(specs).all().get().entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().toString(), e -> e.getValue().offset(), (a, b) -> a, TreeMap::new));
    }
}
