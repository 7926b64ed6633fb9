package dev.baton.orchestrator.api;

import static dev.baton.orchestrator.api.MetadataApiIT.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow API on a real orchestrator and broker over plain HTTP: starting (with idempotency
 * keys, inline definitions, synchronously), reading, the operator commands with their 404/409
 * answers, correlation and search with paging, filters and sort, and the error bodies.
 */
@KafkaCluster
class WorkflowApiIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Completes at once: output.sum = a + b. */
    static final String QUICK = "api_quick_" + RUN;
    /** Waits (WAIT without duration) before its second task: stays RUNNING. */
    static final String WAITING = "api_wait_" + RUN;
    /** Its only task fails: ends FAILED. */
    static final String FAILING = "api_fail_" + RUN;
    /** A first task, a 2 s WAIT, a last task. */
    static final String SLOW = "api_slow_" + RUN;

    private static ApiTestServer api;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        api = ApiTestServer.start(kafka.bootstrapServers(), Map.of());
        register(quickDef(QUICK));
        register("""
                {"name":"%s","version":1,"tasks":[
                  {"name":"wait","taskReferenceName":"w","type":"WAIT"},
                  {"name":"later","taskReferenceName":"later","type":"INLINE",
                   "inputParameters":{"evaluatorType":"javascript","expression":"1"}}]}""".formatted(WAITING));
        register("""
                {"name":"%s","version":1,"tasks":[
                  {"name":"boom","taskReferenceName":"boom","type":"INLINE",
                   "inputParameters":{"evaluatorType":"javascript","expression":"(function(){ throw new Error('boom'); })()"}}]}""".formatted(FAILING));
        register("""
                {"name":"%s","version":1,"tasks":[
                  {"name":"first","taskReferenceName":"first","type":"INLINE",
                   "inputParameters":{"evaluatorType":"javascript","expression":"1"}},
                  {"name":"pause","taskReferenceName":"pause","type":"WAIT","inputParameters":{"duration":"2s"}},
                  {"name":"last","taskReferenceName":"last","type":"INLINE",
                   "inputParameters":{"evaluatorType":"javascript","expression":"2"}}],
                 "outputParameters":{"last":"${last.output.result}"}}""".formatted(SLOW));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static String quickDef(String name) {
        return """
                {"name":"%s","version":1,"tasks":[
                  {"name":"calc","taskReferenceName":"calc","type":"INLINE",
                   "inputParameters":{"evaluatorType":"javascript","a":"${workflow.input.a}","b":"${workflow.input.b}",
                                      "expression":"$.a + $.b"}}],
                 "outputParameters":{"sum":"${calc.output.result}"}}""".formatted(name);
    }

    private static void register(String def) {
        ApiTestServer.Reply r = api.post("/api/metadata/workflow", def);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    static String start(String body) {
        ApiTestServer.Reply r = api.post("/api/workflow", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.body();
    }

    static String startQuick(int a, int b, String correlationId) {
        return start("""
                {"name":"%s","input":{"a":%d,"b":%d},"correlationId":%s}""".formatted(QUICK, a, b, correlationId == null ? "null" : "\"" + correlationId + "\""));
    }

    static JsonNode workflow(String id) {
        ApiTestServer.Reply r = api.get("/api/workflow/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    static JsonNode awaitStatus(String id, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    last[0] = workflow(id);
                    assertThat(last[0].get("status").asText()).isEqualTo(status);
                });
        return last[0];
    }

    @Test
    void aStartedWorkflowIsReadableAtOnceAndRunsToItsOutput() {
        String id = startQuick(2, 3, "corr-" + RUN);
        JsonNode wf = workflow(id); // no waiting: the start returns once the instance is visible
        assertThat(wf.get("workflowId").asText()).isEqualTo(id);
        assertThat(wf.get("workflowName").asText()).isEqualTo(QUICK);
        assertThat(wf.get("workflowVersion").asInt()).isEqualTo(1);
        assertThat(wf.get("correlationId").asText()).isEqualTo("corr-" + RUN);
        assertThat(wf.get("input").get("a").asInt()).isEqualTo(2);
        assertThat(wf.get("workflowDefinition").get("name").asText()).isEqualTo(QUICK);

        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(done.get("output").get("sum").asInt()).isEqualTo(5);
        assertThat(done.get("tasks")).hasSize(1);
        assertThat(done.get("tasks").get(0).get("referenceTaskName").asText()).isEqualTo("calc");
        assertThat(done.get("tasks").get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(api.get("/api/workflow/" + id + "?includeTasks=false").json().get("tasks"))
                .isEmpty();
    }

    @Test
    void startByNameTakesTheInputAsBody() {
        ApiTestServer.Reply r =
                api.post("/api/workflow/" + QUICK + "?version=1&correlationId=byname-" + RUN, "{\"a\":20,\"b\":22}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode done = awaitStatus(r.body(), "COMPLETED");
        assertThat(done.get("output").get("sum").asInt()).isEqualTo(42);
        assertThat(done.get("correlationId").asText()).isEqualTo("byname-" + RUN);

        assertThat(api.post("/api/workflow/" + QUICK, "").status()).isEqualTo(200); // no body: empty input
        assertFieldError(api.post("/api/workflow/" + QUICK, "[1,2]"), "$", "expected a JSON object");
        assertFieldError(api.post("/api/workflow/" + QUICK + "?version=two", "{}"), "version", "whole number");
        assertFieldError(api.post("/api/workflow/" + QUICK + "?priority=100", "{}"), "priority", "between 0 and 99");
        ApiTestServer.Reply unknownVersion = api.post("/api/workflow/" + QUICK + "?version=7", "{}");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion
                        .json()
                        .get("validationErrors")
                        .get(0)
                        .get("path")
                        .asText())
                .isEqualTo("$.version");
        ApiTestServer.Reply unknownName = api.post("/api/workflow/no_such_wf_" + RUN, "{}");
        assertThat(unknownName.status()).isEqualTo(404);
        assertThat(unknownName.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("$.name");
    }

    @Test
    void anInlineDefinitionRunsWithoutRegistration() {
        String name = "api_inline_" + RUN;
        String id =
                start("{\"name\":\"" + name + "\",\"input\":{\"a\":1,\"b\":1},\"workflowDef\":" + quickDef(name) + "}");
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(done.get("output").get("sum").asInt()).isEqualTo(2);
        assertThat(done.get("workflowDefinition")
                        .get("tasks")
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("calc");
        assertThat(api.get("/api/metadata/workflow/" + name).status()).isEqualTo(404);
        // the name may come from the definition alone
        String id2 = start("{\"input\":{\"a\":1,\"b\":2},\"workflowDef\":" + quickDef(name) + "}");
        assertThat(awaitStatus(id2, "COMPLETED").get("output").get("sum").asInt())
                .isEqualTo(3);
    }

    @Test
    void badStartRequestsNameTheFieldAndStartNothing() {
        assertFieldError(api.post("/api/workflow", "{\"input\":{}}"), "$.name", "required");
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"version\":\"x\"}"),
                "$.version",
                "whole number");
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"version\":0}"), "$.version", "between");
        // as Conductor: an explicit null input is refused, a missing one starts with {}
        ApiTestServer.Reply nullInput = api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"input\":null}");
        assertThat(nullInput.status()).as(nullInput.toString()).isEqualTo(400);
        assertThat(nullInput.json().get("message").asText()).isEqualTo("NULL input passed when starting workflow");
        assertThat(workflow(start("{\"name\":\"" + QUICK + "\"}")).get("input").size())
                .isZero();
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"input\":[1]}"),
                "$.input",
                "expected a JSON object");
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"priority\":100}"),
                "$.priority",
                "between 0 and 99");
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"taskToDomain\":{\"a\":1}}"),
                "$.taskToDomain.a",
                "expected a string");
        assertFieldError(
                api.post(
                        "/api/workflow",
                        "{\"name\":\"" + QUICK + "\",\"idempotencyKey\":\"k\",\"idempotencyStrategy\":\"MAYBE\"}"),
                "$.idempotencyStrategy",
                "FAIL");
        assertFieldError(
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"correlationId\":{}}"),
                "$.correlationId",
                "expected a string");
        assertFieldError(api.post("/api/workflow", "{\"name\":"), "$", "not valid JSON");
        assertFieldError(api.post("/api/workflow", "{\"name\":\"a\"} trailing"), "$", "not valid JSON");
        assertFieldError(api.post("/api/workflow", "\"just a string\""), "$", "expected a JSON object");
        assertFieldError(api.post("/api/workflow", null), "$", "required");
        assertFieldError(
                api.post(
                        "/api/workflow",
                        "{\"workflowDef\":{\"name\":\"x\",\"tasks\":[{\"type\":\"SIMPLE\","
                                + "\"taskReferenceName\":\"r\"}]}}"),
                "$.workflowDef.tasks[0].name",
                "needs a name");
        ApiTestServer.Reply huge = api.post(
                "/api/workflow",
                "{\"name\":\"" + QUICK + "\",\"input\":{\"blob\":\"" + "x".repeat(600 * 1024) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("$.input");
        ApiTestServer.Reply unknown = api.post("/api/workflow", "{\"name\":\"no_such_wf_" + RUN + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("$.name");
    }

    @Test
    void pauseResumeAndTerminateAreVisibleOnReturnAndRefusedWhenTheyDoNotApply() {
        String id = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.put("/api/workflow/" + id + "/pause", null).status()).isEqualTo(200);
        assertThat(workflow(id).get("status").asText()).isEqualTo("PAUSED");
        assertThat(api.put("/api/workflow/" + id + "/pause", null).status()).isEqualTo(200); // already paused: no-op
        assertThat(api.put("/api/workflow/" + id + "/resume", null).status()).isEqualTo(200);
        assertThat(workflow(id).get("status").asText()).isEqualTo("RUNNING");
        ApiTestServer.Reply resumeRunning = api.put("/api/workflow/" + id + "/resume", null);
        assertThat(resumeRunning.status()).isEqualTo(409);
        assertThat(resumeRunning.json().get("code").asText()).isEqualTo("CONFLICT");
        assertThat(resumeRunning.json().get("message").asText()).contains("not PAUSED");

        assertThat(api.delete("/api/workflow/" + id + "?reason=operator%20said%20so")
                        .status())
                .isEqualTo(200);
        JsonNode terminated = workflow(id);
        assertThat(terminated.get("status").asText()).isEqualTo("TERMINATED");
        assertThat(terminated.get("reasonForIncompletion").asText()).isEqualTo("operator said so");
        // as in Conductor: terminated already, nothing changes
        assertThat(api.delete("/api/workflow/" + id + "?reason=again").status()).isEqualTo(200);
        assertThat(workflow(id).get("reasonForIncompletion").asText()).isEqualTo("operator said so");
        assertThat(api.put("/api/workflow/" + id + "/pause", null).status()).isEqualTo(409);
        assertThat(api.put("/api/workflow/" + id + "/resume", null).status()).isEqualTo(409);

        String unknown = UUID.randomUUID().toString();
        for (ApiTestServer.Reply r : List.of(
                api.get("/api/workflow/" + unknown),
                api.put("/api/workflow/" + unknown + "/pause", null),
                api.put("/api/workflow/" + unknown + "/resume", null),
                api.delete("/api/workflow/" + unknown),
                api.delete("/api/workflow/" + unknown + "/remove"),
                api.post("/api/workflow/" + unknown + "/restart", null),
                api.post("/api/workflow/" + unknown + "/retry", null),
                api.post("/api/workflow/" + unknown + "/rerun", "{}"),
                api.put("/api/workflow/" + unknown + "/skiptask/later", null),
                api.put("/api/workflow/decide/" + unknown, null),
                api.post("/api/workflow/" + unknown + "/resetcallbacks", null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("message").asText()).as(r.toString()).contains(unknown);
        }
    }

    @Test
    void terminateEndsAFailedWorkflowAndRefusesACompletedOne() {
        String failed = start("{\"name\":\"" + FAILING + "\"}");
        awaitStatus(failed, "FAILED");
        ApiTestServer.Reply r = api.delete("/api/workflow/" + failed);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode wf = workflow(failed);
        assertThat(wf.get("status").asText()).isEqualTo("TERMINATED");
        assertThat(wf.path("reasonForIncompletion").isTextual())
                .as(wf.toString())
                .isFalse();
        String withReason = start("{\"name\":\"" + FAILING + "\"}");
        awaitStatus(withReason, "FAILED");
        assertThat(api.delete("/api/workflow/" + withReason + "?reason=cleanup").status())
                .isEqualTo(200);
        assertThat(workflow(withReason).get("reasonForIncompletion").asText()).isEqualTo("cleanup");

        String completed = startQuick(1, 1, null);
        awaitStatus(completed, "COMPLETED");
        ApiTestServer.Reply refused = api.delete("/api/workflow/" + completed);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).isEqualTo("Cannot terminate a COMPLETED workflow.");

        String failedAgain = start("{\"name\":\"" + FAILING + "\"}");
        awaitStatus(failedAgain, "FAILED");
        JsonNode bulk = api.post(
                        "/api/workflow/bulk/terminate?reason=bulk",
                        "[\"" + failedAgain + "\",\"" + failed + "\",\"" + completed + "\"]")
                .json();
        assertThat(ids(bulk.get("bulkSuccessfulResults"), null)).containsExactly(failedAgain, failed);
        assertThat(bulk.get("bulkErrorResults").get(completed).asText())
                .isEqualTo("Cannot terminate a COMPLETED workflow.");
        assertThat(workflow(failedAgain).get("status").asText()).isEqualTo("TERMINATED");
        assertThat(workflow(failedAgain).get("reasonForIncompletion").asText()).isEqualTo("bulk");
        assertThat(workflow(completed).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void removeDeletesTheInstance() {
        String id = start("{\"name\":\"" + WAITING + "\"}");
        // as in Conductor, a workflow that still runs cannot be archived, which a remove does by default
        ApiTestServer.Reply refused = api.delete("/api/workflow/" + id + "/remove");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("message").asText())
                .isEqualTo("Cannot archive workflow: " + id + " with status: RUNNING");
        assertThat(api.get("/api/workflow/" + id).status()).isEqualTo(200);
        assertThat(api.delete("/api/workflow/" + id + "?reason=done").status()).isEqualTo(200);
        assertThat(api.delete("/api/workflow/" + id + "/remove").status()).isEqualTo(200);
        assertThat(api.get("/api/workflow/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/workflow/" + id + "/remove").status()).isEqualTo(404);
        String running = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.delete("/api/workflow/" + running + "/remove?archiveWorkflow=false")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/workflow/" + running).status()).isEqualTo(404);
        assertFieldError(
                api.delete("/api/workflow/" + running + "/remove?archiveWorkflow=perhaps"),
                "archiveWorkflow",
                "true or false");
    }

    @Test
    void restartRunsAFinishedWorkflowAgainAndRefusesARunningOne() {
        String id = startQuick(4, 4, null);
        String firstTaskId =
                awaitStatus(id, "COMPLETED").get("tasks").get(0).get("taskId").asText();
        assertThat(api.post("/api/workflow/" + id + "/restart", null).status()).isEqualTo(204);
        JsonNode again = awaitStatus(id, "COMPLETED");
        assertThat(again.get("tasks")).hasSize(1);
        assertThat(again.get("tasks").get(0).get("taskId").asText()).isNotEqualTo(firstTaskId);
        assertThat(again.get("output").get("sum").asInt()).isEqualTo(8);
        assertThat(api.post("/api/workflow/" + id + "/restart?useLatestDefinitions=true", null)
                        .status())
                .isEqualTo(204);
        awaitStatus(id, "COMPLETED");

        String running = start("{\"name\":\"" + WAITING + "\"}");
        ApiTestServer.Reply refused = api.post("/api/workflow/" + running + "/restart", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("RUNNING");
        assertFieldError(
                api.post("/api/workflow/" + running + "/restart?useLatestDefinitions=yes", null),
                "useLatestDefinitions",
                "true or false");
    }

    @Test
    void aNonRestartableDefinitionRefusesToRestartACompletedRunWithConductorsNotFound() {
        String name = "api_non_restartable_" + RUN;
        register(quickDef(name).replaceFirst("\\{", "{\"restartable\":false,"));
        String id = start("{\"name\":\"" + name + "\",\"input\":{\"a\":1,\"b\":1}}");
        awaitStatus(id, "COMPLETED");
        ApiTestServer.Reply refused = api.post("/api/workflow/" + id + "/restart", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(refused.json().get("message").asText()).contains("non-restartable");
        assertThat(workflow(id).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void retryGivesTheFailedTaskANewAttempt() {
        String id = start("{\"name\":\"" + FAILING + "\"}");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("tasks")).hasSize(1);
        assertThat(failed.get("reasonForIncompletion").asText()).contains("boom");
        assertThat(api.post("/api/workflow/" + id + "/retry", null).status()).isEqualTo(204);
        JsonNode retried = awaitStatus(id, "FAILED");
        assertThat(retried.get("tasks")).hasSize(2);
        assertThat(retried.get("tasks").get(0).get("retried").asBoolean()).isTrue();
        assertThat(retried.get("lastRetriedTime").asLong()).isPositive();
        assertThat(api.post("/api/workflow/" + id + "/retry?resumeSubworkflowTasks=true", null)
                        .status())
                .isEqualTo(204);
        assertThat(awaitStatus(id, "FAILED").get("tasks")).hasSize(3);

        // Conductor's answers: 404 while it runs, 409 when nothing failed
        String running = start("{\"name\":\"" + WAITING + "\"}");
        ApiTestServer.Reply stillRunning = api.post("/api/workflow/" + running + "/retry", null);
        assertThat(stillRunning.status()).isEqualTo(404);
        assertThat(stillRunning.json().get("message").asText()).isEqualTo("Workflow is still running.  status=RUNNING");
        String completed = startQuick(1, 2, null);
        awaitStatus(completed, "COMPLETED");
        ApiTestServer.Reply nothingFailed = api.post("/api/workflow/" + completed + "/retry", null);
        assertThat(nothingFailed.status()).isEqualTo(409);
        assertThat(nothingFailed.json().get("message").asText()).startsWith("There are no retryable tasks!");
        // as Conductor: with resumeSubworkflowTasks, nothing to retry is no error, and nothing changes
        long updatedBefore = workflow(completed).path("updateTime").asLong();
        assertThat(api.post("/api/workflow/" + completed + "/retry?resumeSubworkflowTasks=true", null)
                        .status())
                .isEqualTo(204);
        JsonNode unchanged = workflow(completed);
        assertThat(unchanged.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(unchanged.path("updateTime").asLong()).isEqualTo(updatedBefore);
        assertThat(unchanged.get("tasks")).hasSize(1);
    }

    @Test
    void retryWithResumeSubworkflowTasksRetriesTheChildInPlace() {
        String parentName = "api_parent_" + RUN;
        register("""
                {"name":"%s","version":1,"tasks":[{"name":"child","taskReferenceName":"child","type":"SUB_WORKFLOW",
                  "subWorkflowParam":{"name":"%s","version":1}}]}""".formatted(parentName, FAILING));
        String parent = start("{\"name\":\"" + parentName + "\"}");
        JsonNode failed = awaitStatus(parent, "FAILED");
        String child = failed.get("tasks").get(0).get("subWorkflowId").asText();
        assertThat(workflow(child).get("tasks")).hasSize(1);

        assertThat(api.post("/api/workflow/" + parent + "/retry?resumeSubworkflowTasks=true", null)
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(workflow(child).get("tasks")).hasSize(2); // the same child ran its failed task again
            assertThat(workflow(parent).get("status").asText()).isEqualTo("FAILED");
        });
        JsonNode resumed = workflow(parent);
        assertThat(resumed.get("tasks")).hasSize(1); // no new SUB_WORKFLOW attempt, no new child
        assertThat(resumed.get("tasks").get(0).get("subWorkflowId").asText()).isEqualTo(child);

        assertThat(api.post("/api/workflow/" + parent + "/retry", null).status())
                .isEqualTo(204);
        JsonNode plain = awaitStatus(parent, "FAILED");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(workflow(parent).get("tasks")).hasSize(2)); // a new attempt with a new child
        assertThat(workflow(parent).get("tasks").get(1).get("subWorkflowId").asText())
                .isNotEqualTo(child);
        assertThat(plain.get("workflowId").asText()).isEqualTo(parent);
    }

    @Test
    void rerunFromATaskOrFromTheStartWithNewInput() {
        String id = startQuick(2, 3, null);
        JsonNode done = awaitStatus(id, "COMPLETED");
        String calcId = done.get("tasks").get(0).get("taskId").asText();

        ApiTestServer.Reply fromTask = api.post("/api/workflow/" + id + "/rerun", """
                {"reRunFromWorkflowId":"%s","reRunFromTaskId":"%s",
                 "taskInput":{"evaluatorType":"javascript","a":10,"b":1,"expression":"$.a + $.b"}}""".formatted(id, calcId));
        assertThat(fromTask.status()).as(fromTask.toString()).isEqualTo(200);
        assertThat(fromTask.body()).isEqualTo(id);
        assertThat(awaitStatus(id, "COMPLETED").get("output").get("sum").asInt())
                .isEqualTo(11);

        assertThat(api.post("/api/workflow/" + id + "/rerun", "{\"workflowInput\":{\"a\":5,\"b\":5}}")
                        .status())
                .isEqualTo(200);
        JsonNode rerun = awaitStatus(id, "COMPLETED");
        assertThat(rerun.get("output").get("sum").asInt()).isEqualTo(10);
        assertThat(rerun.get("input").get("a").asInt()).isEqualTo(5);
        assertThat(rerun.path("correlationId").isTextual()).isFalse();
        assertThat(api.post("/api/workflow/" + id + "/rerun", "{\"correlationId\":\"rerun-" + RUN + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(awaitStatus(id, "COMPLETED").get("correlationId").asText()).isEqualTo("rerun-" + RUN);

        ApiTestServer.Reply noTask = api.post("/api/workflow/" + id + "/rerun", "{\"reRunFromTaskId\":\"nope\"}");
        assertThat(noTask.status()).isEqualTo(404);
        assertThat(noTask.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("$.reRunFromTaskId");
        assertFieldError(
                api.post("/api/workflow/" + id + "/rerun", "{\"taskInput\":\"x\"}"),
                "$.taskInput",
                "expected a JSON object");
        String running = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.post("/api/workflow/" + running + "/rerun", "{}").status())
                .isEqualTo(409);
    }

    @Test
    void skipTaskMarksAFutureTaskSkipped() {
        String id = start("{\"name\":\"" + WAITING + "\"}");
        ApiTestServer.Reply skipped = api.put(
                "/api/workflow/" + id + "/skiptask/later",
                "{\"taskInput\":{},\"taskOutput\":{\"why\":\"not needed\"}}");
        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(200);
        JsonNode wf = workflow(id);
        JsonNode later = null;
        for (JsonNode t : wf.get("tasks")) {
            if (t.get("referenceTaskName").asText().equals("later")) {
                later = t;
            }
        }
        assertThat(later).as(wf.toString()).isNotNull();
        assertThat(later.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(later.path("reasonForIncompletion").isTextual())
                .as(later.toString())
                .isFalse();
        assertThat(later.get("outputData").get("why").asText()).isEqualTo("not needed");
        assertThat(api.put("/api/workflow/" + id + "/skiptask/later", null).status())
                .isEqualTo(409);
        assertThat(api.put("/api/workflow/" + id + "/skiptask/w", null).status())
                .isEqualTo(409); // already running
        ApiTestServer.Reply unknownRef = api.put("/api/workflow/" + id + "/skiptask/nope", null);
        assertThat(unknownRef.status()).isEqualTo(404);
        assertThat(unknownRef.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("taskReferenceName");
        assertFieldError(
                api.put("/api/workflow/" + id + "/skiptask/later", "{\"taskOutput\":[]}"),
                "$.taskOutput",
                "expected a JSON object");
        String paused = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.put("/api/workflow/" + paused + "/pause", null).status()).isEqualTo(200);
        ApiTestServer.Reply notRunning = api.put("/api/workflow/" + paused + "/skiptask/later", null);
        assertThat(notRunning.status()).as(notRunning.toString()).isEqualTo(409);
        assertThat(notRunning.json().get("message").asText())
                .isEqualTo(
                        "The workflow " + paused + " is not running so the task referenced by later cannot be skipped");
        assertThat(workflow(paused).get("tasks")).hasSize(1);
    }

    @Test
    void idempotencyKeysReturnFailOrFailOnlyWhileRunning() {
        String key = "key-" + UUID.randomUUID();
        String body = "{\"name\":\"" + QUICK + "\",\"input\":{\"a\":1,\"b\":1},\"idempotencyKey\":\"" + key
                + "\",\"idempotencyStrategy\":\"RETURN_EXISTING\"}";
        String first = start(body);
        assertThat(start(body)).isEqualTo(first);
        assertThat(start(body)).isEqualTo(first);

        ApiTestServer.Reply fail = api.post("/api/workflow", body.replace("RETURN_EXISTING", "FAIL"));
        assertThat(fail.status()).isEqualTo(409);
        assertThat(fail.json().get("message").asText()).contains(first);
        ApiTestServer.Reply defaultIsFail =
                api.post("/api/workflow", "{\"name\":\"" + QUICK + "\",\"idempotencyKey\":\"" + key + "\"}");
        assertThat(defaultIsFail.status()).isEqualTo(409);

        String failKey = "fail-" + UUID.randomUUID();
        String failBody =
                "{\"name\":\"" + QUICK + "\",\"idempotencyKey\":\"" + failKey + "\",\"idempotencyStrategy\":\"FAIL\"}";
        String created = start(failBody);
        assertThat(api.post("/api/workflow", failBody).status()).isEqualTo(409);
        // another workflow name has its own keys
        assertThat(start("{\"name\":\"" + WAITING + "\",\"idempotencyKey\":\"" + failKey + "\"}"))
                .isNotEqualTo(created);

        String runKey = "run-" + UUID.randomUUID();
        String runBody = "{\"name\":\"" + WAITING + "\",\"idempotencyKey\":\"" + runKey
                + "\",\"idempotencyStrategy\":\"FAIL_ON_RUNNING\"}";
        String run1 = start(runBody);
        ApiTestServer.Reply whileRunning = api.post("/api/workflow", runBody);
        assertThat(whileRunning.status()).isEqualTo(409);
        assertThat(whileRunning.json().get("message").asText()).contains(run1).contains("RUNNING");
        assertThat(api.put("/api/workflow/" + run1 + "/pause", null).status()).isEqualTo(200);
        assertThat(api.post("/api/workflow", runBody).status()).isEqualTo(409); // paused counts as running
        assertThat(api.delete("/api/workflow/" + run1).status()).isEqualTo(200);
        String run2 = start(runBody);
        assertThat(run2).isNotEqualTo(run1);
        assertThat(workflow(run2).get("status").asText()).isEqualTo("RUNNING");
        assertThat(api.post("/api/workflow", runBody).status()).isEqualTo(409);
        // RETURN_EXISTING on the same chain returns its newest run
        assertThat(start(runBody.replace("FAIL_ON_RUNNING", "RETURN_EXISTING"))).isEqualTo(run2);
        assertThat(workflow(run1).get("status").asText()).isEqualTo("TERMINATED");
    }

    @Test
    void synchronousExecutionAnswersTheFinishedStateOrTheStateAtTheTaskWaitedFor() {
        ApiTestServer.Reply quick = api.post(
                "/api/workflow/execute/" + QUICK + "/1?requestId=req-1",
                "{\"input\":{\"a\":3,\"b\":4},\"correlationId\":\"exec-" + RUN + "\"}");
        assertThat(quick.status()).as(quick.toString()).isEqualTo(200);
        JsonNode run = quick.json();
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("output").get("sum").asInt()).isEqualTo(7);
        assertThat(run.get("requestId").asText()).isEqualTo("req-1");
        assertThat(run.get("correlationId").asText()).isEqualTo("exec-" + RUN);
        assertThat(run.get("tasks")).hasSize(1);
        assertThat(workflow(run.get("workflowId").asText()).get("status").asText())
                .isEqualTo("COMPLETED");

        long t0 = System.nanoTime();
        JsonNode atFirst = api.post("/api/workflow/execute/" + SLOW + "/1?waitUntilTaskRef=first", "{}")
                .json();
        assertThat(atFirst.get("status").asText()).isEqualTo("RUNNING");
        assertThat(atFirst.get("tasks").get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1900));

        JsonNode notYet = api.post("/api/workflow/execute/" + SLOW + "/1?waitForSeconds=0", "{}")
                .json();
        assertThat(notYet.get("status").asText()).isEqualTo("RUNNING");

        JsonNode finished = api.post("/api/workflow/execute/" + SLOW + "/1?waitForSeconds=20", null)
                .json();
        assertThat(finished.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(finished.get("output").get("last").asInt()).isEqualTo(2);

        assertFieldError(
                api.post("/api/workflow/execute/" + SLOW + "/1?waitForSeconds=-1", "{}"), "waitForSeconds", "between");
        assertFieldError(api.post("/api/workflow/execute/" + SLOW + "/x", "{}"), "version", "whole number");
        assertThat(api.post("/api/workflow/execute/no_such_" + RUN + "/1", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void correlatedWorkflowsAndRunningIds() {
        String corr = "co-" + RUN;
        String a = startQuick(1, 1, corr);
        String b = startQuick(1, 2, corr);
        awaitStatus(a, "COMPLETED");
        awaitStatus(b, "COMPLETED");
        String waiting = start("{\"name\":\"" + WAITING + "\",\"correlationId\":\"" + corr + "\"}");

        assertThat(api.get("/api/workflow/" + QUICK + "/correlated/" + corr).json())
                .isEmpty();
        JsonNode closed = api.get(
                        "/api/workflow/" + QUICK + "/correlated/" + corr + "?includeClosed=true&includeTasks=true")
                .json();
        assertThat(ids(closed)).containsExactlyInAnyOrder(a, b);
        assertThat(closed.get(0).get("tasks")).hasSize(1);
        assertThat(ids(api.get("/api/workflow/" + WAITING + "/correlated/" + corr)
                        .json()))
                .containsExactly(waiting);

        JsonNode many = api.post(
                        "/api/workflow/" + QUICK + "/correlated?includeClosed=true",
                        "[\"" + corr + "\",\"none-" + RUN + "\"]")
                .json();
        assertThat(ids(many.get(corr))).containsExactlyInAnyOrder(a, b);
        assertThat(many.get("none-" + RUN)).isEmpty();
        assertFieldError(api.post("/api/workflow/" + QUICK + "/correlated", "[1]"), "$[0]", "expected a string");

        List<String> running = new ArrayList<>();
        api.get("/api/workflow/running/" + WAITING).json().forEach(n -> running.add(n.asText()));
        assertThat(running).contains(waiting);
        assertThat(api.get("/api/workflow/running/" + WAITING + "?version=2").json())
                .isEmpty();
        assertFieldError(
                api.get("/api/workflow/running/" + WAITING + "?startTime=yesterday"), "startTime", "whole number");
    }

    @Test
    void searchFiltersPagesAndSorts() {
        String name = "api_search_" + RUN;
        register(quickDef(name));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = start("{\"name\":\"" + name + "\",\"input\":{\"a\":" + i + ",\"b\":0,\"tag\":\"needle" + i
                    + "\"},\"correlationId\":\"s-" + i + "\"}");
            started.add(id);
            awaitStatus(id, "COMPLETED");
            sleep(5); // distinct start times
        }
        String q = "/api/workflow/search?query=" + enc("workflowType IN (" + name + ",other) AND status = COMPLETED");
        JsonNode all = api.get(q + "&size=10").json();
        assertThat(all.get("totalHits").asLong()).isEqualTo(5);
        List<String> newestFirst = ids(all.get("results"), "workflowId");
        assertThat(newestFirst).containsExactlyElementsOf(reversed(started));
        JsonNode summary = all.get("results").get(0);
        assertThat(summary.get("workflowType").asText()).isEqualTo(name);
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("input").asText()).contains("needle4");

        List<String> paged = new ArrayList<>();
        for (int start = 0; start < 6; start += 2) {
            JsonNode page = api.get(q + "&start=" + start + "&size=2").json();
            assertThat(page.get("totalHits").asLong()).isEqualTo(5);
            paged.addAll(ids(page.get("results"), "workflowId"));
        }
        assertThat(paged).containsExactlyElementsOf(newestFirst);

        List<String> ascending = new ArrayList<>();
        for (int start = 0; start < 6; start += 2) {
            ascending.addAll(ids(
                    api.get(q + "&start=" + start + "&size=2&sort=startTime:ASC")
                            .json()
                            .get("results"),
                    "workflowId"));
        }
        assertThat(ascending).containsExactlyElementsOf(started);
        assertThat(ids(api.get(q + "&sort=correlationId:ASC").json().get("results"), "correlationId"))
                .containsExactly("s-0", "s-1", "s-2", "s-3", "s-4");

        assertThat(ids(api.get(q + "&freeText=needle3").json().get("results"), "workflowId"))
                .containsExactly(started.get(3));
        // by id, as Conductor's index answers workflowId = x and workflowId IN (…), with the other clauses applied
        assertThat(ids(
                        api.get("/api/workflow/search?query=" + enc("workflowId = '" + started.get(1) + "'"))
                                .json()
                                .get("results"),
                        "workflowId"))
                .containsExactly(started.get(1));
        JsonNode byIds = api.get("/api/workflow/search?query="
                        + enc("workflowId IN (" + started.get(0) + "," + started.get(2)
                                + ",no-such-id) AND workflowType = " + name)
                        + "&sort=startTime:ASC")
                .json();
        assertThat(byIds.get("totalHits").asLong()).isEqualTo(2);
        assertThat(ids(byIds.get("results"), "workflowId")).containsExactly(started.get(0), started.get(2));
        assertThat(api.get("/api/workflow/search?query="
                                + enc("workflowId = " + started.get(0) + " AND status = RUNNING"))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/workflow/search?query=" + enc("workflowType = '" + name + "' AND correlationId = s-2"))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isEqualTo(1);
        long now = System.currentTimeMillis();
        assertThat(api.get("/api/workflow/search?query=" + enc("workflowType = " + name + " AND startTime > " + now))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/workflow/search?query=" + enc("workflowType = " + name + " AND startTime < " + now))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isEqualTo(5);
        assertThat(api.get("/api/workflow/search?query="
                                + enc("workflowType = " + name + " AND status IN (RUNNING, FAILED)"))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/workflow/search?query=" + enc("workflowType = " + name + " AND workflowType = other"))
                        .json()
                        .get("totalHits")
                        .asLong())
                .isZero();

        JsonNode v2 = api.get(q + "&size=2").json();
        JsonNode v2full =
                api.get(q.replace("/search?", "/search-v2?") + "&size=2").json();
        assertThat(v2full.get("totalHits").asLong()).isEqualTo(5);
        assertThat(ids(v2full.get("results"), "workflowId")).isEqualTo(ids(v2.get("results"), "workflowId"));
        assertThat(v2full.get("results").get(0).get("workflowName").asText()).isEqualTo(name);
        assertThat(v2full.get("results").get(0).get("output").get("sum").asInt())
                .isEqualTo(4);

        assertFieldError(
                api.get("/api/workflow/search?query=" + enc("workflowType = a OR status = RUNNING")),
                "query",
                "only AND");
        assertFieldError(api.get("/api/workflow/search?query=" + enc("owner = me")), "query", "unsupported field");
        assertFieldError(api.get("/api/workflow/search?query=" + enc("status = SLEEPING")), "query", "unknown status");
        assertFieldError(api.get("/api/workflow/search?query=" + enc("workflowType IN (a, b")), "query", "expected");
        assertFieldError(api.get("/api/workflow/search?query=" + enc("startTime > soon")), "query", "epoch");
        assertFieldError(api.get("/api/workflow/search?sort=price:DESC"), "sort", "field");
        assertFieldError(api.get("/api/workflow/search?sort=startTime:UP"), "sort", "ASC or DESC");
        assertFieldError(api.get("/api/workflow/search?size=-1"), "size", "between");
        assertFieldError(api.get("/api/workflow/search?size=100000"), "size", "between");
        assertFieldError(api.get("/api/workflow/search?start=x"), "start", "whole number");
    }

    @Test
    void bulkOperationsAnswerPerId() {
        String a = start("{\"name\":\"" + WAITING + "\"}");
        String b = start("{\"name\":\"" + WAITING + "\"}");
        String unknown = UUID.randomUUID().toString();
        String ids = "[\"" + a + "\",\"" + b + "\",\"" + unknown + "\"]";
        JsonNode paused = api.put("/api/workflow/bulk/pause", ids).json();
        assertThat(ids(paused.get("bulkSuccessfulResults"), null)).containsExactly(a, b);
        assertThat(paused.get("bulkErrorResults").get(unknown).asText()).contains(unknown);
        assertThat(workflow(a).get("status").asText()).isEqualTo("PAUSED");
        JsonNode resumed = api.put("/api/workflow/bulk/resume", ids).json();
        assertThat(ids(resumed.get("bulkSuccessfulResults"), null)).containsExactly(a, b);
        assertThat(workflow(b).get("status").asText()).isEqualTo("RUNNING");
        JsonNode retried =
                api.post("/api/workflow/bulk/retry", "[\"" + a + "\"]").json();
        assertThat(retried.get("bulkErrorResults").get(a).asText()).contains("RUNNING");
        JsonNode terminated =
                api.post("/api/workflow/bulk/terminate?reason=bulk", ids).json();
        assertThat(ids(terminated.get("bulkSuccessfulResults"), null)).containsExactly(a, b);
        assertThat(workflow(a).get("reasonForIncompletion").asText()).isEqualTo("bulk");
        JsonNode restarted =
                api.post("/api/workflow/bulk/restart", "[\"" + a + "\"]").json();
        assertThat(ids(restarted.get("bulkSuccessfulResults"), null)).containsExactly(a);
        assertThat(workflow(a).get("status").asText()).isEqualTo("RUNNING");
        JsonNode deleted = api.post("/api/workflow/bulk/delete", ids).json();
        assertThat(ids(deleted.get("bulkSuccessfulResults"), null)).containsExactly(a, b);
        assertThat(api.get("/api/workflow/" + b).status()).isEqualTo(404);
        assertFieldError(api.post("/api/workflow/bulk/terminate", "{\"ids\":[]}"), "$", "expected a JSON array");
        assertFieldError(api.post("/api/workflow/bulk/terminate", "[\"a\", 7]"), "$[1]", "workflow id");
        // Conductor's words for no ids
        assertFieldError(api.post("/api/workflow/bulk/terminate", "[]"), "$", "WorkflowIds list cannot be null.");
    }

    @Test
    void bulkRemoveKeepsWorkflowsThatHaveNotEndedAsTheSingleRemove() {
        String running = start("{\"name\":\"" + WAITING + "\"}");
        String paused = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.put("/api/workflow/" + paused + "/pause", null).status()).isEqualTo(200);
        String ended = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.delete("/api/workflow/" + ended).status()).isEqualTo(200);
        String ids = "[\"" + running + "\",\"" + paused + "\",\"" + ended + "\"]";
        for (String query : List.of("", "?archiveWorkflow=true")) {
            JsonNode removed = api.send("DELETE", "/api/workflow/bulk/remove" + query, ids, "application/json")
                    .json();
            assertThat(removed.get("bulkErrorResults").get(running).asText())
                    .isEqualTo("Cannot archive workflow: " + running + " with status: RUNNING");
            assertThat(removed.get("bulkErrorResults").get(paused).asText())
                    .isEqualTo("Cannot archive workflow: " + paused + " with status: PAUSED");
            assertThat(workflow(running).get("status").asText()).isEqualTo("RUNNING");
            assertThat(workflow(paused).get("status").asText()).isEqualTo("PAUSED");
        }
        assertThat(api.get("/api/workflow/" + ended).status()).isEqualTo(404);
        JsonNode unarchived = api.send(
                        "DELETE", "/api/workflow/bulk/remove?archiveWorkflow=false", ids, "application/json")
                .json();
        assertThat(ids(unarchived.get("bulkSuccessfulResults"), null)).containsExactly(running, paused);
        assertThat(api.get("/api/workflow/" + running).status()).isEqualTo(404);
    }

    @Test
    void aJsonBodyIsReadWhateverContentTypeCurlSends() {
        ApiTestServer.Reply form = api.send(
                "POST",
                "/api/workflow",
                "{\"name\":\"" + QUICK + "\",\"input\":{\"a\":1,\"b\":1}}",
                "application/x-www-form-urlencoded");
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(awaitStatus(form.body(), "COMPLETED")
                        .get("output")
                        .get("sum")
                        .asInt())
                .isEqualTo(2);
        ApiTestServer.Reply none = api.send("POST", "/api/workflow", "{\"name\":\"" + QUICK + "\"}", null);
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        ApiTestServer.Reply text = api.send("POST", "/api/workflow", "{\"name\":\"" + QUICK + "\"}", "text/plain");
        assertThat(text.status()).as(text.toString()).isEqualTo(200);
    }

    @Test
    void decideAndResetCallbacksAnswerForKnownWorkflows() {
        String id = start("{\"name\":\"" + WAITING + "\"}");
        assertThat(api.put("/api/workflow/decide/" + id, null).status()).isEqualTo(200);
        assertThat(api.post("/api/workflow/" + id + "/resetcallbacks", null).status())
                .isEqualTo(204);
    }

    @Test
    void unknownRoutesAndMethodsHaveTheJsonErrorBody() {
        ApiTestServer.Reply noRoute = api.get("/api/workflow/a/b/c/d");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("status").asInt()).isEqualTo(404);
        ApiTestServer.Reply badMethod = api.send("PATCH", "/api/workflow/search", null, null);
        assertThat(badMethod.status()).isBetween(400, 499);
        assertThat(badMethod.json().get("message").asText()).isNotBlank();
    }

    static List<String> ids(JsonNode workflows) {
        return ids(workflows, "workflowId");
    }

    static List<String> ids(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unused")
    private static Set<String> set(List<String> l) {
        return new HashSet<>(l);
    }
}
