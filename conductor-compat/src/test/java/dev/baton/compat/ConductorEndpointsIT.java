package dev.baton.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.compat.ConductorEndpoints.Endpoint;
import dev.baton.compat.RestCalls.Reply;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks Conductor's whole REST surface, as {@code endpoints.md} lists it, against a running Baton
 * on a real broker: every endpoint is called once, with path variables, query parameters and a
 * body that make sense for it (a fresh workflow in the state the call needs). None may answer
 * 404 "Page Not Found" or 405; a served endpoint answers 2xx with a JSON body (or none, or text
 * where Conductor answers text); an endpoint Baton does not serve answers 501 with Conductor's
 * error body saying why; every error body is Conductor's JSON error.
 */
@KafkaCluster(isolated = true)
class ConductorEndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WF = "walk_wf";
    private static final String EVENT = "conductor:walk_wf:a";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private static BatonServer baton;
    private static RestCalls api;

    /** What an endpoint must answer. */
    enum Expect {
        /** 2xx; the body JSON, or none. */
        SERVED,
        /** 2xx with a text body (Conductor answers these with text/plain: an id, a task id). */
        SERVED_TEXT,
        /** 501 with Conductor's error body explaining why Baton does not serve it and what to use instead. */
        EXPLAINED,
        /** Any status with a JSON body, not "Page Not Found" (what the walk's own self-check asks of an unknown path). */
        JSON_ANSWER
    }

    /** The request for one endpoint: the path with its variables filled in (after /api), query, body. */
    record Request(String path, Map<String, String> query, String body) {
        Request(String path) {
            this(path, Map.of(), null);
        }
    }

    record Plan(Expect expect, Supplier<Request> request) {}

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        baton = BatonServer.start(kafka.bootstrapServers());
        api = new RestCalls(baton.apiUrl());
        expectOk(api.post("/metadata/taskdefs", "[" + taskDef("walk_a") + "," + taskDef("walk_b") + "]"));
        expectOk(api.post("/metadata/workflow", workflowDef(WF)));
        expectOk(api.post("/event", handler("walk_handler")));
        expectOk(api.post("/metadata/workflow", """
                {"name": "walk_wait", "version": 1, "schemaVersion": 2, "ownerEmail": "walk@example.com",
                 "tasks": [{"name": "w", "taskReferenceName": "w", "type": "WAIT"}]}"""));
    }

    @AfterAll
    static void stop() {
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    void everyEndpointOfConductorsSurfaceIsServedOrExplained() {
        Map<String, Plan> plans = plans();
        List<String> problems = new ArrayList<>();
        List<Endpoint> endpoints = ConductorEndpoints.all();
        for (Endpoint e : endpoints) {
            Plan plan = plans.get(e.key());
            if (plan == null) {
                problems.add(e.key() + ": endpoints.md lists it, but this walk has no request for it");
                continue;
            }
            Request r = plan.request().get();
            Reply reply = api.call(e.method(), r.path().substring("/api".length()), r.query(), r.body());
            String problem = problem(plan.expect(), reply);
            System.out.printf("walk: %-60s %-11s -> %d%n", e.key(), plan.expect(), reply.status());
            if (problem != null) {
                problems.add(e.key() + " (" + e.method() + " " + r.path() + "): " + problem + " — " + reply);
            }
        }
        assertThat(endpoints).hasSizeGreaterThan(80);
        assertThat(problems)
                .as("endpoints of Conductor's REST surface not served as Conductor serves them")
                .isEmpty();
    }

    @Test
    void theWalkRecognisesAnUnservedPathAndAWrongMethod() {
        assertThat(problem(Expect.SERVED, api.get("/no-such-resource/at-all"))).contains("Page Not Found");
        assertThat(problem(Expect.JSON_ANSWER, api.get("/no-such-resource/at-all")))
                .contains("Page Not Found");
        assertThat(problem(Expect.SERVED, api.call("PATCH", "/metadata/taskdefs", Map.of(), "[]")))
                .isNotNull();
        assertThat(problem(Expect.EXPLAINED, api.get("/metadata/taskdefs"))).contains("expected 501");
    }

    /** Why a reply does not meet the expectation, or null when it does. */
    static String problem(Expect expect, Reply r) {
        if (r.status() == 405) {
            return "405 Method Not Allowed";
        }
        JsonNode body = json(r.body());
        if (r.status() == 404 && body != null && body.path("message").asText().contains("Page Not Found")) {
            return "not served: 404 Page Not Found";
        }
        if (r.status() == 404 && body == null) {
            return "404 without Conductor's error body";
        }
        if (!r.ok() && (body == null || !body.has("status") || !body.has("message"))) {
            return "error without Conductor's error body (status, message)";
        }
        return switch (expect) {
            case SERVED -> !r.ok() ? "expected 2xx" : !r.body().isBlank() && body == null ? "body is not JSON" : null;
            case SERVED_TEXT -> !r.ok() ? "expected 2xx" : r.body().isBlank() ? "expected a text body" : null;
            case EXPLAINED ->
                r.status() != 501
                        ? "expected 501 with an explanation"
                        : body.path("message").asText().length() < 60
                                ? "the explanation is too short to say why and what instead"
                                : body.path("retryable").asBoolean(true)
                                        ? "an explained endpoint is not retryable"
                                        : null;
            case JSON_ANSWER -> body == null && !r.body().isBlank() ? "body is not JSON" : null;
        };
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** One request per endpoint of endpoints.md, keyed "METHOD /api/path" as the table writes it. */
    private static Map<String, Plan> plans() {
        Map<String, Plan> p = new LinkedHashMap<>();
        // AdminResource
        p.put("GET /api/admin/config", served(() -> new Request("/api/admin/config")));
        p.put("GET /api/admin/task/{tasktype}", served(() -> new Request("/api/admin/task/walk_a")));
        p.put(
                "POST /api/admin/sweep/requeue/{workflowId}",
                explained(() -> new Request("/api/admin/sweep/requeue/" + running())));
        p.put(
                "POST /api/admin/consistency/verifyAndRepair/{workflowId}",
                explained(() -> new Request("/api/admin/consistency/verifyAndRepair/" + running())));
        p.put("GET /api/admin/queues", served(() -> new Request("/api/admin/queues")));
        // EventResource
        p.put(
                "POST /api/event",
                served(() -> new Request("/api/event", Map.of(), handler("walk_new_" + SEQ.incrementAndGet()))));
        p.put("PUT /api/event", served(() -> new Request("/api/event", Map.of(), handler("walk_handler"))));
        p.put("DELETE /api/event/{name}", served(() -> {
            String name = "walk_gone_" + SEQ.incrementAndGet();
            expectOk(api.post("/event", handler(name)));
            return new Request("/api/event/" + name);
        }));
        p.put("GET /api/event", served(() -> new Request("/api/event")));
        p.put("GET /api/event/{event}", served(() -> new Request("/api/event/" + RestCalls.enc(EVENT))));
        // MetadataResource
        p.put(
                "POST /api/metadata/workflow",
                served(() -> new Request(
                        "/api/metadata/workflow", Map.of(), workflowDef("walk_new_" + SEQ.incrementAndGet()))));
        p.put(
                "POST /api/metadata/workflow/validate",
                served(() -> new Request("/api/metadata/workflow/validate", Map.of(), workflowDef("walk_valid"))));
        p.put(
                "PUT /api/metadata/workflow",
                served(() -> new Request("/api/metadata/workflow", Map.of(), "[" + workflowDef(WF) + "]")));
        p.put("GET /api/metadata/workflow/{name}", served(() -> new Request("/api/metadata/workflow/" + WF)));
        p.put("GET /api/metadata/workflow", served(() -> new Request("/api/metadata/workflow")));
        p.put(
                "GET /api/metadata/workflow/names-and-versions",
                served(() -> new Request("/api/metadata/workflow/names-and-versions")));
        p.put("GET /api/metadata/workflow/names", served(() -> new Request("/api/metadata/workflow/names")));
        p.put(
                "GET /api/metadata/workflow/{name}/versions",
                served(() -> new Request("/api/metadata/workflow/" + WF + "/versions")));
        p.put(
                "GET /api/metadata/workflow/latest-versions",
                served(() -> new Request("/api/metadata/workflow/latest-versions")));
        p.put("DELETE /api/metadata/workflow/{name}/{version}", served(() -> {
            String name = "walk_gone_" + SEQ.incrementAndGet();
            expectOk(api.post("/metadata/workflow", workflowDef(name)));
            return new Request("/api/metadata/workflow/" + name + "/1");
        }));
        p.put(
                "POST /api/metadata/taskdefs",
                served(() -> new Request("/api/metadata/taskdefs", Map.of(), "[" + taskDef("walk_c") + "]")));
        p.put(
                "PUT /api/metadata/taskdefs",
                served(() -> new Request("/api/metadata/taskdefs", Map.of(), taskDef("walk_a"))));
        p.put("GET /api/metadata/taskdefs", served(() -> new Request("/api/metadata/taskdefs")));
        p.put("GET /api/metadata/taskdefs/{tasktype}", served(() -> new Request("/api/metadata/taskdefs/walk_a")));
        p.put("DELETE /api/metadata/taskdefs/{tasktype}", served(() -> {
            String name = "walk_gone_" + SEQ.incrementAndGet();
            expectOk(api.post("/metadata/taskdefs", "[" + taskDef(name) + "]"));
            return new Request("/api/metadata/taskdefs/" + name);
        }));
        // QueueAdminResource
        p.put("GET /api/queue/size", served(() -> new Request("/api/queue/size")));
        p.put("GET /api/queue/", served(() -> new Request("/api/queue/")));
        p.put(
                "POST /api/queue/update/{workflowId}/{taskRefName}/{status}",
                served(() ->
                        new Request("/api/queue/update/" + running() + "/a/COMPLETED", Map.of(), "{\"done\":true}")));
        p.put("POST /api/queue/update/{workflowId}/task/{taskId}/{status}", served(() -> {
            String id = running();
            return new Request(
                    "/api/queue/update/" + id + "/task/" + taskA(id) + "/COMPLETED", Map.of(), "{\"done\":true}");
        }));
        // TaskResource
        p.put(
                "GET /api/tasks/poll/{tasktype}",
                served(() -> new Request("/api/tasks/poll/walk_b", Map.of("workerid", "walker"), null)));
        p.put(
                "GET /api/tasks/poll/batch/{tasktype}",
                served(() -> new Request(
                        "/api/tasks/poll/batch/walk_b",
                        Map.of("workerid", "walker", "count", "2", "timeout", "100"),
                        null)));
        p.put("POST /api/tasks", servedText(() -> new Request("/api/tasks", Map.of(), taskResult(running()))));
        p.put(
                "POST /api/tasks/update-v2",
                served(() -> new Request("/api/tasks/update-v2", Map.of(), taskResult(running()))));
        p.put(
                "POST /api/tasks/{workflowId}/{taskRefName}/{status}",
                servedText(() -> new Request("/api/tasks/" + running() + "/a/COMPLETED", Map.of(), "{\"done\":true}")));
        p.put(
                "POST /api/tasks/{workflowId}/{taskRefName}/{status}/sync",
                served(() ->
                        new Request("/api/tasks/" + running() + "/a/COMPLETED/sync", Map.of(), "{\"done\":true}")));
        p.put(
                "POST /api/tasks/{workflowId}/{status}/signal",
                served(() -> new Request("/api/tasks/" + waiting() + "/COMPLETED/signal", Map.of(), "{}")));
        p.put(
                "POST /api/tasks/{workflowId}/{status}/signal/sync",
                served(() -> new Request("/api/tasks/" + waiting() + "/COMPLETED/signal/sync", Map.of(), "{}")));
        p.put(
                "POST /api/tasks/{taskId}/log",
                served(() -> new Request("/api/tasks/" + taskA(running()) + "/log", Map.of(), "walked here")));
        p.put("GET /api/tasks/{taskId}/log", served(() -> {
            String task = taskA(running());
            expectOk(api.post("/tasks/" + task + "/log", "walked here"));
            return new Request("/api/tasks/" + task + "/log");
        }));
        p.put("GET /api/tasks/{taskId}", served(() -> new Request("/api/tasks/" + taskA(running()))));
        p.put(
                "GET /api/tasks/queue/sizes",
                served(() -> new Request("/api/tasks/queue/sizes", Map.of("taskType", "walk_a"), null)));
        p.put(
                "GET /api/tasks/queue/size",
                served(() -> new Request("/api/tasks/queue/size", Map.of("taskType", "walk_a"), null)));
        p.put("GET /api/tasks/queue/all/verbose", served(() -> new Request("/api/tasks/queue/all/verbose")));
        p.put("GET /api/tasks/queue/all", served(() -> new Request("/api/tasks/queue/all")));
        p.put(
                "GET /api/tasks/queue/polldata",
                served(() -> new Request("/api/tasks/queue/polldata", Map.of("taskType", "walk_b"), null)));
        p.put("GET /api/tasks/queue/polldata/all", served(() -> new Request("/api/tasks/queue/polldata/all")));
        p.put(
                "POST /api/tasks/queue/requeue/{taskType}",
                explained(() -> new Request("/api/tasks/queue/requeue/walk_a")));
        p.put(
                "GET /api/tasks/search",
                served(() -> new Request("/api/tasks/search", Map.of("query", "workflowType = " + WF), null)));
        p.put(
                "GET /api/tasks/search-v2",
                served(() -> new Request("/api/tasks/search-v2", Map.of("query", "workflowType = " + WF), null)));
        p.put(
                "GET /api/tasks/externalstoragelocation",
                explained(() -> new Request(
                        "/api/tasks/externalstoragelocation",
                        Map.of("path", "", "operation", "WRITE", "payloadType", "TASK_OUTPUT"),
                        null)));
        // WorkflowBulkResource
        p.put(
                "PUT /api/workflow/bulk/pause",
                served(() -> new Request("/api/workflow/bulk/pause", Map.of(), ids(running()))));
        p.put(
                "PUT /api/workflow/bulk/resume",
                served(() -> new Request("/api/workflow/bulk/resume", Map.of(), ids(paused()))));
        p.put(
                "POST /api/workflow/bulk/restart",
                served(() -> new Request("/api/workflow/bulk/restart", Map.of(), ids(terminated()))));
        p.put(
                "POST /api/workflow/bulk/retry",
                served(() -> new Request("/api/workflow/bulk/retry", Map.of(), ids(terminated()))));
        p.put(
                "POST /api/workflow/bulk/terminate",
                served(() -> new Request("/api/workflow/bulk/terminate", Map.of("reason", "walk"), ids(running()))));
        p.put(
                "DELETE /api/workflow/bulk/remove",
                served(() -> new Request("/api/workflow/bulk/remove", Map.of(), ids(terminated()))));
        p.put(
                "DELETE /api/workflow/bulk/terminate-remove",
                served(() -> new Request("/api/workflow/bulk/terminate-remove", Map.of(), ids(running()))));
        p.put(
                "POST /api/workflow/bulk/search",
                served(() -> new Request("/api/workflow/bulk/search", Map.of(), ids(running()))));
        // WorkflowResource
        p.put(
                "POST /api/workflow",
                servedText(() -> new Request(
                        "/api/workflow",
                        Map.of(),
                        "{\"name\":\"" + WF + "\",\"version\":1,\"correlationId\":\"walk\",\"input\":{\"n\":1}}")));
        p.put("POST /api/workflow/{name}", servedText(() -> new Request("/api/workflow/" + WF, Map.of(), "{\"n\":1}")));
        p.put(
                "POST /api/workflow/execute/{name}/{version}",
                served(() -> new Request(
                        "/api/workflow/execute/" + WF + "/1", Map.of("waitForSeconds", "1"), "{\"input\":{\"n\":1}}")));
        p.put(
                "GET /api/workflow/{name}/correlated/{correlationId}",
                served(() -> new Request("/api/workflow/" + WF + "/correlated/walk")));
        p.put(
                "GET /api/workflow/{workflowId}/tasks",
                served(() -> new Request("/api/workflow/" + running() + "/tasks")));
        p.put(
                "POST /api/workflow/{name}/correlated",
                served(() -> new Request("/api/workflow/" + WF + "/correlated", Map.of(), "[\"walk\"]")));
        p.put("GET /api/workflow/{workflowId}", served(() -> new Request("/api/workflow/" + running())));
        p.put(
                "GET /api/workflow/{workflowId}/status",
                served(() -> new Request("/api/workflow/" + running() + "/status")));
        p.put(
                "DELETE /api/workflow/{workflowId}/remove",
                served(() -> new Request("/api/workflow/" + terminated() + "/remove")));
        p.put("GET /api/workflow/running/{name}", served(() -> new Request("/api/workflow/running/" + WF)));
        p.put("PUT /api/workflow/decide/{workflowId}", served(() -> new Request("/api/workflow/decide/" + running())));
        p.put(
                "PUT /api/workflow/{workflowId}/pause",
                served(() -> new Request("/api/workflow/" + running() + "/pause")));
        p.put(
                "PUT /api/workflow/{workflowId}/resume",
                served(() -> new Request("/api/workflow/" + paused() + "/resume")));
        p.put(
                "PUT /api/workflow/{workflowId}/skiptask/{taskReferenceName}",
                served(() -> new Request("/api/workflow/" + running() + "/skiptask/b")));
        p.put("POST /api/workflow/{workflowId}/rerun", servedText(() -> {
            String id = terminated();
            return new Request("/api/workflow/" + id + "/rerun", Map.of(), "{\"reRunFromWorkflowId\":\"" + id + "\"}");
        }));
        p.put(
                "POST /api/workflow/{workflowId}/restart",
                served(() -> new Request("/api/workflow/" + terminated() + "/restart")));
        p.put(
                "POST /api/workflow/{workflowId}/retry",
                served(() -> new Request("/api/workflow/" + terminated() + "/retry")));
        p.put(
                "POST /api/workflow/{workflowId}/resetcallbacks",
                served(() -> new Request("/api/workflow/" + running() + "/resetcallbacks")));
        p.put(
                "DELETE /api/workflow/{workflowId}",
                served(() -> new Request("/api/workflow/" + running(), Map.of("reason", "walk"), null)));
        p.put(
                "DELETE /api/workflow/{workflowId}/terminate-remove",
                served(() -> new Request("/api/workflow/" + running() + "/terminate-remove")));
        for (String search : List.of("search", "search-v2")) {
            p.put(
                    "GET /api/workflow/" + search,
                    served(() -> new Request(
                            "/api/workflow/" + search,
                            Map.of("query", "workflowType = " + WF, "freeText", "*", "size", "5"),
                            null)));
        }
        for (String search : List.of("search-by-tasks", "search-by-tasks-v2")) {
            p.put(
                    "GET /api/workflow/" + search,
                    served(() -> new Request(
                            "/api/workflow/" + search,
                            Map.of("query", "taskType = walk_a AND status = SCHEDULED", "size", "5"),
                            null)));
        }
        p.put(
                "GET /api/workflow/externalstoragelocation",
                explained(() -> new Request(
                        "/api/workflow/externalstoragelocation",
                        Map.of("path", "x.json", "operation", "WRITE", "payloadType", "WORKFLOW_INPUT"),
                        null)));
        p.put(
                "POST /api/workflow/test",
                explained(() -> new Request(
                        "/api/workflow/test",
                        Map.of(),
                        "{\"name\":\"" + WF + "\",\"version\":1,\"taskRefToMockOutput\":{}}")));
        return p;
    }

    private static Plan served(Supplier<Request> r) {
        return new Plan(Expect.SERVED, r);
    }

    private static Plan servedText(Supplier<Request> r) {
        return new Plan(Expect.SERVED_TEXT, r);
    }

    private static Plan explained(Supplier<Request> r) {
        return new Plan(Expect.EXPLAINED, r);
    }

    // ---- fixtures: workflows in the state a call needs ----------------------------------------

    /** A new walk_wf instance, RUNNING with its first task (ref a) scheduled; nobody serves walk_a. */
    private static String running() {
        Reply started = api.post("/workflow", "{\"name\":\"" + WF + "\",\"version\":1,\"correlationId\":\"walk\"}");
        expectOk(started);
        String id = started.body().trim();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskAOrNull(id) != null);
        return id;
    }

    /** A new walk_wait instance, blocked on its WAIT task (what the workflow-level signal completes). */
    private static String waiting() {
        Reply started = api.post("/workflow", "{\"name\":\"walk_wait\",\"version\":1}");
        expectOk(started);
        String id = started.body().trim();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "IN_PROGRESS"
                        .equals(workflow(id)
                                .path("tasks")
                                .path(0)
                                .path("status")
                                .asText()));
        return id;
    }

    private static String paused() {
        String id = running();
        expectOk(api.put("/workflow/" + id + "/pause", null));
        return id;
    }

    private static String terminated() {
        String id = running();
        expectOk(api.call("DELETE", "/workflow/" + id, Map.of("reason", "walk fixture"), null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "TERMINATED".equals(workflow(id).path("status").asText()));
        return id;
    }

    private static String taskA(String workflowId) {
        return taskAOrNull(workflowId);
    }

    private static String taskAOrNull(String workflowId) {
        for (JsonNode t : workflow(workflowId).path("tasks")) {
            if ("a".equals(t.path("referenceTaskName").asText())) {
                return t.path("taskId").asText();
            }
        }
        return null;
    }

    private static JsonNode workflow(String id) {
        Reply r = api.get("/workflow/" + id);
        return r.ok() ? json(r.body()) : JSON.createObjectNode();
    }

    private static String ids(String... ids) {
        return JSON.valueToTree(List.of(ids)).toString();
    }

    private static String taskResult(String workflowId) {
        return "{\"workflowInstanceId\":\"" + workflowId + "\",\"taskId\":\"" + taskA(workflowId)
                + "\",\"status\":\"COMPLETED\",\"outputData\":{\"walked\":true},\"workerId\":\"walker\"}";
    }

    private static String taskDef(String name) {
        return "{\"name\":\"" + name + "\",\"retryCount\":0,\"timeoutSeconds\":0,\"responseTimeoutSeconds\":60,"
                + "\"ownerEmail\":\"walk@example.com\"}";
    }

    private static String workflowDef(String name) {
        return "{\"name\":\"" + name + "\",\"version\":1,\"schemaVersion\":2,\"ownerEmail\":\"walk@example.com\","
                + "\"tasks\":[{\"name\":\"walk_a\",\"taskReferenceName\":\"a\"},{\"name\":\"walk_b\",\"taskReferenceName\":\"b\"}]}";
    }

    private static String handler(String name) {
        return "{\"name\":\"" + name + "\",\"event\":\"" + EVENT + "\",\"active\":true,\"actions\":[{\"action\":"
                + "\"start_workflow\",\"start_workflow\":{\"name\":\"" + WF + "\",\"version\":1}}]}";
    }

    private static void expectOk(Reply r) {
        assertThat(r.ok()).as("fixture call: " + r).isTrue();
    }
}
