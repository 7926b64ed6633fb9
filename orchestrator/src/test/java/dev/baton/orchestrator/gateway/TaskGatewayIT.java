package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.config.ObjectMapperProvider;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskExecLog;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Conductor's task API on a real broker and a running server: HTTP polls hand out commands in
 * Conductor's Task shape, updates (from raw HTTP and from Conductor's Java SDK) drive the
 * workflows, logs live with the task and survive a restart, bad requests get Conductor's JSON errors.
 */
@KafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskGatewayIT {
    private static final ObjectMapper CONDUCTOR_JSON = new ObjectMapperProvider().getObjectMapper();
    private static final int MIXED_WORKFLOWS = 60;
    private static final Map<String, Object> SETTINGS = Map.of("baton.task-gateway.idle-close-ms", 3_000);

    private static KafkaTestCluster kafka;
    private static Path dataDir;
    private static String applicationId;
    private static GatewayTestApp app;
    private static TaskClient sdk;

    @BeforeAll
    static void start(KafkaTestCluster cluster) {
        kafka = cluster;
        dataDir = GatewayTestApp.tempDir();
        applicationId = "baton-gw-it-" + UUID.randomUUID();
        app = GatewayTestApp.start(kafka.bootstrapServers(), applicationId, dataDir, SETTINGS);
        sdk = new TaskClient(new ConductorClient(app.baseUrl() + "/api"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String type(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    void aPollHandsOutTheTaskInConductorsShapeAndACompletedUpdateCompletesTheWorkflow() throws Exception {
        String type = type("gw_shape");
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 42, "corr-42");

        JsonNode polled = app.pollOne(type, "worker-1");

        assertThat(polled.get("workflowInstanceId").asText()).isEqualTo(wf);
        assertThat(polled.get("taskType").asText()).isEqualTo(type);
        assertThat(polled.get("taskDefName").asText()).isEqualTo(type);
        assertThat(polled.get("referenceTaskName").asText()).isEqualTo(type + "_ref");
        assertThat(polled.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(polled.get("inputData").get("x").asInt()).isEqualTo(42);
        assertThat(polled.get("retryCount").asInt()).isZero();
        assertThat(polled.get("pollCount").asInt()).isEqualTo(1);
        assertThat(polled.get("workerId").asText()).isEqualTo("worker-1");
        assertThat(polled.get("correlationId").asText()).isEqualTo("corr-42");
        assertThat(polled.get("responseTimeoutSeconds").asLong()).isEqualTo(60);
        // Conductor's SDK reads it as its Task.
        Task task = CONDUCTOR_JSON.treeToValue(polled, Task.class);
        assertThat(task.getTaskId()).isEqualTo(polled.get("taskId").asText()).isNotBlank();
        assertThat(task.getStatus()).isEqualTo(Task.Status.IN_PROGRESS);
        assertThat(task.getInputData()).containsEntry("x", 42);

        // The engine learnt of the poll: the task is IN_PROGRESS in the instance.
        WorkflowInstance running = app.awaitInstance(wf, w -> w.tasks.get(0).status == TaskStatus.IN_PROGRESS);
        assertThat(running.tasks.get(0).taskId).isEqualTo(task.getTaskId());
        assertThat(running.tasks.get(0).pollCount).isEqualTo(1);

        // Conductor's SDK completes it.
        TaskResult result = new TaskResult(task);
        result.setStatus(TaskResult.Status.COMPLETED);
        result.setOutputData(Map.of("answer", 7, "nested", Map.of("ok", true)));
        sdk.updateTask(result);

        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.output.get("result"))
                .isEqualTo(GatewayTestApp.JSON.readTree("{\"answer\":7,\"nested\":{\"ok\":true}}"));

        // GET /api/tasks/{taskId} shows it done; a second update of the finished task is ignored, as in
        // Conductor: 200 with the task id, and the task keeps its first result.
        Task after = sdk.getTaskDetails(task.getTaskId());
        assertThat(after.getStatus()).isEqualTo(Task.Status.COMPLETED);
        assertThat(after.getOutputData()).containsEntry("answer", 7);
        result.setStatus(TaskResult.Status.FAILED);
        result.setOutputData(Map.of("answer", 8));
        GatewayTestApp.Response again = app.post("/api/tasks", CONDUCTOR_JSON.writeValueAsString(result));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(task.getTaskId());
        Task unchanged = sdk.getTaskDetails(task.getTaskId());
        assertThat(unchanged.getStatus()).isEqualTo(Task.Status.COMPLETED);
        assertThat(unchanged.getOutputData()).containsEntry("answer", 7);
    }

    @Test
    @Order(2)
    void aFailedUpdateWithRetriesLeavesASecondAttemptToPoll() {
        String type = type("gw_retry");
        app.registerOneTaskWorkflow(type, 1);
        String wf = app.start(type, 1, null);

        JsonNode first = app.pollOne(type, "w");
        GatewayTestApp.Response r =
                app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "FAILED",
                 "reasonForIncompletion": "card declined", "outputData": {"code": 51}}""".formatted(wf, first.get("taskId").asText()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(first.get("taskId").asText());

        JsonNode second = app.pollOne(type, "w");
        assertThat(second.get("retryCount").asInt()).isEqualTo(1);
        assertThat(second.get("referenceTaskName").asText()).isEqualTo(type + "_ref");
        assertThat(second.get("taskId").asText())
                .isNotEqualTo(first.get("taskId").asText());
        assertThat(app.post("/api/tasks", """
                {"taskId": "%s", "status": "COMPLETED", "outputData": {"attempt": 2}}""".formatted(second.get("taskId").asText()))
                        .status())
                .isEqualTo(200);

        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.tasks).hasSize(2);
        assertThat(done.tasks.get(0).status).isEqualTo(TaskStatus.FAILED);
        assertThat(done.tasks.get(0).reasonForIncompletion).isEqualTo("card declined");
        assertThat(done.tasks.get(1).outputData.get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aBatchPollWaitsUpToItsTimeoutAndReturnsWhatComes() throws Exception {
        String type = type("gw_batch");
        app.registerOneTaskWorkflow(type, 0);
        // nothing there: the poll waits its timeout, then answers an empty list
        long t0 = System.nanoTime();
        GatewayTestApp.Response empty = app.get("/api/tasks/poll/batch/" + type + "?count=5&timeout=600");
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEmpty();
        assertThat(waited).isBetween(500L, 5_000L);
        // as Conductor: no count, or a negative timeout, is not an error
        GatewayTestApp.Response none = app.get("/api/tasks/poll/batch/" + type + "?count=0&timeout=-5");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json()).isEmpty();

        // a poll waiting while workflows start gets their tasks
        CompletableFuture<GatewayTestApp.Response> waiting = CompletableFuture.supplyAsync(
                () -> app.get("/api/tasks/poll/batch/" + type + "?count=3&timeout=8000&workerid=b"));
        Thread.sleep(300);
        List<String> ids = List.of(app.start(type, 1, null), app.start(type, 2, null), app.start(type, 3, null));
        GatewayTestApp.Response got = waiting.get();
        assertThat(got.status()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        got.json().forEach(tasks::add);
        assertThat(tasks).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        while (tasks.size() < 3) {
            app.get("/api/tasks/poll/batch/" + type + "?count=3&timeout=2000")
                    .json()
                    .forEach(tasks::add);
        }
        assertThat(tasks)
                .extracting(t -> t.get("workflowInstanceId").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        for (JsonNode t : tasks) {
            app.post("/api/tasks", "{\"taskId\":\"" + t.get("taskId").asText() + "\",\"status\":\"COMPLETED\"}");
        }
        ids.forEach(id -> app.awaitInstance(id, w -> w.status == WorkflowStatus.COMPLETED));
    }

    @Test
    @Order(3)
    void anInProgressUpdateOffersTheTaskAgainAfterItsCallbackDelay() {
        String type = type("gw_callback");
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 1, null);
        JsonNode first = app.pollOne(type, "w");
        String taskId = first.get("taskId").asText();

        long t0 = System.nanoTime();
        assertThat(app.post("/api/tasks", """
                {"taskId": "%s", "status": "IN_PROGRESS", "callbackAfterSeconds": 1, "outputData": {"step": 1}}""".formatted(taskId)).status()).isEqualTo(200);
        JsonNode again = app.pollOne(type, "w");
        long after = (System.nanoTime() - t0) / 1_000_000;

        assertThat(again.get("taskId").asText()).isEqualTo(taskId);
        assertThat(again.get("pollCount").asInt()).isEqualTo(2);
        assertThat(after).isGreaterThanOrEqualTo(900);
        assertThat(app.post("/api/tasks", """
                {"taskId": "%s", "status": "COMPLETED", "outputData": {"step": 2}}""".formatted(taskId)).status()).isEqualTo(200);
        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.tasks).hasSize(1);
        assertThat(done.tasks.get(0).pollCount).isEqualTo(2);
        assertThat(done.output.get("result").get("step").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void queueSizeCountsWaitingCommandsAndUpdateV2HandsOutTheNext() {
        String type = type("gw_queue");
        app.registerOneTaskWorkflow(type, 0);
        String a = app.start(type, 1, null);
        String b = app.start(type, 2, null);
        app.awaitInstance(a, w -> !w.tasks.isEmpty());
        app.awaitInstance(b, w -> !w.tasks.isEmpty());
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        app.get("/api/tasks/queue/size?taskType=" + type).body().equals("2"));
        assertThat(app.get("/api/tasks/queue/sizes?taskType=" + type)
                        .json()
                        .get(type)
                        .asInt())
                .isEqualTo(2);

        JsonNode first = app.pollOne(type, "v2-worker");
        // the command handed out is consumed; the other one waits (read ahead, not committed)
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        app.get("/api/tasks/queue/size?taskType=" + type).body().equals("1"));
        GatewayTestApp.Response next = app.post(
                "/api/tasks/update-v2", """
                {"taskId": "%s", "status": "COMPLETED", "workerId": "v2-worker"}""".formatted(first.get("taskId").asText()));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("workflowInstanceId").asText())
                .isEqualTo(first.get("workflowInstanceId").asText().equals(a) ? b : a);
        assertThat(app.post("/api/tasks", """
                {"taskId": "%s", "status": "COMPLETED"}""".formatted(
                                        next.json().get("taskId").asText()))
                        .status())
                .isEqualTo(200);
        app.awaitInstance(a, w -> w.status == WorkflowStatus.COMPLETED);
        app.awaitInstance(b, w -> w.status == WorkflowStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        app.get("/api/tasks/queue/size?taskType=" + type).body().equals("0"));

        JsonNode pollData =
                app.get("/api/tasks/queue/polldata?taskType=" + type).json();
        assertThat(pollData).anySatisfy(p -> {
            assertThat(p.get("queueName").asText()).isEqualTo(type);
            assertThat(p.get("workerId").asText()).isEqualTo("v2-worker");
            assertThat(p.get("lastPollTime").asLong()).isPositive();
        });
    }

    @Test
    @Order(4)
    void anIdleTypeLeavesTheConsumerGroup() {
        String type = type("gw_idle");
        app.registerOneTaskWorkflow(type, 0);
        String group = "baton-worker-" + type;
        assertThat(app.get("/api/tasks/poll/" + type).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> members(group) == 1);
        // no poll for idle-close-ms (3 s here): the consumer leaves the group to the Kafka workers
        await().atMost(Duration.ofSeconds(30)).until(() -> members(group) == 0);
    }

    private static int members(String group) throws Exception {
        return kafka.admin()
                .describeConsumerGroups(List.of(group))
                .all()
                .get()
                .get(group)
                .members()
                .size();
    }

    @Test
    @Order(4)
    void aPollOfAnUnknownTypeAnswersNoContentAtOnce() {
        long t0 = System.nanoTime();
        GatewayTestApp.Response single = app.get("/api/tasks/poll/no_such_type_" + UUID.randomUUID() + "?workerid=w");
        GatewayTestApp.Response batch =
                app.get("/api/tasks/poll/batch/no_such_type_" + UUID.randomUUID() + "?timeout=5000");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(single.status()).isEqualTo(204);
        assertThat(single.body()).isEmpty();
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json()).isEmpty();
        assertThat(took).isLessThan(2_000);
        // the SDK reads 204 as "no task"
        assertThat(sdk.pollTask("no_such_type_" + UUID.randomUUID(), "w", null)).isNull();
    }

    @Test
    @Order(5)
    void aHumanTaskIsCompletedThroughTheTaskApi() {
        String name = type("gw_human");
        app.client().registerWorkflow(DefinitionParser.workflow("""
                {"name": "%1$s", "version": 1, "schemaVersion": 2,
                 "tasks": [{"name": "approve", "taskReferenceName": "approve_ref", "type": "HUMAN"}],
                 "outputParameters": {"approved": "${approve_ref.output.approved}"}}""".formatted(name)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.context
                        .getBean(StreamsRuntime.class)
                        .definitionsView()
                        .workflow(name, null)
                        .isPresent());
        String wf = app.client().start(name, 1, GatewayTestApp.JSON.createObjectNode(), null);
        app.client().flush();
        String taskId = app.awaitInstance(wf, w -> !w.tasks.isEmpty()).tasks.get(0).taskId;

        GatewayTestApp.Response r = app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED", "outputData": {"approved": true},
                 "logs": [{"log": "approved by ops", "createdTime": 5}]}""".formatted(wf, taskId));

        assertThat(r.status()).isEqualTo(200);
        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.output.get("approved").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                app.get("/api/tasks/" + taskId + "/log").json().findValuesAsText("log"))
                        .containsExactly("approved by ops"));
    }

    @Test
    @Order(5)
    void anUpdateByReferenceNameCompletesTheTask() {
        String type = type("gw_ref");
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 5, null);
        TaskState scheduled =
                app.awaitInstance(wf, w -> !w.tasks.isEmpty()).tasks.get(0);

        GatewayTestApp.Response r =
                app.post("/api/tasks/" + wf + "/" + type + "_ref/COMPLETED?workerid=ops", "{\"approvedBy\": \"ops\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(scheduled.taskId);
        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.output.get("result").get("approvedBy").asText()).isEqualTo("ops");
        // the task is finished now: a second update by reference is ignored (200 with the task id, as in Conductor)
        GatewayTestApp.Response late =
                app.post("/api/tasks/" + wf + "/" + type + "_ref/FAILED", "{\"approvedBy\": \"nobody\"}");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).isEqualTo(scheduled.taskId);
        assertThat(app.awaitInstance(wf, WorkflowInstance::isTerminal)
                        .output
                        .get("result")
                        .get("approvedBy")
                        .asText())
                .isEqualTo("ops");
    }

    @Test
    @Order(6)
    void requestsThatCannotApplyGetConductorsJsonErrors() {
        assertError(app.post("/api/tasks", "{not json"), 400, "INVALID_INPUT");
        GatewayTestApp.Response noId = app.post("/api/tasks", "{\"status\": \"COMPLETED\"}");
        assertError(noId, 400, "INVALID_INPUT");
        assertThat(noId.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("taskId");
        GatewayTestApp.Response badStatus = app.post("/api/tasks", "{\"taskId\": \"t\", \"status\": \"DONE\"}");
        assertError(badStatus, 400, "INVALID_INPUT");
        assertThat(badStatus.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("status");
        assertError(
                app.post("/api/tasks", "{\"taskId\": \"t\", \"status\": \"COMPLETED\", \"outputData\": [1]}"),
                400,
                "INVALID_INPUT");
        assertError(
                app.post("/api/tasks", "{\"taskId\": \"no-such-task\", \"status\": \"COMPLETED\"}"), 404, "NOT_FOUND");
        assertError(
                app.post(
                        "/api/tasks",
                        "{\"workflowInstanceId\": \"no-such-wf\", \"taskId\": \"t\", \"status\": \"COMPLETED\"}"),
                404,
                "NOT_FOUND");
        assertError(app.post("/api/tasks/no-such-wf/ref/COMPLETED", "{}"), 404, "NOT_FOUND");
        assertError(app.post("/api/tasks/no-such-wf/ref/DONE", "{}"), 400, "INVALID_INPUT");
        assertError(app.get("/api/tasks/no-such-task"), 404, "NOT_FOUND");
        assertError(app.get("/api/tasks/no-such-task/log"), 404, "NOT_FOUND");
        assertError(app.post("/api/tasks/no-such-task/log", "hello"), 404, "NOT_FOUND");
        // a batch poll for no task is not an error in Conductor: an empty list
        GatewayTestApp.Response nothingAsked = app.get("/api/tasks/poll/batch/any?count=0");
        assertThat(nothingAsked.status()).isEqualTo(200);
        assertThat(nothingAsked.json()).isEmpty();

        String type = type("gw_err");
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 1, null);
        String taskId = app.awaitInstance(wf, w -> !w.tasks.isEmpty()).tasks.get(0).taskId;
        assertError(app.post("/api/tasks/" + wf + "/no_such_ref/COMPLETED", "{}"), 404, "NOT_FOUND");
        app.client().terminate(wf, "stopped by the test");
        app.client().flush();
        app.awaitInstance(wf, WorkflowInstance::isTerminal);
        // an update of a task of a terminated workflow is ignored, as in Conductor: 200 with the task id
        GatewayTestApp.Response late =
                app.post("/api/tasks", "{\"taskId\": \"" + taskId + "\", \"status\": \"COMPLETED\"}");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).isEqualTo(taskId);
        assertThat(app.awaitInstance(wf, WorkflowInstance::isTerminal).status).isEqualTo(WorkflowStatus.TERMINATED);
    }

    @Test
    @Order(7)
    void aKafkaWorkerAndHttpPollersServeOneTaskTypeTogetherEachAttemptOnce() throws Exception {
        String type = type("gw_mixed");
        app.registerOneTaskWorkflow(type, 0);
        List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
        Set<String> byKafka = ConcurrentHashMap.newKeySet();
        Set<String> byHttp = ConcurrentHashMap.newKeySet();
        Set<String> ids = new HashSet<>();
        try (TaskWorker kafkaWorker = TaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .taskType(type)
                .createTopic(false)
                .handler(ctx -> {
                    deliveries.add(ctx.workflowId() + "/" + ctx.taskId() + "/" + ctx.attempt());
                    byKafka.add(ctx.workflowId());
                    return dev.baton.worker.TaskResult.completed(Map.of("by", "kafka"));
                })
                .build()
                .start()) {
            Worker httpWorker = new ConductorWorker(type, task -> {
                deliveries.add(task.getWorkflowInstanceId() + "/" + task.getTaskId() + "/" + task.getRetryCount());
                byHttp.add(task.getWorkflowInstanceId());
                TaskResult r = new TaskResult(task);
                r.setStatus(TaskResult.Status.COMPLETED);
                r.setOutputData(Map.of("by", "http"));
                return r;
            });
            TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(sdk, List.of(httpWorker))
                    .withThreadCount(2)
                    .withTaskPollTimeout(500)
                    .build();
            runner.init();
            try {
                // both are members of the type's group, each with partitions of its command topic
                String group = "baton-worker-" + type;
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    ConsumerGroupDescription g = kafka.admin()
                            .describeConsumerGroups(List.of(group))
                            .all()
                            .get()
                            .get(group);
                    return g.members().size() == 2
                            && g.members().stream()
                                    .allMatch(m ->
                                            !m.assignment().topicPartitions().isEmpty());
                });
                for (int i = 0; i < MIXED_WORKFLOWS; i++) {
                    ids.add(app.start(type, i, null));
                }
                for (String id : ids) {
                    app.awaitInstance(id, WorkflowInstance::isTerminal);
                }
            } finally {
                runner.shutdown();
            }
        }
        for (String id : ids) {
            WorkflowInstance wf = app.queries().find(id).orElseThrow();
            assertThat(wf.status).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(wf.output.get("result").get("by").asText()).isEqualTo(byKafka.contains(id) ? "kafka" : "http");
        }
        assertThat(deliveries).hasSize(MIXED_WORKFLOWS).doesNotHaveDuplicates();
        assertThat(byKafka).isNotEmpty().doesNotContainAnyElementsOf(byHttp);
        assertThat(byHttp).isNotEmpty();
        Set<String> served = new HashSet<>(byKafka);
        served.addAll(byHttp);
        assertThat(served).isEqualTo(ids);
    }

    @Test
    @Order(8)
    void logsTravelWithTheTaskAndSurviveARestart() {
        String type = type("gw_logs");
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 9, null);
        String taskId = app.pollOne(type, "logger").get("taskId").asText();

        sdk.logMessageForTask(taskId, "fetching the rates");
        assertThat(app.post("/api/tasks/" + taskId + "/log", "second line").status())
                .isEqualTo(200);
        TaskResult result = new TaskResult();
        result.setWorkflowInstanceId(wf);
        result.setTaskId(taskId);
        result.setStatus(TaskResult.Status.COMPLETED);
        result.log("done, 3 rates");
        sdk.updateTask(result);
        app.awaitInstance(wf, WorkflowInstance::isTerminal);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(sdk.getTaskLogs(taskId))
                        .extracting(TaskExecLog::getLog)
                        .containsExactly("fetching the rates", "second line", "done, 3 rates"));
        assertThat(sdk.getTaskLogs(taskId)).allSatisfy(l -> {
            assertThat(l.getTaskId()).isEqualTo(taskId);
            assertThat(l.getCreatedTime()).isPositive();
        });

        // The logs are part of the instance: a restarted node with fresh local state restores them.
        app.close();
        app = GatewayTestApp.start(kafka.bootstrapServers(), applicationId, GatewayTestApp.tempDir(), SETTINGS);
        sdk = new TaskClient(new ConductorClient(app.baseUrl() + "/api"));
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(sdk.getTaskLogs(taskId))
                        .extracting(TaskExecLog::getLog)
                        .containsExactly("fetching the rates", "second line", "done, 3 rates"));
    }

    /** A Conductor SDK worker that polls every 20 ms (the SDK's default interval is a second). */
    private record ConductorWorker(String type, Function<Task, TaskResult> body) implements Worker {
        @Override
        public String getTaskDefName() {
            return type;
        }

        @Override
        public TaskResult execute(Task task) {
            return body.apply(task);
        }

        @Override
        public int getPollingInterval() {
            return 20;
        }
    }

    private static void assertError(GatewayTestApp.Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
