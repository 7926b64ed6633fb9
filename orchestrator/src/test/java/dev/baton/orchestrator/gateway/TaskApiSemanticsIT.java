package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor's semantics of the task API over HTTP on a real broker: the workflow-level signal
 * ({@code /api/tasks/{workflowId}/{status}/signal[/sync]}), an update by reference visible when it
 * returns, the reset of callback delays ({@code /api/workflow/{id}/resetcallbacks}), and no task
 * handed out once it has ended. Command topics created here have one partition, so commands of
 * one type are read in the order they were sent.
 */
@KafkaCluster(isolated = true)
class TaskApiSemanticsIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Three WAITs without a duration, one after the other. */
    private static final String WAITS = "sig_waits_" + RUN;
    /** A SUB_WORKFLOW whose child waits in a WAIT. */
    private static final String PARENT = "sig_parent_" + RUN;

    private static final String CHILD = "sig_child_" + RUN;

    private static GatewayTestApp app;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        app = GatewayTestApp.start(
                kafka.bootstrapServers(),
                "baton-sig-it-" + RUN,
                GatewayTestApp.tempDir(),
                Map.of("baton.task-gateway.idle-close-ms", 30_000, "baton.partitions", 1));
        register("""
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "w1", "taskReferenceName": "w1", "type": "WAIT"},
                  {"name": "w2", "taskReferenceName": "w2", "type": "WAIT"},
                  {"name": "w3", "taskReferenceName": "w3", "type": "WAIT"}]}""".formatted(WAITS));
        register("""
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]}""".formatted(CHILD));
        register("""
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "child", "taskReferenceName": "child", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "%s", "version": 1}}]}""".formatted(PARENT, CHILD));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aSynchronousSignalCompletesTheBlockingWaitAndAnswersOnceTheWorkflowBlocksAgain() {
        String wf = startAndAwaitWait(WAITS);

        GatewayTestApp.Response r = app.post(
                "/api/tasks/" + wf + "/COMPLETED/signal/sync?returnStrategy=TARGET_WORKFLOW", "{\"by\": \"first\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode run = r.json();
        assertThat(run.get("responseType").asText()).isEqualTo("TARGET_WORKFLOW");
        assertThat(run.get("workflowId").asText()).isEqualTo(wf);
        assertThat(run.get("targetWorkflowId").asText()).isEqualTo(wf);
        assertThat(run.get("targetWorkflowStatus").asText()).isEqualTo("RUNNING");
        assertThat(run.get("signalTimeout").asBoolean()).isFalse();
        JsonNode tasks = run.get("tasks");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("referenceTaskName").asText()).isEqualTo("w1");
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(tasks.get(0).get("outputData").get("by").asText()).isEqualTo("first");
        assertThat(tasks.get(1).get("referenceTaskName").asText()).isEqualTo("w2");
        assertThat(tasks.get(1).get("status").asText()).isEqualTo("IN_PROGRESS");

        // BLOCKING_TASK: the task the workflow waits on next, as Conductor's TaskRun
        GatewayTestApp.Response next =
                app.post("/api/tasks/" + wf + "/COMPLETED/signal/sync?returnStrategy=BLOCKING_TASK", "{}");
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().get("responseType").asText()).isEqualTo("BLOCKING_TASK");
        assertThat(next.json().get("referenceTaskName").asText()).isEqualTo("w3");
        assertThat(next.json().get("taskType").asText()).isEqualTo("WAIT");
        assertThat(next.json().get("status").asText()).isEqualTo("IN_PROGRESS");

        // the asynchronous variant (not an update of a task named COMPLETED with status "signal")
        GatewayTestApp.Response async = app.post("/api/tasks/" + wf + "/COMPLETED/signal", "{\"by\": \"last\"}");
        assertThat(async.status()).as(async.toString()).isEqualTo(200);
        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.latest("w3").orElseThrow().outputData.get("by").asText())
                .isEqualTo("last");

        // nothing blocks any more: the synchronous variant answers 404, the asynchronous one 200
        GatewayTestApp.Response none = app.post("/api/tasks/" + wf + "/COMPLETED/signal/sync", "{}");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).contains("Found no blocked task");
        assertThat(app.post("/api/tasks/" + wf + "/COMPLETED/signal", "{}").status())
                .isEqualTo(200);
    }

    @Test
    void aSignalToTheParentReachesTheWaitInARunningChild() {
        String parent = startAndAwait(
                PARENT, w -> w.latest("child").map(t -> t.subWorkflowId != null).orElse(false));
        String child = app.queries().find(parent).orElseThrow().latest("child").orElseThrow().subWorkflowId;
        app.awaitInstance(
                child,
                w -> w.latest("hold")
                        .map(t -> t.status == TaskStatus.IN_PROGRESS)
                        .orElse(false));

        GatewayTestApp.Response r = app.post("/api/tasks/" + parent + "/COMPLETED/signal/sync", "{\"ok\": true}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("targetWorkflowId").asText()).isEqualTo(parent);
        assertThat(app.awaitInstance(child, WorkflowInstance::isTerminal).status)
                .isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(app.awaitInstance(parent, WorkflowInstance::isTerminal).status)
                .isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void badSignalsGetConductorsErrors() {
        String wf = startAndAwaitWait(WAITS);
        assertThat(app.post("/api/tasks/" + wf + "/DONE/signal/sync", "{}").status())
                .isEqualTo(400);
        assertThat(app.post("/api/tasks/" + wf + "/COMPLETED/signal/sync?returnStrategy=EVERYTHING", "{}")
                        .status())
                .isEqualTo(400);
        assertThat(app.post("/api/tasks/no-such-workflow/COMPLETED/signal/sync", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(app.post("/api/tasks/no-such-workflow/COMPLETED/signal", "{}")
                        .status())
                .isEqualTo(404);
        // none of them touched the waiting task
        assertThat(app.queries().find(wf).orElseThrow().latest("w1").orElseThrow().status)
                .isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void resetCallbacksHandsOutAPostponedTaskAtOnce() {
        String type = "sig_cb_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 1, null);
        String taskId = app.pollOne(type, "w").get("taskId").asText();
        GatewayTestApp.Response later = app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "IN_PROGRESS", "callbackAfterSeconds": 3600}""".formatted(wf, taskId));
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(app.get("/api/tasks/poll/batch/" + type + "?workerid=w&count=1&timeout=500")
                        .json())
                .isEmpty();

        assertThat(app.get("/api/workflow/" + wf)
                        .json()
                        .at("/tasks/0/callbackAfterSeconds")
                        .asInt())
                .isEqualTo(3600);

        assertThat(app.post("/api/workflow/" + wf + "/resetcallbacks", "").status())
                .isEqualTo(204);
        // as Conductor: read at once, the task shows no callback any more, still SCHEDULED and polled once
        JsonNode reset = app.get("/api/workflow/" + wf).json().at("/tasks/0");
        assertThat(reset.get("callbackAfterSeconds").asInt()).isZero();
        assertThat(reset.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(reset.get("pollCount").asInt()).isEqualTo(1);
        assertThat(app.pollOne(type, "w").get("taskId").asText()).isEqualTo(taskId);

        app.client().terminate(wf, "done with the test");
        app.client().flush();
        app.awaitInstance(wf, WorkflowInstance::isTerminal);
        GatewayTestApp.Response ended = app.post("/api/workflow/" + wf + "/resetcallbacks", "");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.json().get("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void anUpdateByReferenceOfAWaitIsVisibleWhenItReturns() {
        String wf = startAndAwaitWait(WAITS);
        GatewayTestApp.Response r = app.post("/api/tasks/" + wf + "/w1/COMPLETED", "{\"by\": \"ref\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        WorkflowInstance now = app.queries().find(wf).orElseThrow();
        assertThat(now.latest("w1").orElseThrow().status).isEqualTo(TaskStatus.COMPLETED);
        // so a workflow-level signal right after it finds the next WAIT, not the one just completed
        GatewayTestApp.Response next =
                app.post("/api/tasks/" + wf + "/COMPLETED/signal/sync?returnStrategy=BLOCKING_TASK", "{}");
        assertThat(next.json().get("referenceTaskName").asText()).isEqualTo("w3");
    }

    @Test
    void anUpdateByIdReplacesAWaitsOutputAsInConductor() {
        String wf = startAndAwaitWait(WAITS);
        String taskId = app.queries().find(wf).orElseThrow().latest("w1").orElseThrow().taskId;
        app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "IN_PROGRESS", "outputData": {"p": 1}}""".formatted(wf, taskId));
        app.awaitInstance(wf, w -> w.latest("w1").orElseThrow().outputData.has("p"));

        app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED", "outputData": {"k": "v"}}""".formatted(wf, taskId));

        WorkflowInstance now = app.awaitInstance(wf, w -> w.latest("w1").orElseThrow().status == TaskStatus.COMPLETED);
        assertThat(now.latest("w1").orElseThrow().outputData.toString()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void aWorkersFinalUpdateAnswersOnceTheWorkflowShowsIt() {
        String type = "sig_update_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 7, null);
        JsonNode polled = app.pollOne(type, "w");
        assertThat(polled.get("workflowInstanceId").asText()).isEqualTo(wf);

        GatewayTestApp.Response r = app.post("/api/tasks", update(wf, polled, "COMPLETED", 8));

        // as Conductor, whose update decides before it answers: the very next read sees the workflow moved on
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        WorkflowInstance now = app.queries().find(wf).orElseThrow();
        assertThat(now.tasks.get(0).status).isEqualTo(TaskStatus.COMPLETED);
        assertThat(now.status.name()).isEqualTo("COMPLETED");
    }

    @Test
    void aWorkerThatCancelsItsTaskTerminatesTheWorkflowAsInConductor() {
        String type = "sig_cancel_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String wf = app.start(type, 3, null);
        JsonNode polled = app.pollOne(type, "w");

        GatewayTestApp.Response r = app.post("/api/tasks", update(wf, polled, "CANCELED", 4));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        WorkflowInstance ended = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(ended.status.name()).isEqualTo("TERMINATED");
        assertThat(ended.tasks.get(0).status).isEqualTo(TaskStatus.CANCELED);
        assertThat(ended.reasonForIncompletion)
                .isEqualTo(
                        "Task " + polled.get("taskId").asText() + " failed with status: TERMINATED and reason: 'null'");
    }

    @Test
    void lateAndRepeatedUpdatesOfATaskPolledHereAreAnsweredAndIgnored() {
        String type = "sig_late_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String terminated = app.start(type, 1, null);
        JsonNode polled = app.pollOne(type, "w");
        app.client().terminate(terminated, "while the worker ran");
        app.client().flush();
        app.awaitInstance(terminated, WorkflowInstance::isTerminal);

        // as Conductor: 200 with the task id, the workflow stays as it ended, and no wait for a step that never comes
        long t0 = System.nanoTime();
        GatewayTestApp.Response late = app.post("/api/tasks", update(terminated, polled, "COMPLETED", 1));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.body()).isEqualTo(polled.get("taskId").asText());
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_500);
        WorkflowInstance ended = app.queries().find(terminated).orElseThrow();
        assertThat(ended.status.name()).isEqualTo("TERMINATED");
        assertThat(ended.tasks.get(0).status).isEqualTo(TaskStatus.CANCELED);

        String done = app.start(type, 2, null);
        JsonNode second = app.pollOne(type, "w");
        assertThat(app.post("/api/tasks", update(done, second, "COMPLETED", 1)).status())
                .isEqualTo(200);
        GatewayTestApp.Response again = app.post("/api/tasks", update(done, second, "FAILED", 2));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        WorkflowInstance completed = app.queries().find(done).orElseThrow();
        assertThat(completed.status.name()).isEqualTo("COMPLETED");
        assertThat(completed.tasks.get(0).status).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.tasks.get(0).outputData.get("y").asInt()).isEqualTo(1);
    }

    @Test
    void anUpdateReplacesTheOutputAndAnUpdateByReferenceAddsToItAsInConductor() {
        String type = "sig_output_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String replaced = app.start(type, 1, null);
        JsonNode first = app.pollOne(type, "w");
        app.post("/api/tasks", update(replaced, first, "IN_PROGRESS", 1));
        app.awaitInstance(replaced, w -> w.tasks.get(0).outputData.has("y"));
        app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED", "outputData": {"k": "v"}}""".formatted(replaced, first.get("taskId").asText()));
        assertThat(app.queries()
                        .find(replaced)
                        .orElseThrow()
                        .tasks
                        .get(0)
                        .outputData
                        .toString())
                .isEqualTo("{\"k\":\"v\"}");

        String added = app.start(type, 2, null);
        JsonNode second = app.pollOne(type, "w");
        app.post("/api/tasks", update(added, second, "IN_PROGRESS", 1));
        app.awaitInstance(added, w -> w.tasks.get(0).outputData.has("y"));
        String ref = second.get("referenceTaskName").asText();
        assertThat(app.post("/api/tasks/" + added + "/" + ref + "/COMPLETED", "{\"k\": \"v\"}")
                        .status())
                .isEqualTo(200);
        app.awaitInstance(added, WorkflowInstance::isTerminal);
        assertThat(app.queries()
                        .find(added)
                        .orElseThrow()
                        .tasks
                        .get(0)
                        .outputData
                        .toString())
                .isEqualTo("{\"y\":1,\"k\":\"v\"}");
    }

    private static String update(String wf, JsonNode polled, String status, int y) {
        return """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "%s", "outputData": {"y": %d}}""".formatted(wf, polled.get("taskId").asText(), status, y);
    }

    @Test
    void aTaskThatEndedBeforeAnyWorkerPolledItIsNotHandedOut() {
        String type = "sig_ended_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String terminated = app.start(type, 1, null);
        app.awaitInstance(terminated, w -> !w.tasks.isEmpty());
        app.client().terminate(terminated, "before any worker came");
        app.client().flush();
        app.awaitInstance(terminated, WorkflowInstance::isTerminal);
        String live = app.start(type, 2, null);

        // one partition: the terminated workflow's command comes first, and is passed over
        JsonNode polled = app.pollOne(type, "w");
        assertThat(polled.get("workflowInstanceId").asText()).isEqualTo(live);
        assertThat(app.get("/api/tasks/poll/batch/" + type + "?workerid=w&count=5&timeout=500")
                        .json())
                .isEmpty();
        assertThat(app.queries().find(terminated).orElseThrow().tasks.get(0).status)
                .isEqualTo(TaskStatus.CANCELED);
    }

    @Test
    void aRestartedWorkflowHandsOutItsNewTaskNotTheOneCanceledBeforeAnyPoll() {
        String type = "sig_restart_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String wf = startAndTerminateUnpolled(type);
        String old = app.queries().find(wf).orElseThrow().tasks.get(0).taskId;

        GatewayTestApp.Response r = app.post("/api/workflow/" + wf + "/restart", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertNewTaskHandedOutAndCompletes(type, wf, old);
    }

    @Test
    void aWorkflowRerunFromTheStartHandsOutItsNewTaskNotTheOneCanceledBeforeAnyPoll() {
        String type = "sig_rerun_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        String wf = startAndTerminateUnpolled(type);
        String old = app.queries().find(wf).orElseThrow().tasks.get(0).taskId;

        GatewayTestApp.Response r =
                app.post("/api/workflow/" + wf + "/rerun", "{\"reRunFromWorkflowId\": \"" + wf + "\"}");
        assertThat(r.status()).as(r.toString()).isIn(200, 202);
        assertNewTaskHandedOutAndCompletes(type, wf, old);
    }

    @Test
    void aBatchPollPassesOverCanceledTasksAndStillHandsOutAsManyAsAsked() {
        String type = "sig_batch_" + RUN;
        app.registerOneTaskWorkflow(type, 0);
        // the first poll of a type starts its queue
        String first = app.start(type, 0, null);
        assertThat(app.pollOne(type, "w").get("workflowInstanceId").asText()).isEqualTo(first);
        String terminated = startAndTerminateUnpolled(type);
        String second = app.start(type, 2, null);
        String third = app.start(type, 3, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> app.gateway().buffered(type) == 3);

        JsonNode polled = app.get("/api/tasks/poll/batch/" + type + "?workerid=w&count=2&timeout=1000")
                .json();
        assertThat(polled).hasSize(2);
        assertThat(polled.get(0).get("workflowInstanceId").asText()).isEqualTo(second);
        assertThat(polled.get(1).get("workflowInstanceId").asText()).isEqualTo(third);
        assertThat(app.queries().find(terminated).orElseThrow().tasks.get(0).status)
                .isEqualTo(TaskStatus.CANCELED);
        // the canceled command, passed over, is no longer counted
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.get("/api/tasks/queue/sizes?taskType=" + type)
                                .json()
                                .get(type)
                                .asLong()
                        == 0);
    }

    /** Starts a one-task workflow of {@code type} and terminates it before any worker polls its task. */
    private static String startAndTerminateUnpolled(String type) {
        String wf = app.start(type, 1, null);
        app.awaitInstance(wf, w -> !w.tasks.isEmpty());
        app.client().terminate(wf, "before any worker came");
        app.client().flush();
        app.awaitInstance(wf, WorkflowInstance::isTerminal);
        return wf;
    }

    /** The poll hands out the workflow's new task (not the canceled {@code old} one), and completing it completes the workflow. */
    private static void assertNewTaskHandedOutAndCompletes(String type, String wf, String old) {
        WorkflowInstance running = app.awaitInstance(
                wf,
                w -> w.status == WorkflowStatus.RUNNING
                        && !w.tasks.isEmpty()
                        && !w.tasks.get(0).taskId.equals(old));
        String fresh = running.tasks.get(0).taskId;

        JsonNode polled = app.pollOne(type, "w");
        assertThat(polled.get("taskId").asText()).isEqualTo(fresh);
        assertThat(polled.get("workflowInstanceId").asText()).isEqualTo(wf);
        GatewayTestApp.Response done = app.post("/api/tasks", """
                {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED", "outputData": {"ok": true}}""".formatted(wf, fresh));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(app.awaitInstance(wf, WorkflowInstance::isTerminal).status).isEqualTo(WorkflowStatus.COMPLETED);
    }

    private static String startAndAwaitWait(String name) {
        return startAndAwait(name, w -> w.tasks.size() == 1 && w.tasks.get(0).status == TaskStatus.IN_PROGRESS);
    }

    private static String startAndAwait(String name, Predicate<WorkflowInstance> ready) {
        String id = app.client().start(name, 1, GatewayTestApp.JSON.createObjectNode(), null);
        app.client().flush();
        app.awaitInstance(id, ready);
        return id;
    }

    private static void register(String json) {
        var def = DefinitionParser.workflow(json);
        app.client().registerWorkflow(def);
        StreamsRuntime runtime = app.context.getBean(StreamsRuntime.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        runtime.definitionsView().workflow(def.name(), null).isPresent());
    }
}
