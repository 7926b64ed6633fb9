package dev.baton.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.conductor.common.metadata.events.EventHandler;
import com.netflix.conductor.common.metadata.tasks.PollData;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskExecLog;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowDefSummary;
import com.netflix.conductor.common.model.BulkResponse;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.TaskSummary;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import com.netflix.conductor.common.validation.ErrorResponse;
import dev.baton.compat.RestCalls.Reply;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every response of Baton's Conductor API read into the official client's model classes
 * (conductor-client 4.0.8) with unknown properties failing ({@link StrictModels}), and the fields
 * Conductor fills checked to be filled: every primitive field (Conductor's server always writes
 * them) at any depth, and the values that matter — runtime task types (FORK, a DYNAMIC task by
 * the task it became), loop iterations, the polled task's workflow, position and definition, a
 * retry's back-off, Conductor's summary formats. Against a real Baton on a real broker.
 */
@KafkaCluster(isolated = true)
class ConductorModelsCompatIT {
    private static final String WF = "models_wf";
    private static final String QUICK = "models_quick";
    private static final String CORRELATION = "models-1";
    private static final String WORKER = "models-worker";
    private static final int RETRY_DELAY_SECONDS = 5;

    private static BatonServer baton;
    private static RestCalls api;
    /** Every task a worker polled, by reference name, as the poll answered it (JSON). */
    private static final Map<String, String> polled = new ConcurrentHashMap<>();

    private static String workflowId;
    private static JsonNode retryWhileWaiting;

    @BeforeAll
    static void runAWorkflowOfEveryKindOfTask(KafkaTestCluster kafka) {
        baton = BatonServer.start(kafka.bootstrapServers());
        api = new RestCalls(baton.apiUrl());
        ok(api.post("/metadata/taskdefs", "[" + taskDef("models_a", 1) + "," + taskDef("models_b", 0) + "]"));
        ok(api.post("/metadata/workflow", WORKFLOW));
        ok(api.post("/metadata/workflow", QUICK_WORKFLOW));
        ok(api.post(
                "/event",
                "{\"name\":\"models_handler\",\"event\":\"conductor:" + WF + ":a\",\"active\":true,"
                        + "\"actions\":[{\"action\":\"start_workflow\",\"start_workflow\":{\"name\":\"" + QUICK
                        + "\",\"version\":1}}]}"));
        Reply started = api.post(
                "/workflow",
                "{\"name\":\"" + WF + "\",\"version\":1,\"correlationId\":\"" + CORRELATION
                        + "\",\"input\":{\"x\":3}}");
        ok(started);
        workflowId = started.body().trim();
        work();
    }

    @AfterAll
    static void stop() {
        if (baton != null) {
            baton.close();
        }
    }

    /** Serves models_a (failing its first attempt) and models_b until the workflow completes; keeps each poll. */
    private static void work() {
        boolean[] failedOnce = {false};
        await().atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (String type : List.of("models_a", "models_b")) {
                        Reply r = api.call(
                                "GET",
                                "/tasks/poll/batch/" + type,
                                Map.of("workerid", WORKER, "count", "5", "timeout", "100"),
                                null);
                        ok(r);
                        for (JsonNode t : StrictModels.tree(r.body())) {
                            String ref = t.path("referenceTaskName").asText();
                            String status = "COMPLETED";
                            if (ref.equals("a") && !failedOnce[0]) {
                                failedOnce[0] = true;
                                status = "FAILED";
                            }
                            polled.put(ref + "#" + t.path("retryCount").asInt(), t.toString());
                            ok(api.post(
                                    "/tasks",
                                    "{\"workflowInstanceId\":\"" + workflowId + "\",\"taskId\":\""
                                            + t.path("taskId").asText()
                                            + "\",\"status\":\"" + status
                                            + "\",\"reasonForIncompletion\":\"first attempt fails\","
                                            + "\"outputData\":{\"by\":\"" + ref + "\"},\"workerId\":\"" + WORKER
                                            + "\"}"));
                            if (status.equals("FAILED")) {
                                retryWhileWaiting = awaitRetryScheduled();
                            }
                        }
                    }
                    return "COMPLETED"
                            .equals(StrictModels.tree(
                                            api.get("/workflow/" + workflowId).body())
                                    .path("status")
                                    .asText());
                });
    }

    /** The second attempt of task a as the workflow shows it while it waits out the retry delay. */
    private static JsonNode awaitRetryScheduled() {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(RETRY_DELAY_SECONDS - 1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    for (JsonNode t : StrictModels.tree(
                                    api.get("/workflow/" + workflowId).body())
                            .path("tasks")) {
                        if (t.path("referenceTaskName").asText().equals("a")
                                && t.path("retryCount").asInt() == 1) {
                            found[0] = t;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    // ---- the workflow and its tasks --------------------------------------------------------

    @Test
    void theWorkflowReadsIntoConductorsWorkflowWithEveryTaskAsConductorReportsIt() {
        Reply r = api.get("/workflow/" + workflowId);
        Workflow wf = readFully(r, Workflow.class);
        assertThat(wf.getWorkflowId()).isEqualTo(workflowId);
        assertThat(wf.getWorkflowName()).isEqualTo(WF);
        assertThat(wf.getWorkflowVersion()).isEqualTo(1);
        assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
        assertThat(wf.getCorrelationId()).isEqualTo(CORRELATION);
        assertThat(wf.getInput()).containsEntry("x", 3);
        assertThat(wf.getOutput()).containsEntry("loops", 2);
        assertThat(wf.getCreateTime()).isPositive();
        assertThat(wf.getUpdateTime()).isPositive();
        assertThat(wf.getStartTime()).isPositive();
        assertThat(wf.getEndTime()).isGreaterThanOrEqualTo(wf.getStartTime());
        assertThat(wf.getVariables()).isNotNull();
        assertThat(wf.getTaskToDomain()).isNotNull();
        assertThat(wf.getFailedReferenceTaskNames()).containsExactly("a");
        assertThat(wf.getFailedTaskNames()).containsExactly("models_a");
        assertThat(wf.getWorkflowDefinition().getName()).isEqualTo(WF);
        assertThat(wf.getWorkflowDefinition().getTasks())
                .extracting(t -> t.getTaskReferenceName())
                .containsExactly("a", "fork", "join", "loop", "dyn", "sw");
        assertThat(wf.getWorkflowDefinition()
                        .getTasks()
                        .get(0)
                        .getTaskDefinition()
                        .getRetryCount())
                .isEqualTo(1);

        assertThat(wf.getTasks())
                .extracting(Task::getReferenceTaskName, Task::getTaskType, Task::getTaskDefName)
                .containsExactly(
                        tuple("a", "models_a", "models_a"),
                        tuple("a", "models_a", "models_a"),
                        tuple("fork", "FORK", "FORK"),
                        tuple("b1", "models_b", "models_b"),
                        tuple("b2", "models_b", "models_b"),
                        tuple("join", "JOIN", "JOIN"),
                        tuple("loop", "DO_WHILE", "loop"),
                        tuple("lb__1", "models_b", "models_b"),
                        tuple("lb__2", "models_b", "models_b"),
                        tuple("dyn", "models_b", "models_b"),
                        tuple("sw", "SWITCH", "SWITCH"),
                        tuple("calc", "INLINE", "calc"));
        for (int i = 0; i < wf.getTasks().size(); i++) {
            Task t = wf.getTasks().get(i);
            assertThat(t.getSeq()).as("seq of %s", t.getReferenceTaskName()).isEqualTo(i + 1);
            assertThat(t.getWorkflowInstanceId()).isEqualTo(workflowId);
            assertThat(t.getWorkflowType()).isEqualTo(WF);
            assertThat(t.getCorrelationId()).isEqualTo(CORRELATION);
            assertThat(t.getTaskId()).isNotBlank();
            assertThat(t.getScheduledTime()).isPositive();
            assertThat(t.getEndTime()).isGreaterThanOrEqualTo(t.getScheduledTime());
            assertThat(t.getUpdateTime()).isPositive();
            assertThat(t.getInputData()).isNotNull();
            assertThat(t.getOutputData()).isNotNull();
            assertThat(t.getWorkflowTask())
                    .as("workflowTask of %s", t.getReferenceTaskName())
                    .isNotNull();
            assertThat(t.getTaskDefinition())
                    .as("taskDefinition of %s", t.getReferenceTaskName())
                    .isPresent();
            assertThat(t.isCallbackFromWorker()).isTrue();
        }
        Task first = wf.getTasks().get(0);
        Task retry = wf.getTasks().get(1);
        assertThat(first.getStatus()).isEqualTo(Task.Status.FAILED);
        assertThat(first.isRetried()).isTrue();
        assertThat(first.getReasonForIncompletion()).isEqualTo("first attempt fails");
        assertThat(retry.getRetryCount()).isEqualTo(1);
        assertThat(retry.getRetriedTaskId()).isEqualTo(first.getTaskId());
        assertThat(retry.getResponseTimeoutSeconds()).isEqualTo(60);
        assertThat(retry.getRateLimitFrequencyInSeconds()).isEqualTo(1);
        assertThat(retry.getWorkflowTask().getTaskDefinition().getRetryDelaySeconds())
                .isEqualTo(RETRY_DELAY_SECONDS);

        Task loop = task(wf, "loop");
        assertThat(loop.getIteration()).isEqualTo(2);
        assertThat(loop.getOutputData()).containsKeys("iteration", "1", "2");
        assertThat(task(wf, "lb__1").getIteration()).isEqualTo(1);
        assertThat(task(wf, "lb__2").getIteration()).isEqualTo(2);
        assertThat(task(wf, "lb__2").getWorkflowTask().getTaskReferenceName()).isEqualTo("lb");
        assertThat(task(wf, "b1").getIteration()).isZero();
        JsonNode json = StrictModels.tree(r.body());
        assertThat(taskJson(json, "lb__2").path("loopOverTask").asBoolean()).isTrue();
        assertThat(taskJson(json, "b1").path("loopOverTask").asBoolean(true)).isFalse();

        Task dyn = task(wf, "dyn");
        assertThat(dyn.getWorkflowTask().getType()).isEqualTo("DYNAMIC");
        assertThat(dyn.getWorkflowTask().getName()).isEqualTo("models_b");
        assertThat(dyn.getTaskDefinition().orElseThrow().getName()).isEqualTo("models_b");
        assertThat(task(wf, "fork").getWorkflowTask().getForkTasks()).hasSize(2);
        assertThat(task(wf, "calc").getOutputData()).containsEntry("result", 6);

        Workflow withoutTasks = readFully(api.get("/workflow/" + workflowId + "?includeTasks=false"), Workflow.class);
        assertThat(withoutTasks.getTasks()).isEmpty();
        assertThat(withoutTasks.getWorkflowName()).isEqualTo(WF);
    }

    @Test
    void aRetriedTaskShowsItsBackOffWhileItWaits() {
        assertThat(retryWhileWaiting)
                .as("the second attempt of a, seen while it waited")
                .isNotNull();
        Task t = StrictModels.read(retryWhileWaiting.toString(), Task.class);
        assertThat(t.getStatus()).isEqualTo(Task.Status.SCHEDULED);
        assertThat(t.getCallbackAfterSeconds()).isEqualTo(RETRY_DELAY_SECONDS);
        assertThat(t.getStartDelayInSeconds()).isEqualTo(RETRY_DELAY_SECONDS);
        assertThat(t.getRetriedTaskId()).isNotBlank();
    }

    @Test
    void polledTasksCarryTheirWorkflowPositionDefinitionAndLoopIteration() {
        assertThat(polled.keySet()).contains("a#0", "a#1", "b1#0", "b2#0", "lb__1#0", "lb__2#0", "dyn#0");
        for (Map.Entry<String, String> e : polled.entrySet()) {
            assertThat(StrictModels.missingAlwaysWritten(e.getValue(), Task.class))
                    .as("polled %s", e.getKey())
                    .isEmpty();
            Task t = StrictModels.read(e.getValue(), Task.class);
            assertThat(t.getStatus()).as(e.getKey()).isEqualTo(Task.Status.IN_PROGRESS);
            assertThat(t.getWorkflowInstanceId()).isEqualTo(workflowId);
            assertThat(t.getWorkflowType())
                    .as("workflowType of polled %s", e.getKey())
                    .isEqualTo(WF);
            assertThat(t.getCorrelationId()).isEqualTo(CORRELATION);
            assertThat(t.getWorkerId()).isEqualTo(WORKER);
            assertThat(t.getSeq()).as("seq of polled %s", e.getKey()).isPositive();
            assertThat(t.getPollCount()).isPositive();
            assertThat(t.getStartTime())
                    .isGreaterThanOrEqualTo(t.getScheduledTime())
                    .isPositive();
            assertThat(t.getResponseTimeoutSeconds()).isEqualTo(60);
            assertThat(t.getWorkflowTask())
                    .as("workflowTask of polled %s", e.getKey())
                    .isNotNull();
            assertThat(t.getWorkflowTask().getTaskDefinition()).isNotNull();
            assertThat(StrictModels.tree(e.getValue())
                            .path("taskDefinition")
                            .path("name")
                            .asText())
                    .isEqualTo(t.getTaskDefName());
        }
        Task lb2 = StrictModels.read(polled.get("lb__2#0"), Task.class);
        assertThat(lb2.getIteration()).isEqualTo(2);
        assertThat(lb2.getWorkflowTask().getTaskReferenceName()).isEqualTo("lb");
        assertThat(StrictModels.tree(polled.get("lb__2#0")).path("loopOverTask").asBoolean())
                .isTrue();
        Task dyn = StrictModels.read(polled.get("dyn#0"), Task.class);
        assertThat(dyn.getTaskType()).isEqualTo("models_b");
        assertThat(dyn.getWorkflowTask().getType()).isEqualTo("DYNAMIC");
        Task retry = StrictModels.read(polled.get("a#1"), Task.class);
        assertThat(retry.getRetryCount()).isEqualTo(1);
        assertThat(retry.getSeq()).isEqualTo(2);
    }

    @Test
    void aTaskByIdItsLogsAndTheWorkflowsTaskPages() {
        Workflow wf = StrictModels.read(api.get("/workflow/" + workflowId).body(), Workflow.class);
        Task b1 = task(wf, "b1");
        Task byId = readFully(api.get("/tasks/" + b1.getTaskId()), Task.class);
        assertThat(byId.getReferenceTaskName()).isEqualTo("b1");
        assertThat(byId.getWorkflowType()).isEqualTo(WF);
        assertThat(byId.getOutputData()).containsEntry("by", "b1");

        ok(api.post("/tasks/" + b1.getTaskId() + "/log", "checked by the models test"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/tasks/" + b1.getTaskId() + "/log").status() == 200);
        List<TaskExecLog> logs = readFully(api.get("/tasks/" + b1.getTaskId() + "/log"), new TypeReference<>() {});
        assertThat(logs).extracting(TaskExecLog::getLog).contains("checked by the models test");
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.getTaskId()).isEqualTo(b1.getTaskId());
            assertThat(l.getCreatedTime()).isPositive();
        });

        SearchResult<Task> page =
                readFully(api.get("/workflow/" + workflowId + "/tasks?start=2&count=3"), new TypeReference<>() {});
        assertThat(page.getTotalHits()).isEqualTo(wf.getTasks().size());
        assertThat(page.getResults()).extracting(Task::getReferenceTaskName).containsExactly("fork", "b1", "b2");
        SearchResult<Task> failed =
                readFully(api.get("/workflow/" + workflowId + "/tasks?status=FAILED"), new TypeReference<>() {});
        assertThat(failed.getResults()).extracting(Task::getReferenceTaskName).containsExactly("a");

        JsonNode status = StrictModels.tree(
                ok(api.get("/workflow/" + workflowId + "/status?includeOutput=true&includeVariables=true"))
                        .body());
        assertThat(fieldNames(status))
                .isSubsetOf(WORKFLOW_STATUS_FIELDS)
                .contains("workflowId", "correlationId", "output", "status");
        assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(fieldNames(StrictModels.tree(
                        api.get("/workflow/" + workflowId + "/status").body())))
                .doesNotContain("output", "variables");
    }

    // ---- searches --------------------------------------------------------------------------

    @Test
    void workflowSearchesReadIntoSummariesAndWorkflows() {
        String query = "query=" + RestCalls.enc("workflowType = " + WF);
        SearchResult<WorkflowSummary> found = readFully(api.get("/workflow/search?" + query), new TypeReference<>() {});
        assertThat(found.getTotalHits()).isEqualTo(1);
        WorkflowSummary s = found.getResults().get(0);
        assertThat(s.getWorkflowId()).isEqualTo(workflowId);
        assertThat(s.getWorkflowType()).isEqualTo(WF);
        assertThat(s.getVersion()).isEqualTo(1);
        assertThat(s.getCorrelationId()).isEqualTo(CORRELATION);
        assertThat(s.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
        assertThat(Instant.parse(s.getStartTime()))
                .isBefore(Instant.parse(s.getEndTime()).plusMillis(1));
        assertThat(Instant.parse(s.getUpdateTime())).isNotNull();
        assertThat(s.getExecutionTime()).isPositive();
        assertThat(StrictModels.tree(s.getInput()).path("x").asInt()).isEqualTo(3);
        assertThat(s.getOutput()).contains("loops");
        assertThat(s.getFailedReferenceTaskNames()).isEqualTo("a");
        assertThat(s.getFailedTaskNames()).containsExactly("models_a");

        SearchResult<Workflow> v2 = readFully(api.get("/workflow/search-v2?" + query), new TypeReference<>() {});
        assertThat(v2.getResults()).extracting(Workflow::getWorkflowId).containsExactly(workflowId);
        String byTasks = "query=" + RestCalls.enc("taskType = FORK AND workflowType = " + WF);
        SearchResult<WorkflowSummary> t1 =
                readFully(api.get("/workflow/search-by-tasks?" + byTasks), new TypeReference<>() {});
        assertThat(t1.getResults()).extracting(WorkflowSummary::getWorkflowId).containsExactly(workflowId);
        SearchResult<Workflow> t2 =
                readFully(api.get("/workflow/search-by-tasks-v2?" + byTasks), new TypeReference<>() {});
        assertThat(t2.getResults()).extracting(Workflow::getWorkflowId).containsExactly(workflowId);

        List<Workflow> correlated = readFully(
                api.get("/workflow/" + WF + "/correlated/" + CORRELATION + "?includeClosed=true&includeTasks=true"),
                new TypeReference<>() {});
        assertThat(correlated)
                .singleElement()
                .satisfies(w -> assertThat(w.getTasks()).hasSize(12));
        Map<String, List<Workflow>> many = readFully(
                api.post("/workflow/" + WF + "/correlated?includeClosed=true", "[\"" + CORRELATION + "\",\"nobody\"]"),
                new TypeReference<>() {});
        assertThat(many.get(CORRELATION)).extracting(Workflow::getWorkflowId).containsExactly(workflowId);
        assertThat(many.get("nobody")).isEmpty();
        List<String> running = readFully(api.get("/workflow/running/" + WF), new TypeReference<>() {});
        assertThat(running).doesNotContain(workflowId);
    }

    @Test
    void taskSearchesAndPendingTasksReadIntoTaskSummariesAndTasks() {
        String query = "query=" + RestCalls.enc("workflowType = " + WF + " AND taskType = models_b");
        SearchResult<TaskSummary> found = readFully(api.get("/tasks/search?" + query), new TypeReference<>() {});
        assertThat(found.getTotalHits()).isEqualTo(5);
        assertThat(found.getResults()).allSatisfy(s -> {
            assertThat(s.getWorkflowId()).isEqualTo(workflowId);
            assertThat(s.getWorkflowType()).isEqualTo(WF);
            assertThat(s.getCorrelationId()).isEqualTo(CORRELATION);
            assertThat(s.getTaskType()).isEqualTo("models_b");
            assertThat(s.getTaskDefName()).isEqualTo("models_b");
            assertThat(s.getStatus()).isEqualTo(Task.Status.COMPLETED);
            assertThat(Instant.parse(s.getScheduledTime())).isNotNull();
            assertThat(Instant.parse(s.getStartTime())).isNotNull();
            assertThat(Instant.parse(s.getEndTime())).isNotNull();
            assertThat(Instant.parse(s.getUpdateTime())).isNotNull();
            assertThat(StrictModels.tree(s.getOutput()).path("by").asText()).isNotBlank();
            assertThat(s.getInput()).isNotNull();
            assertThat(s.getTaskId()).isNotBlank();
        });
        SearchResult<Task> full =
                readFully(api.get("/tasks/search-v2?" + query + "&sort=scheduledTime:ASC"), new TypeReference<>() {});
        assertThat(full.getResults())
                .extracting(Task::getReferenceTaskName)
                .containsExactly("b1", "b2", "lb__1", "lb__2", "dyn");

        StartedQuietly waiting = startUnserved();
        List<Task> pending = readFully(api.get("/admin/task/models_never"), new TypeReference<>() {});
        assertThat(pending).extracting(Task::getWorkflowInstanceId).contains(waiting.id());
        assertThat(pending)
                .allSatisfy(t -> assertThat(t.getStatus()).isIn(Task.Status.SCHEDULED, Task.Status.IN_PROGRESS));
    }

    // ---- definitions, event handlers, poll data, bulk, sync execution, errors --------------

    @Test
    void definitionsReadIntoTaskDefAndWorkflowDefWithConductorsDefaults() {
        TaskDef a = readFully(api.get("/metadata/taskdefs/models_a"), TaskDef.class);
        assertThat(a.getRetryCount()).isEqualTo(1);
        assertThat(a.getRetryDelaySeconds()).isEqualTo(RETRY_DELAY_SECONDS);
        assertThat(a.getResponseTimeoutSeconds()).isEqualTo(60);
        assertThat(a.getTimeoutPolicy()).isEqualTo(TaskDef.TimeoutPolicy.TIME_OUT_WF);
        assertThat(a.getRetryLogic()).isEqualTo(TaskDef.RetryLogic.FIXED);
        assertThat(a.getInputKeys()).isNotNull();
        assertThat(a.getInputTemplate()).isNotNull();
        assertThat(a.getRateLimitFrequencyInSeconds()).isEqualTo(1);
        assertThat(a.getBackoffScaleFactor()).isEqualTo(1);
        assertThat(a.getOwnerEmail()).isEqualTo("models@example.com");
        List<TaskDef> all = readFully(api.get("/metadata/taskdefs"), new TypeReference<>() {});
        assertThat(all).extracting(TaskDef::getName).contains("models_a", "models_b");

        WorkflowDef def = readFully(api.get("/metadata/workflow/" + WF), WorkflowDef.class);
        assertThat(def.getVersion()).isEqualTo(1);
        assertThat(def.getSchemaVersion()).isEqualTo(2);
        assertThat(def.isRestartable()).isTrue();
        assertThat(def.getTimeoutPolicy()).isEqualTo(WorkflowDef.TimeoutPolicy.ALERT_ONLY);
        assertThat(def.getOutputParameters()).containsKey("loops");
        assertThat(def.getTasks().get(3).getLoopOver()).hasSize(1);
        assertThat(def.getTasks().get(0).getTaskDefinition())
                .as("a registered definition shows no task definitions")
                .isNull();
        List<WorkflowDef> defs = readFully(api.get("/metadata/workflow"), new TypeReference<>() {});
        assertThat(defs).extracting(WorkflowDef::getName).contains(WF, QUICK);
        List<WorkflowDef> latest = readFully(api.get("/metadata/workflow/latest-versions"), new TypeReference<>() {});
        assertThat(latest).extracting(WorkflowDef::getName).contains(WF, QUICK);
        Map<String, List<WorkflowDefSummary>> names =
                readFully(api.get("/metadata/workflow/names-and-versions"), new TypeReference<>() {});
        assertThat(names.get(WF)).extracting(WorkflowDefSummary::getVersion).containsExactly(1);
        List<WorkflowDefSummary> versions =
                readFully(api.get("/metadata/workflow/" + WF + "/versions"), new TypeReference<>() {});
        assertThat(versions).extracting(WorkflowDefSummary::getName).containsExactly(WF);
        List<String> justNames = readFully(api.get("/metadata/workflow/names"), new TypeReference<>() {});
        assertThat(justNames).contains(WF, QUICK);
        BulkResponse<String> updated =
                readFully(api.put("/metadata/workflow", "[" + QUICK_WORKFLOW + "]"), new TypeReference<>() {});
        assertThat(updated.getBulkSuccessfulResults()).containsExactly(QUICK);
    }

    @Test
    void eventHandlersAndPollDataReadIntoTheirModels() {
        List<EventHandler> handlers = readFully(api.get("/event"), new TypeReference<>() {});
        EventHandler h = handlers.stream()
                .filter(x -> x.getName().equals("models_handler"))
                .findFirst()
                .orElseThrow();
        assertThat(h.getEvent()).isEqualTo("conductor:" + WF + ":a");
        assertThat(h.isActive()).isTrue();
        assertThat(h.getActions()).singleElement().satisfies(a -> {
            assertThat(a.getAction()).isEqualTo(EventHandler.Action.Type.start_workflow);
            assertThat(a.getStart_workflow().getName()).isEqualTo(QUICK);
        });
        List<EventHandler> forEvent =
                readFully(api.get("/event/" + RestCalls.enc("conductor:" + WF + ":a")), new TypeReference<>() {});
        assertThat(forEvent).extracting(EventHandler::getName).containsExactly("models_handler");

        List<PollData> polls = readFully(api.get("/tasks/queue/polldata?taskType=models_b"), new TypeReference<>() {});
        assertThat(polls).singleElement().satisfies(p -> {
            assertThat(p.getQueueName()).isEqualTo("models_b");
            assertThat(p.getWorkerId()).isEqualTo(WORKER);
            assertThat(p.getLastPollTime()).isPositive();
        });
        List<PollData> allPolls = readFully(api.get("/tasks/queue/polldata/all"), new TypeReference<>() {});
        assertThat(allPolls).extracting(PollData::getQueueName).contains("models_a", "models_b");
    }

    @Test
    void bulkAnswersReadIntoBulkResponse() {
        StartedQuietly one = startUnserved();
        BulkResponse<String> paused = readFully(
                api.put("/workflow/bulk/pause", "[\"" + one.id() + "\",\"no-such-workflow\"]"),
                new TypeReference<>() {});
        assertThat(paused.getBulkSuccessfulResults()).containsExactly(one.id());
        assertThat(paused.getBulkErrorResults()).containsOnlyKeys("no-such-workflow");
        BulkResponse<Workflow> searched = readFully(
                api.post("/workflow/bulk/search", "[\"" + one.id() + "\",\"no-such-workflow\"]"),
                new TypeReference<>() {});
        assertThat(searched.getBulkSuccessfulResults())
                .extracting(Workflow::getWorkflowId)
                .containsExactly(one.id());
        assertThat(searched.getBulkSuccessfulResults().get(0).getStatus()).isEqualTo(Workflow.WorkflowStatus.PAUSED);
        BulkResponse<String> removed = readFully(
                api.call("DELETE", "/workflow/bulk/terminate-remove", Map.of(), "[\"" + one.id() + "\"]"),
                new TypeReference<>() {});
        assertThat(removed.getBulkSuccessfulResults()).containsExactly(one.id());
        assertThat(api.get("/workflow/" + one.id()).status()).isEqualTo(404);
    }

    @Test
    void aSynchronousExecutionAnswersConductorsWorkflowRun() {
        Reply r = ok(api.call(
                "POST",
                "/workflow/execute/" + QUICK + "/1",
                Map.of("waitForSeconds", "10", "requestId", "req-1"),
                "{\"input\":{\"a\":2,\"b\":5},\"correlationId\":\"quick-1\"}"));
        JsonNode run = StrictModels.tree(r.body());
        assertThat(fieldNames(run))
                .isSubsetOf(WORKFLOW_RUN_FIELDS)
                .contains(
                        "workflowId",
                        "requestId",
                        "correlationId",
                        "input",
                        "output",
                        "status",
                        "tasks",
                        "createTime",
                        "updateTime",
                        "variables",
                        "priority",
                        "signalTimeout",
                        "responseType",
                        "targetWorkflowId",
                        "targetWorkflowStatus");
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("requestId").asText()).isEqualTo("req-1");
        assertThat(run.path("signalTimeout").asBoolean(true)).isFalse();
        assertThat(run.path("output").path("sum").asInt()).isEqualTo(7);
        List<Task> tasks = StrictModels.read(run.path("tasks").toString(), new TypeReference<>() {});
        assertThat(tasks)
                .singleElement()
                .satisfies(t -> assertThat(t.getTaskType()).isEqualTo("INLINE"));
        assertThat(StrictModels.missingAlwaysWritten(run.path("tasks").toString(), new TypeReference<List<Task>>() {}))
                .isEmpty();
    }

    @Test
    void errorsReadIntoConductorsErrorResponse() {
        ErrorResponse unknown =
                StrictModels.read(api.get("/workflow/no-such-workflow").body(), ErrorResponse.class);
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getCode()).isEqualTo("NOT_FOUND");
        assertThat(unknown.getMessage()).contains("no-such-workflow");
        ErrorResponse invalid = StrictModels.read(
                api.post("/metadata/workflow", "{\"version\":1,\"tasks\":[]}").body(), ErrorResponse.class);
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getValidationErrors()).isNotEmpty();
        ErrorResponse explained = StrictModels.read(
                api.get("/tasks/externalstoragelocation?path=&operation=WRITE&payloadType=TASK_OUTPUT")
                        .body(),
                ErrorResponse.class);
        assertThat(explained.getStatus()).isEqualTo(501);
        assertThat(explained.isRetryable()).isFalse();
    }

    @Test
    void aSinglePollAndAnUpdateThatHandsOutTheNextTaskAnswerTasks() {
        String first = startUnserved("models_single", "models_single_task").id();
        String second = startUnserved("models_single", "models_single_task").id();
        Task[] polledOne = new Task[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Reply r = api.call("GET", "/tasks/poll/models_single_task", Map.of("workerid", WORKER), null);
            if (r.status() == 200) {
                polledOne[0] = readFully(r, Task.class);
            }
            return polledOne[0] != null;
        });
        Task t = polledOne[0];
        assertThat(t.getWorkflowInstanceId()).isIn(first, second);
        assertThat(t.getWorkflowType()).isEqualTo("models_single");
        assertThat(t.getStatus()).isEqualTo(Task.Status.IN_PROGRESS);
        Task[] next = new Task[1];
        Reply updated = ok(api.post(
                "/tasks/update-v2",
                "{\"workflowInstanceId\":\"" + t.getWorkflowInstanceId() + "\",\"taskId\":\"" + t.getTaskId()
                        + "\",\"status\":\"COMPLETED\",\"workerId\":\"" + WORKER + "\"}"));
        if (updated.status() == 200) {
            next[0] = readFully(updated, Task.class);
        } else {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Reply r = api.call("GET", "/tasks/poll/models_single_task", Map.of("workerid", WORKER), null);
                if (r.status() == 200) {
                    next[0] = readFully(r, Task.class);
                }
                return next[0] != null;
            });
        }
        assertThat(next[0].getTaskId()).isNotEqualTo(t.getTaskId());
        assertThat(next[0].getWorkflowInstanceId()).isIn(first, second).isNotEqualTo(t.getWorkflowInstanceId());
        assertThat(next[0].getWorkflowType()).isEqualTo("models_single");
    }

    @Test
    void theStrictReaderRefusesWhatTheModelDoesNotHaveAndSeesWhatIsMissing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> StrictModels.read("{\"taskId\":\"t\",\"bogus\":1}", Task.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bogus");
        assertThat(StrictModels.read("{\"taskId\":\"t\",\"loopOverTask\":true,\"queueWaitTime\":3}", Task.class)
                        .getTaskId())
                .isEqualTo("t");
        assertThat(StrictModels.missingAlwaysWritten(
                        "{\"taskId\":\"t\",\"workflowTask\":{\"name\":\"n\"}}", Task.class))
                .contains("$.seq", "$.loopOverTask", "$.workflowTask.startDelay")
                .doesNotContain("$.taskId");
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** org.conductoross.conductor.model.WorkflowStatus (Conductor's server; not in the 4.0.8 client). */
    private static final Set<String> WORKFLOW_STATUS_FIELDS =
            Set.of("workflowId", "correlationId", "output", "variables", "status");
    /** org.conductoross.conductor.model.WorkflowRun with its SignalResponse fields (not in the 4.0.8 client). */
    private static final Set<String> WORKFLOW_RUN_FIELDS = Set.of(
            "responseType",
            "targetWorkflowId",
            "targetWorkflowStatus",
            "requestId",
            "workflowId",
            "correlationId",
            "input",
            "output",
            "signalTimeout",
            "priority",
            "variables",
            "tasks",
            "createdBy",
            "createTime",
            "status",
            "updateTime");

    private record StartedQuietly(String id) {}

    /** A workflow whose only task nobody serves: it stays RUNNING with the task scheduled. */
    private static StartedQuietly startUnserved() {
        return startUnserved("models_waiting", "models_never");
    }

    /** A one-task workflow of its own name and task type, started; nobody serves the task. */
    private static StartedQuietly startUnserved(String workflow, String taskType) {
        ok(
                api.post(
                        "/metadata/workflow",
                        "{\"name\":\"" + workflow + "\",\"version\":1,\"schemaVersion\":2,"
                                + "\"ownerEmail\":\"models@example.com\",\"tasks\":[{\"name\":\"" + taskType
                                + "\",\"taskReferenceName\":\"only\"}]}"),
                true);
        String id = ok(api.post("/workflow", "{\"name\":\"" + workflow + "\",\"version\":1}"))
                .body()
                .trim();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> StrictModels.tree(api.get("/workflow/" + id).body())
                                .path("tasks")
                                .size()
                        == 1);
        return new StartedQuietly(id);
    }

    /** Reads a 2xx body strictly into the model and checks that it has every field Conductor always writes. */
    private static <T> T readFully(Reply r, Class<T> type) {
        ok(r);
        assertThat(StrictModels.missingAlwaysWritten(r.body(), type))
                .as("fields Conductor always writes")
                .isEmpty();
        return StrictModels.read(r.body(), type);
    }

    private static <T> T readFully(Reply r, TypeReference<T> type) {
        ok(r);
        assertThat(StrictModels.missingAlwaysWritten(r.body(), type))
                .as("fields Conductor always writes")
                .isEmpty();
        return StrictModels.read(r.body(), type);
    }

    private static Task task(Workflow wf, String ref) {
        return wf.getTasks().stream()
                .filter(t -> t.getReferenceTaskName().equals(ref))
                .reduce((x, y) -> y)
                .orElseThrow();
    }

    private static JsonNode taskJson(JsonNode wf, String ref) {
        for (JsonNode t : wf.path("tasks")) {
            if (t.path("referenceTaskName").asText().equals(ref)) {
                return t;
            }
        }
        throw new AssertionError("no task " + ref);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Reply ok(Reply r) {
        assertThat(r.ok()).as(r.toString()).isTrue();
        return r;
    }

    /** A definition that may already exist (409) is fine. */
    private static void ok(Reply r, boolean mayExist) {
        assertThat(r.ok() || (mayExist && r.status() == 409)).as(r.toString()).isTrue();
    }

    private static String taskDef(String name, int retries) {
        return "{\"name\":\"" + name + "\",\"retryCount\":" + retries
                + ",\"retryLogic\":\"FIXED\",\"retryDelaySeconds\":" + RETRY_DELAY_SECONDS
                + ",\"timeoutSeconds\":0,\"responseTimeoutSeconds\":60,\"ownerEmail\":\"models@example.com\"}";
    }

    /** One task of each kind: a worker task retried once, FORK_JOIN and JOIN, DO_WHILE twice, DYNAMIC, SWITCH into INLINE. */
    private static final String WORKFLOW = """
            {"name": "models_wf", "version": 1, "schemaVersion": 2, "ownerEmail": "models@example.com",
             "outputParameters": {"loops": "${loop.output.iteration}"},
             "tasks": [
              {"name": "models_a", "taskReferenceName": "a", "inputParameters": {"x": "${workflow.input.x}"}},
              {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN",
               "forkTasks": [[{"name": "models_b", "taskReferenceName": "b1"}], [{"name": "models_b", "taskReferenceName": "b2"}]]},
              {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["b1", "b2"]},
              {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
               "loopCondition": "if ($.loop['iteration'] < 2) { true; } else { false; }",
               "loopOver": [{"name": "models_b", "taskReferenceName": "lb"}]},
              {"name": "dyn", "taskReferenceName": "dyn", "type": "DYNAMIC", "dynamicTaskNameParam": "tn",
               "inputParameters": {"tn": "models_b"}},
              {"name": "sw", "taskReferenceName": "sw", "type": "SWITCH", "evaluatorType": "javascript",
               "expression": "$.x > 0 ? 'pos' : 'neg'", "inputParameters": {"x": "${workflow.input.x}"},
               "decisionCases": {"pos": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                 "inputParameters": {"evaluatorType": "javascript", "x": "${workflow.input.x}", "expression": "$.x * 2"}}]},
               "defaultCase": []}
             ]}""";

    private static final String QUICK_WORKFLOW = """
            {"name": "models_quick", "version": 1, "schemaVersion": 2, "ownerEmail": "models@example.com",
             "outputParameters": {"sum": "${add.output.result}"},
             "tasks": [{"name": "add", "taskReferenceName": "add", "type": "INLINE",
               "inputParameters": {"evaluatorType": "javascript", "a": "${workflow.input.a}", "b": "${workflow.input.b}",
                                   "expression": "$.a + $.b"}}]}""";
}
