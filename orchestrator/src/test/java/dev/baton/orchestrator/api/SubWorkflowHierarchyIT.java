package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retry, restart and rerun on a three-level sub-workflow hierarchy over the REST API, on a real
 * orchestrator and broker, as a Conductor user drives them (Conductor's SubWorkflowRetrySpec,
 * SubWorkflowRestartSpec, SubWorkflowRerunSpec): root → mid → leaf, each a worker task then its
 * child; the leaf's second task fails and all three end FAILED.
 */
@KafkaCluster
class SubWorkflowHierarchyIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LEAF = "hier_leaf_" + RUN;
    private static final String MID = "hier_mid_" + RUN;
    private static final String ROOT = "hier_root_" + RUN;
    private static ApiTestServer api;

    /** The three workflows of one run. */
    record Chain(String root, String mid, String leaf) {}

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        api = ApiTestServer.start(kafka.bootstrapServers(), Map.of());
        ok(api.post("/api/metadata/taskdefs", """
                [{"name":"hier_task_%s","retryCount":0,"retryDelaySeconds":0,"responseTimeoutSeconds":3600}]""".formatted(RUN)));
        register(LEAF, """
                {"name":"hier_task_%s","taskReferenceName":"la","type":"SIMPLE"},
                {"name":"hier_task_%s","taskReferenceName":"lb","type":"SIMPLE"}""".formatted(RUN, RUN));
        register(MID, level("ma", "msub", LEAF));
        register(ROOT, level("ra", "rsub", MID));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String level(String taskRef, String subRef, String child) {
        return """
                {"name":"hier_task_%s","taskReferenceName":"%s","type":"SIMPLE"},
                {"name":"sub","taskReferenceName":"%s","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"%s","version":1}}""".formatted(RUN, taskRef, subRef, child);
    }

    private static void register(String name, String tasks) {
        ok(api.post("/api/metadata/workflow", "{\"name\":\"%s\",\"version\":1,\"tasks\":[%s]}".formatted(name, tasks)));
    }

    private static ApiTestServer.Reply ok(ApiTestServer.Reply r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
        return r;
    }

    private static JsonNode workflow(String id) {
        return ok(api.get("/api/workflow/" + id)).json();
    }

    private static JsonNode awaitStatus(String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    last[0] = workflow(id);
                    assertThat(last[0].get("status").asText()).as(id).isEqualTo(status);
                });
        return last[0];
    }

    /** The newest task of a reference, once the workflow has one. */
    private static JsonNode task(String id, String ref) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    found[0] = null;
                    for (JsonNode t : workflow(id).get("tasks")) {
                        if (t.get("referenceTaskName").asText().equals(ref)) {
                            found[0] = t;
                        }
                    }
                    assertThat(found[0]).as(ref + " of " + id).isNotNull();
                });
        return found[0];
    }

    private static String child(String id, String ref) {
        JsonNode[] child = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            child[0] = task(id, ref).get("subWorkflowId");
            assertThat(child[0]).isNotNull();
        });
        return child[0].asText();
    }

    private static void update(String id, String ref, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(api.post("/api/tasks/" + id + "/" + ref + "/" + status, "{}")
                                .status())
                        .isEqualTo(200));
    }

    private static String startRoot() {
        ApiTestServer.Reply r = ok(api.post("/api/workflow", "{\"name\":\"" + ROOT + "\",\"input\":{}}"));
        return r.body();
    }

    private static Chain failedChain() {
        String root = startRoot();
        update(root, "ra", "COMPLETED");
        String mid = child(root, "rsub");
        update(mid, "ma", "COMPLETED");
        String leaf = child(mid, "msub");
        update(leaf, "la", "COMPLETED");
        update(leaf, "lb", "FAILED");
        awaitStatus(leaf, "FAILED");
        awaitStatus(mid, "FAILED");
        awaitStatus(root, "FAILED");
        return new Chain(root, mid, leaf);
    }

    /** A parent waits for the same child again: RUNNING, its SUB_WORKFLOW task IN_PROGRESS. */
    private static void waitsAgain(String id, String subRef, String child) {
        awaitStatus(id, "RUNNING");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode sub = task(id, subRef);
            assertThat(sub.get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(sub.get("subWorkflowId").asText()).isEqualTo(child);
        });
    }

    @Test
    void retryOfTheLeafResumesTheMidLevelAndTheRoot() {
        Chain c = failedChain();

        ok(api.post("/api/workflow/" + c.leaf() + "/retry", ""));

        waitsAgain(c.mid(), "msub", c.leaf());
        waitsAgain(c.root(), "rsub", c.mid());
        assertThat(workflow(c.root()).get("lastRetriedTime").asLong()).isPositive();
        update(c.leaf(), "lb", "COMPLETED");
        awaitStatus(c.root(), "COMPLETED");
        assertThat(workflow(c.mid()).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void retryOfTheRootResumingSubworkflowTasksRetriesTheLeafsTask() {
        Chain c = failedChain();

        ok(api.post("/api/workflow/" + c.root() + "/retry?resumeSubworkflowTasks=true", ""));

        waitsAgain(c.root(), "rsub", c.mid());
        waitsAgain(c.mid(), "msub", c.leaf());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(workflow(c.leaf()).get("tasks")).hasSize(3));
        JsonNode lb = task(c.leaf(), "lb");
        assertThat(lb.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(lb.get("retryCount").asInt()).isEqualTo(1);
        update(c.leaf(), "lb", "COMPLETED");
        awaitStatus(c.root(), "COMPLETED");
        assertThat(workflow(c.root()).get("tasks")).hasSize(2);
    }

    @Test
    void restartOfTheMidLevelMakesTheRootWaitAndStartsANewLeaf() {
        Chain c = failedChain();

        ok(api.post("/api/workflow/" + c.mid() + "/restart", ""));

        waitsAgain(c.root(), "rsub", c.mid());
        update(c.mid(), "ma", "COMPLETED");
        String newLeaf = child(c.mid(), "msub");
        assertThat(newLeaf).isNotEqualTo(c.leaf());
        update(newLeaf, "la", "COMPLETED");
        update(newLeaf, "lb", "COMPLETED");
        awaitStatus(c.root(), "COMPLETED");
    }

    @Test
    void rerunOfTheRootFromATaskOfTheLeafRerunsTheLeafAndResumesItsParents() {
        Chain c = failedChain();
        String lbId = task(c.leaf(), "lb").get("taskId").asText();

        ApiTestServer.Reply r = api.post(
                "/api/workflow/" + c.root() + "/rerun",
                "{\"reRunFromWorkflowId\":\"%s\",\"reRunFromTaskId\":\"%s\"}".formatted(c.root(), lbId));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(c.root());
        waitsAgain(c.mid(), "msub", c.leaf());
        waitsAgain(c.root(), "rsub", c.mid());
        assertThat(task(c.leaf(), "lb").get("status").asText()).isEqualTo("SCHEDULED");
        update(c.leaf(), "lb", "COMPLETED");
        awaitStatus(c.root(), "COMPLETED");

        ApiTestServer.Reply running = api.post("/api/workflow/" + startRoot() + "/rerun", "{}");
        assertThat(running.status()).as(running.toString()).isEqualTo(409);
        assertThat(running.json().get("message").asText()).contains("is not in terminal state, unable to rerun");
    }
}
