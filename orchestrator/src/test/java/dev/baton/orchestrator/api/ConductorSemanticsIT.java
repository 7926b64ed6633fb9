package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor's semantics as a user sees them over the REST API, on a real orchestrator and broker:
 * EXCLUSIVE_JOIN's default tasks, a retried task's back-off, totalTimeoutSeconds, the variables
 * limit, and Conductor's reasons for a DYNAMIC task without a name and a missing sub-workflow.
 */
@KafkaCluster
class ConductorSemanticsIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static ApiTestServer api;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        api = ApiTestServer.start(kafka.bootstrapServers(), Map.of("baton.max-workflow-variables-kb", 1));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static ApiTestServer.Reply ok(ApiTestServer.Reply r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 204);
        return r;
    }

    private static String name(String what) {
        return "sem_" + what + "_" + RUN;
    }

    private static String register(String what, String tasks) {
        ok(api.post(
                "/api/metadata/workflow",
                "{\"name\":\"%s\",\"version\":1,\"tasks\":[%s]}".formatted(name(what), tasks)));
        return ok(api.post("/api/workflow", "{\"name\":\"%s\",\"input\":{}}".formatted(name(what))))
                .body();
    }

    private static JsonNode awaitWorkflow(String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    last[0] = ok(api.get("/api/workflow/" + id)).json();
                    assertThat(last[0].get("status").asText()).isEqualTo(status);
                });
        return last[0];
    }

    private static JsonNode task(JsonNode wf, int index) {
        return wf.get("tasks").get(index);
    }

    @Test
    void anExclusiveJoinTakesItsDefaultTaskWhenNoneOfItsTasksRan() {
        String id = register("xjoin", """
                {"name":"first","taskReferenceName":"first","type":"INLINE",
                 "inputParameters":{"evaluatorType":"javascript","expression":"'from first'"}},
                {"name":"sw","taskReferenceName":"sw","type":"SWITCH","evaluatorType":"value-param","expression":"c",
                 "inputParameters":{"c":"none"},"decisionCases":{"x":[{"name":"other","taskReferenceName":"other",
                 "type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"2"}}]}},
                {"name":"xj","taskReferenceName":"xj","type":"EXCLUSIVE_JOIN","joinOn":["other"],
                 "defaultExclusiveJoinTask":["first"]}""");

        JsonNode wf = awaitWorkflow(id, "COMPLETED");

        JsonNode join = task(wf, 2);
        assertThat(join.get("outputData").get("result").asText()).isEqualTo("from first");
        assertThat(join.get("inputData").get("defaultExclusiveJoinTask").get(0).asText())
                .isEqualTo("first");
        JsonNode def = ok(api.get("/api/metadata/workflow/" + name("xjoin"))).json();
        assertThat(def.at("/tasks/2/defaultExclusiveJoinTask/0").asText()).isEqualTo("first");
    }

    @Test
    void aRetriedTaskShowsItsBackOffBeforeAndAfterItIsSent() {
        String type = name("backoff_task");
        ok(api.post("/api/metadata/taskdefs", """
                [{"name":"%s","retryCount":1,"retryLogic":"FIXED","retryDelaySeconds":2,"responseTimeoutSeconds":3600}]""".formatted(type)));
        String id = register(
                "backoff", "{\"name\":\"%s\",\"taskReferenceName\":\"w\",\"type\":\"SIMPLE\"}".formatted(type));
        ok(api.post("/api/tasks/" + id + "/w/FAILED", "{}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode wf = ok(api.get("/api/workflow/" + id)).json();
            assertThat(wf.get("tasks")).hasSize(2);
            assertThat(task(wf, 1).get("startDelayInSeconds").asInt()).isEqualTo(2);
            assertThat(task(wf, 1).get("callbackAfterSeconds").asInt()).isEqualTo(2);
        });
        JsonNode polled = awaitPoll(type);
        assertThat(polled.get("retryCount").asInt()).isEqualTo(1);
        assertThat(polled.get("startDelayInSeconds").asInt()).isEqualTo(2);

        JsonNode taken = task(ok(api.get("/api/workflow/" + id)).json(), 1);
        assertThat(taken.get("startDelayInSeconds").asInt())
                .as("after it was sent and taken")
                .isEqualTo(2);
        assertThat(taken.get("callbackAfterSeconds").asInt()).isZero();
    }

    @Test
    void aReadRightAfterAPollALogOrAnUpdateShowsIt() {
        String type = name("read_after_poll");
        ok(api.post("/api/metadata/taskdefs", """
                [{"name":"%s","retryCount":0,"responseTimeoutSeconds":3600}]""".formatted(type)));
        String first = register(
                "read_after_poll", "{\"name\":\"%s\",\"taskReferenceName\":\"w\",\"type\":\"SIMPLE\"}".formatted(type));
        java.util.Set<String> started = new java.util.HashSet<>(java.util.List.of(first));
        for (int i = 1; i < 20; i++) {
            started.add(
                    ok(api.post("/api/workflow", "{\"name\":\"%s\",\"input\":{}}".formatted(name("read_after_poll"))))
                            .body());
        }
        for (int i = 0; i < started.size(); i++) {
            JsonNode polled = awaitPoll(type);
            String wfId = polled.get("workflowInstanceId").asText();
            String taskId = polled.get("taskId").asText();
            assertThat(started).contains(wfId);

            JsonNode inWorkflow = task(ok(api.get("/api/workflow/" + wfId)).json(), 0);
            assertThat(inWorkflow.get("status").asText())
                    .as("workflow read right after poll %d", i)
                    .isEqualTo("IN_PROGRESS");
            assertThat(inWorkflow.get("pollCount").asInt()).isEqualTo(1);
            JsonNode alone = ok(api.get("/api/tasks/" + taskId)).json();
            assertThat(alone.get("status").asText())
                    .as("task read right after poll %d", i)
                    .isEqualTo("IN_PROGRESS");

            ok(api.post("/api/tasks/" + taskId + "/log", "line " + i));
            assertThat(ok(api.get("/api/tasks/" + taskId + "/log")).json().findValuesAsText("log"))
                    .as("logs read right after the log call %d", i)
                    .containsExactly("line " + i);

            if (i % 2 == 0) {
                ok(api.post("/api/tasks", """
                        {"workflowInstanceId":"%s","taskId":"%s","status":"IN_PROGRESS","callbackAfterSeconds":60}""".formatted(wfId, taskId)));
                assertThat(ok(api.get("/api/tasks/" + taskId))
                                .json()
                                .get("callbackAfterSeconds")
                                .asInt())
                        .as("task read right after its IN_PROGRESS update %d", i)
                        .isEqualTo(60);
            }
            // updated by reference, as Conductor's update of a task by its workflow and reference name
            String end = i % 2 == 0 ? "COMPLETED" : "FAILED";
            ok(api.post("/api/tasks/" + wfId + "/w/" + end, "{}"));
            assertThat(ok(api.get("/api/workflow/" + wfId)).json().get("status").asText())
                    .as("workflow read right after its task was updated by reference to %s (%d)", end, i)
                    .isEqualTo(end);
        }
    }

    private static JsonNode awaitPoll(String type) {
        JsonNode[] polled = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    ApiTestServer.Reply r = api.get("/api/tasks/poll/" + type + "?workerid=it");
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    polled[0] = r.json();
                });
        return polled[0];
    }

    @Test
    void theFirstPollOfANewTaskTypeGetsTheTaskAlreadyWaiting() {
        for (int i = 0; i < 3; i++) {
            String type = name("first_poll_" + i);
            ok(api.post("/api/metadata/taskdefs", "[{\"name\":\"%s\"}]".formatted(type)));
            ok(api.post("/api/metadata/workflow", """
                    {"name":"%s","version":1,"tasks":[{"name":"%s","taskReferenceName":"t","type":"SIMPLE"}]}""".formatted(type, type)));
            String id = ok(api.post("/api/workflow/" + type, "{}")).body();

            // one poll, no retry: as in Conductor, the task is handed out, though this poll starts the type's queue
            ApiTestServer.Reply polled = api.get("/api/tasks/poll/" + type + "?workerid=it");
            assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
            assertThat(polled.json().get("workflowInstanceId").asText()).isEqualTo(id);
        }
    }

    @Test
    void everyAcceptHeaderGetsTheEndpointsOneRepresentationAsInConductor() throws Exception {
        String type = name("accept_task");
        ok(api.post("/api/metadata/taskdefs", "[{\"name\":\"%s\"}]".formatted(type)));
        ok(api.post("/api/metadata/workflow", """
                {"name":"%s","version":1,"tasks":[{"name":"%s","taskReferenceName":"t","type":"SIMPLE"}]}""".formatted(type, type)));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String accept : List.of("application/json", "text/plain", "application/xml", "*/*")) {
            java.net.http.HttpResponse<String> started = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/workflow/" + type))
                            .header("Content-Type", "application/json")
                            .header("Accept", accept)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(accept + ": " + started.body()).isEqualTo(200);
            assertThat(started.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String id = started.body();
            java.net.http.HttpResponse<String> read = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/workflow/" + id))
                            .header("Accept", accept)
                            .GET()
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(accept + ": " + read.body()).isEqualTo(200);
            assertThat(read.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode task = awaitPoll(type);
            java.net.http.HttpResponse<String> updated = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/tasks"))
                            .header("Content-Type", "application/json")
                            .header("Accept", accept)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    """
                                    {"workflowInstanceId":"%s","taskId":"%s","status":"COMPLETED"}""".formatted(id, task.get("taskId").asText())))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(updated.statusCode()).as(accept + ": " + updated.body()).isEqualTo(200);
            assertThat(updated.body()).isEqualTo(task.get("taskId").asText());
            awaitWorkflow(id, "COMPLETED");
        }
    }

    @Test
    void aTaskDefinitionKeepsConductorsRetryJitterAndCap() {
        String type = name("jitter_task");
        ok(api.post("/api/metadata/taskdefs", """
                [{"name":"%s","retryDelaySeconds":2,"backoffJitterMs":1500,"maxRetryDelaySeconds":3},
                 {"name":"%s_plain"}]""".formatted(type, type)));
        JsonNode jittered = ok(api.get("/api/metadata/taskdefs/" + type)).json();
        assertThat(jittered.get("backoffJitterMs").asInt()).isEqualTo(1500);
        assertThat(jittered.get("maxRetryDelaySeconds").asInt()).isEqualTo(3);
        // as Conductor 3.32.1 writes them: always, 0 when unset
        JsonNode plain =
                ok(api.get("/api/metadata/taskdefs/" + type + "_plain")).json();
        assertThat(jittered.get("totalTimeoutSeconds").asInt(-1)).isZero();
        for (String field : List.of("backoffJitterMs", "maxRetryDelaySeconds", "totalTimeoutSeconds")) {
            assertThat(plain.get(field).asInt(-1)).as(field).isZero();
        }
        ApiTestServer.Reply negative = api.post("/api/metadata/taskdefs", """
                [{"name":"%s_negative","backoffJitterMs":-5}]""".formatted(type));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("$[0].backoffJitterMs");
    }

    @Test
    void aTaskOverItsTotalTimeoutTimesTheWorkflowOut() {
        String type = name("total_task");
        ok(api.post("/api/metadata/taskdefs", """
                [{"name":"%s","retryCount":3,"retryDelaySeconds":0,"timeoutPolicy":"TIME_OUT_WF","totalTimeoutSeconds":2,
                  "responseTimeoutSeconds":3600}]""".formatted(type)));
        assertThat(ok(api.get("/api/metadata/taskdefs/" + type))
                        .json()
                        .get("totalTimeoutSeconds")
                        .asInt())
                .isEqualTo(2);
        ApiTestServer.Reply bad = api.post("/api/metadata/taskdefs", """
                [{"name":"%s_bad","timeoutSeconds":60,"totalTimeoutSeconds":30}]""".formatted(type));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("timeoutSeconds: 60 must be less than or equal to totalTimeoutSeconds: 30");

        String id =
                register("total", "{\"name\":\"%s\",\"taskReferenceName\":\"w\",\"type\":\"SIMPLE\"}".formatted(type));

        JsonNode wf = awaitWorkflow(id, "TIMED_OUT");
        assertThat(wf.get("reasonForIncompletion").asText())
                .startsWith("Task " + type + "/")
                .contains("exceeded total timeout of 2 seconds")
                .endsWith("Timeout policy: TIME_OUT_WF");
        assertThat(task(wf, 0).get("status").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void variablesBeyondTheLimitFailTheWorkflow() {
        String id = register("vars", """
                {"name":"set","taskReferenceName":"set","type":"SET_VARIABLE","inputParameters":{"big":"%s"}}""".formatted("x".repeat(1100)));

        JsonNode wf = awaitWorkflow(id, "FAILED");
        assertThat(task(wf, 0).get("status").asText()).isEqualTo("FAILED_WITH_TERMINAL_ERROR");
        assertThat(wf.get("reasonForIncompletion").asText())
                .endsWith("and reason: 'The variables payload size: 1110 of" + " workflow: " + id
                        + " is greater than the permissible limit: 1 kilobytes'");
    }

    @Test
    void aDynamicTaskWithoutANameAndAMissingSubWorkflowFailInConductorsWords() {
        String dyn = register("dyn", """
                {"name":"dyn","taskReferenceName":"dyn","type":"DYNAMIC","dynamicTaskNameParam":"taskToExecute",
                 "inputParameters":{"taskToExecute":"${workflow.input.t}"}}""");
        String sub = register("nosub", """
                {"name":"s","taskReferenceName":"s","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"%s"}}""".formatted(name("nowhere")));

        assertThat(awaitWorkflow(dyn, "FAILED").get("reasonForIncompletion").asText())
                .isEqualTo(
                        "Cannot map a dynamic"
                                + " task based on the parameter and input. Parameter= taskToExecute, input= {taskToExecute=null}");
        assertThat(awaitWorkflow(sub, "FAILED").get("reasonForIncompletion").asText())
                .isEqualTo("The Task " + name("nowhere")
                        + " defined as a sub-workflow has no workflow definition available ");
    }
}
