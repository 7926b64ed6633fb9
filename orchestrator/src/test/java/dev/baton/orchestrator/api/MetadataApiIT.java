package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metadata API on a real orchestrator and broker: task and workflow definitions are written,
 * read back at once (read-your-writes), replaced, deleted (tombstones), and refused with field
 * errors when invalid.
 */
@KafkaCluster
class MetadataApiIT {
    private static ApiTestServer api;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        api = ApiTestServer.start(kafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static String workflowDef(String name, int version, String description) {
        return """
                {"name":"%s","version":%d,"description":"%s","schemaVersion":2,"ownerEmail":"a@b.c",
                 "tasks":[{"name":"noop","taskReferenceName":"n1","type":"NOOP"}],
                 "outputParameters":{"done":true}}""".formatted(name, version, description);
    }

    @Test
    void taskDefinitionsAreCreatedReadUpdatedAndDeleted() {
        String a = "api_task_a_" + RUN;
        String b = "api_task_b_" + RUN;
        ApiTestServer.Reply created = api.post("/api/metadata/taskdefs", """
                [{"name":"%s","retryCount":2,"timeoutSeconds":60,"responseTimeoutSeconds":30,"ownerEmail":"a@b.c"},
                 {"name":"%s","retryCount":0,"retryLogic":"EXPONENTIAL_BACKOFF"}]""".formatted(a, b));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);

        JsonNode one = api.get("/api/metadata/taskdefs/" + a).json();
        assertThat(one.get("name").asText()).isEqualTo(a);
        assertThat(one.get("retryCount").asInt()).isEqualTo(2);
        assertThat(one.get("responseTimeoutSeconds").asLong()).isEqualTo(30);

        List<String> names = new ArrayList<>();
        api.get("/api/metadata/taskdefs")
                .json()
                .forEach(d -> names.add(d.get("name").asText()));
        assertThat(names).contains(a, b);

        ApiTestServer.Reply updated = api.put("/api/metadata/taskdefs", """
                {"name":"%s","retryCount":5,"retryDelaySeconds":1}""".formatted(a));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(api.get("/api/metadata/taskdefs/" + a)
                        .json()
                        .get("retryCount")
                        .asInt())
                .isEqualTo(5);

        ApiTestServer.Reply unknownUpdate = api.put("/api/metadata/taskdefs", """
                {"name":"api_no_such_task_%s"}""".formatted(RUN));
        assertThat(unknownUpdate.status()).isEqualTo(404);
        assertThat(unknownUpdate.json().get("message").asText()).contains("api_no_such_task_" + RUN);

        assertThat(api.delete("/api/metadata/taskdefs/" + a).status()).isEqualTo(200);
        ApiTestServer.Reply gone = api.get("/api/metadata/taskdefs/" + a);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("status").asInt()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.delete("/api/metadata/taskdefs/" + a).status()).isEqualTo(404);
        names.clear();
        api.get("/api/metadata/taskdefs")
                .json()
                .forEach(d -> names.add(d.get("name").asText()));
        assertThat(names).contains(b).doesNotContain(a);
    }

    @Test
    void workflowDefinitionsAreVersionedConflictingCreatesRefusedAndVersionsDeleted() {
        String name = "api_wf_" + RUN;
        assertThat(api.post("/api/metadata/workflow", workflowDef(name, 1, "first"))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/metadata/workflow/" + name)
                        .json()
                        .get("description")
                        .asText())
                .isEqualTo("first");

        ApiTestServer.Reply again = api.post("/api/metadata/workflow", workflowDef(name, 1, "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/json");
        assertThat(again.json().get("code").asText()).isEqualTo("CONFLICT");
        assertThat(again.json().get("message").asText()).contains(name);
        assertThat(api.get("/api/metadata/workflow/" + name)
                        .json()
                        .get("description")
                        .asText())
                .isEqualTo("first");

        assertThat(api.post("/api/metadata/workflow?overwrite=true", workflowDef(name, 1, "replaced"))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/metadata/workflow/" + name + "?version=1")
                        .json()
                        .get("description")
                        .asText())
                .isEqualTo("replaced");

        assertThat(api.post("/api/metadata/workflow", workflowDef(name, 2, "second"))
                        .status())
                .isEqualTo(200);
        JsonNode latest = api.get("/api/metadata/workflow/" + name).json();
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("tasks").get(0).get("taskReferenceName").asText()).isEqualTo("n1");
        assertThat(api.get("/api/metadata/workflow/" + name + "?version=1")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);

        List<Integer> versions = new ArrayList<>();
        api.get("/api/metadata/workflow").json().forEach(d -> {
            if (d.get("name").asText().equals(name)) {
                versions.add(d.get("version").asInt());
            }
        });
        assertThat(versions).containsExactly(1, 2);
        List<Integer> latestVersions = new ArrayList<>();
        api.get("/api/metadata/workflow/latest-versions").json().forEach(d -> {
            if (d.get("name").asText().equals(name)) {
                latestVersions.add(d.get("version").asInt());
            }
        });
        assertThat(latestVersions).containsExactly(2);
        JsonNode namesAndVersions =
                api.get("/api/metadata/workflow/names-and-versions").json().get(name);
        assertThat(namesAndVersions).hasSize(2);

        assertThat(api.delete("/api/metadata/workflow/" + name + "/2").status()).isEqualTo(200);
        assertThat(api.get("/api/metadata/workflow/" + name)
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/metadata/workflow/" + name + "?version=2").status())
                .isEqualTo(404);
        assertThat(api.delete("/api/metadata/workflow/" + name + "/2").status()).isEqualTo(404);
        assertThat(api.delete("/api/metadata/workflow/" + name + "/1").status()).isEqualTo(200);
        assertThat(api.get("/api/metadata/workflow/" + name).status()).isEqualTo(404);
    }

    @Test
    void putCreatesOrUpdatesAListOfWorkflowDefinitions() {
        String a = "api_put_a_" + RUN;
        String b = "api_put_b_" + RUN;
        assertThat(api.post("/api/metadata/workflow", workflowDef(a, 1, "old")).status())
                .isEqualTo(200);
        ApiTestServer.Reply put = api.put(
                "/api/metadata/workflow", "[" + workflowDef(a, 1, "new") + "," + workflowDef(b, 3, "created") + "]");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(api.get("/api/metadata/workflow/" + a)
                        .json()
                        .get("description")
                        .asText())
                .isEqualTo("new");
        assertThat(api.get("/api/metadata/workflow/" + b + "?version=3")
                        .json()
                        .get("description")
                        .asText())
                .isEqualTo("created");
    }

    @Test
    void definitionsReadBackWithTheFieldsBatonDoesNotReadAndConductorsAuditTimes() {
        String task = "api_rt_task_" + RUN;
        String wf = "api_rt_wf_" + RUN;
        long before = System.currentTimeMillis();
        assertThat(api.post("/api/metadata/taskdefs", """
                        [{"name":"%s","ownerEmail":"a@b.c","isolationGroupId":"g1","executionNameSpace":"ns",
                          "baseType":"SIMPLE","taskStatusListenerEnabled":false,"runtimeMetadata":["r"]}]""".formatted(task)).status())
                .isEqualTo(200);
        JsonNode td = api.get("/api/metadata/taskdefs/" + task).json();
        // as Conductor 3.32.1 answers: the unread fields as written, its defaults for the rest, the audit fields
        assertThat(td.get("isolationGroupId").asText()).isEqualTo("g1");
        assertThat(td.get("executionNameSpace").asText()).isEqualTo("ns");
        assertThat(td.get("baseType").asText()).isEqualTo("SIMPLE");
        assertThat(td.get("taskStatusListenerEnabled").asBoolean(true)).isFalse();
        assertThat(td.get("runtimeMetadata").toString()).isEqualTo("[\"r\"]");
        assertThat(td.get("maxRetryDelaySeconds").asInt(-1)).isZero();
        assertThat(td.get("backoffJitterMs").asInt(-1)).isZero();
        assertThat(td.get("totalTimeoutSeconds").asInt(-1)).isZero();
        long created = td.get("createTime").asLong();
        assertThat(created).isBetween(before, System.currentTimeMillis());
        assertThat(td.get("updateTime").asLong(-1)).isZero();
        assertThat(td.get("createdBy").asText()).isEmpty();
        assertThat(td.has("updatedBy")).isFalse();

        assertThat(api.put("/api/metadata/taskdefs", """
                        {"name":"%s","description":"changed"}""".formatted(task)).status())
                .isEqualTo(200);
        JsonNode updated = api.get("/api/metadata/taskdefs/" + task).json();
        assertThat(updated.get("createTime").asLong()).isEqualTo(created);
        assertThat(updated.get("updateTime").asLong()).isGreaterThanOrEqualTo(created);
        assertThat(updated.get("updatedBy").asText()).isEmpty();
        assertThat(updated.get("taskStatusListenerEnabled").asBoolean()).isTrue(); // the update did not say it

        assertThat(api.post("/api/metadata/workflow", """
                        {"name":"%s","ownerEmail":"a@b.c","workflowStatusListenerEnabled":true,
                         "workflowStatusListenerSink":"conductor:x","enforceSchema":false,"metadata":{"team":"a"},
                         "maskedFields":["card"],"failureWorkflowVersion":2,
                         "rateLimitConfig":{"rateLimitKey":"${workflow.input.k}","concurrentExecLimit":3},
                         "tasks":[{"name":"%s","taskReferenceName":"t1","metadata":{"m":1},"rateLimited":false,
                                   "cacheConfig":{"key":"${workflow.input.k}","ttlInSecond":60}}]}""".formatted(wf, task)).status())
                .isEqualTo(200);
        JsonNode def = api.get("/api/metadata/workflow/" + wf).json();
        assertThat(def.get("workflowStatusListenerEnabled").asBoolean()).isTrue();
        assertThat(def.get("workflowStatusListenerSink").asText()).isEqualTo("conductor:x");
        assertThat(def.get("enforceSchema").asBoolean(true)).isFalse();
        assertThat(def.get("metadata").toString()).isEqualTo("{\"team\":\"a\"}");
        assertThat(def.get("maskedFields").toString()).isEqualTo("[\"card\"]");
        assertThat(def.get("failureWorkflowVersion").asInt()).isEqualTo(2);
        assertThat(def.get("rateLimitConfig").toString())
                .isEqualTo("{\"rateLimitKey\":\"${workflow.input.k}\",\"concurrentExecLimit\":3,\"policy\":\"QUEUE\"}");
        assertThat(def.get("createTime").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(def.get("updateTime").asLong(-1)).isZero();
        JsonNode t1 = def.get("tasks").get(0);
        assertThat(t1.get("metadata").toString()).isEqualTo("{\"m\":1}");
        assertThat(t1.get("rateLimited").asBoolean(true)).isFalse();
        assertThat(t1.get("cacheConfig").toString()).isEqualTo("{\"key\":\"${workflow.input.k}\",\"ttlInSecond\":60}");

        JsonNode summary = api.get("/api/metadata/workflow/names-and-versions")
                .json()
                .get(wf)
                .get(0);
        assertThat(summary.get("createTime").asLong())
                .isEqualTo(def.get("createTime").asLong());
        assertThat(summary.get("updateTime").asLong(-1)).isZero();

        // a PUT stamps the update time and keeps what the document says
        assertThat(api.put("/api/metadata/workflow", "[" + def + "]").status()).isEqualTo(200);
        JsonNode put = api.get("/api/metadata/workflow/" + wf).json();
        assertThat(put.get("updateTime").asLong())
                .isGreaterThanOrEqualTo(def.get("createTime").asLong());
        assertThat(put.get("createTime").asLong())
                .isEqualTo(def.get("createTime").asLong());
        assertThat(put.get("metadata")).isEqualTo(def.get("metadata"));
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheJsonPathAndTheProblem() {
        assertFieldError(api.post("/api/metadata/workflow", """
                {"version":1,"tasks":[{"name":"noop","taskReferenceName":"n1","type":"NOOP"}]}"""), "$.name", "required");
        assertFieldError(api.post("/api/metadata/workflow", """
                {"name":"x_%s","version":"abc","tasks":[]}""".formatted(RUN)), "$.version", "Integer");
        assertFieldError(api.post("/api/metadata/workflow", """
                {"name":"x_%s","version":1,"tasks":[]}""".formatted(RUN)), "$.tasks", "at least one task");
        assertFieldError(
                api.post("/api/metadata/workflow", """
                {"name":"x_%s","tasks":[{"name":"a","taskReferenceName":"r","type":"NO_SUCH_TYPE"}]}""".formatted(RUN)), "$.tasks[0].type", "unknown task type");
        assertFieldError(api.post("/api/metadata/workflow", "{\"name\": \"x\", "), "$", "not valid JSON");
        assertFieldError(api.post("/api/metadata/workflow", "[]"), "$", "expected a JSON object");
        assertFieldError(api.post("/api/metadata/workflow", ""), "$", "body is required");
        assertFieldError(
                api.put(
                        "/api/metadata/workflow",
                        "[" + workflowDef("ok_" + RUN, 1, "d")
                                + ",{\"version\":1,\"tasks\":[{\"type\":\"NOOP\",\"taskReferenceName\":\"n\"}]}]"),
                "$[1].name",
                "required");
        assertFieldError(api.put("/api/metadata/workflow", "[]"), "$", "at least one");
        assertFieldError(api.post("/api/metadata/taskdefs", "{\"name\":\"t\"}"), "$", "expected a JSON array");
        assertFieldError(
                api.post(
                        "/api/metadata/taskdefs",
                        "[{\"name\":\"t_%s\"},{\"retryLogic\":\"SOMETIMES\"}]".formatted(RUN)),
                "$[1].retryLogic",
                "unknown retryLogic");
        assertFieldError(
                api.put("/api/metadata/taskdefs", "{\"name\":\"t\",\"retryCount\":-1}"), "$.retryCount", "0 or more");
        assertFieldError(api.get("/api/metadata/workflow/x?version=abc"), "version", "whole number");
        assertFieldError(api.delete("/api/metadata/workflow/x/0"), "version", "between 1");
        ApiTestServer.Reply huge =
                api.post("/api/metadata/workflow", workflowDef("huge_" + RUN, 1, "d".repeat(600 * 1024)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("$");
        assertThat(api.get("/api/metadata/workflow/huge_" + RUN).status()).isEqualTo(404);
        // nothing of it was stored
        assertThat(api.get("/api/metadata/workflow/ok_" + RUN).status()).isEqualTo(404);
        assertThat(api.get("/api/metadata/taskdefs/t_" + RUN).status()).isEqualTo(404);
    }

    @Test
    void unknownDefinitionsAreNotFound() {
        ApiTestServer.Reply r = api.get("/api/metadata/workflow/no_such_" + RUN);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).contains("no_such_" + RUN);
        assertThat(api.get("/api/metadata/taskdefs/no_such_" + RUN).status()).isEqualTo(404);
        assertThat(api.delete("/api/metadata/taskdefs/no_such_" + RUN).status()).isEqualTo(404);
    }

    static void assertFieldError(ApiTestServer.Reply r, String path, String problem) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(body.get("message").asText()).isNotBlank();
        List<String> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        body.get("validationErrors").forEach(e -> {
            paths.add(e.get("path").asText());
            problems.add(e.get("message").asText());
        });
        assertThat(paths).as(r.toString()).contains(path);
        assertThat(problems.get(paths.indexOf(path))).as(r.toString()).containsIgnoringCase(problem);
    }
}
