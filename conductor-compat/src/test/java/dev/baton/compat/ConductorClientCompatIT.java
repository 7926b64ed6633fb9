package dev.baton.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Conductor Java client (org.conductoross:conductor-client 4.0.8), unchanged, against
 * Baton: it registers definitions, starts workflows, runs workers through its TaskRunner, and
 * reads the results back. Nothing on the client side is Baton's.
 */
@KafkaCluster(isolated = true)
class ConductorClientCompatIT {
    private static BatonServer baton;
    private static ConductorClient client;
    private static MetadataClient metadata;
    private static WorkflowClient workflows;
    private static TaskRunnerConfigurer runner;
    private static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        baton = BatonServer.start(kafka.bootstrapServers());
        client = new ConductorClient(baton.apiUrl());
        metadata = new MetadataClient(client);
        workflows = new WorkflowClient(client);

        metadata.registerTaskDefs(List.of(
                taskDef("compat_greet", 0),
                taskDef("compat_shout", 0),
                taskDef("compat_flaky", 1),
                taskDef("compat_never_served", 0)));
        metadata.registerWorkflowDef(workflowDef(
                "compat_hello",
                List.of(
                        simple("compat_greet", "greet", Map.of("name", "${workflow.input.name}")),
                        simple("compat_shout", "shout", Map.of("text", "${greet.output.greeting}"))),
                Map.of("result", "${shout.output.text}")));
        metadata.registerWorkflowDef(
                workflowDef("compat_flaky_wf", List.of(simple("compat_flaky", "flaky", Map.of())), Map.of()));
        metadata.registerWorkflowDef(
                workflowDef("compat_waiting", List.of(simple("compat_never_served", "stuck", Map.of())), Map.of()));

        List<Worker> workers = List.of(
                Worker.create(
                        "compat_greet",
                        task -> done(
                                task,
                                Map.of(
                                        "greeting",
                                        "Hello " + task.getInputData().get("name")))),
                Worker.create(
                        "compat_shout",
                        task -> done(
                                task,
                                Map.of(
                                        "text",
                                        String.valueOf(task.getInputData().get("text"))
                                                .toUpperCase()))),
                Worker.create("compat_flaky", task -> {
                    TaskResult r = new TaskResult(task);
                    r.setStatus(TaskResult.Status.FAILED);
                    r.setReasonForIncompletion("flaky always fails");
                    executions
                            .computeIfAbsent("compat_flaky", k -> new AtomicInteger())
                            .incrementAndGet();
                    return r;
                }));
        runner = new TaskRunnerConfigurer.Builder(new TaskClient(client), workers)
                .withThreadCount(4)
                .build();
        runner.init();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.shutdown();
        }
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    void definitionsRegisteredByTheClientReadBackUnchanged() {
        WorkflowDef def = metadata.getWorkflowDef("compat_hello", 1);
        assertThat(def.getName()).isEqualTo("compat_hello");
        assertThat(def.getTasks())
                .extracting(WorkflowTask::getTaskReferenceName)
                .containsExactly("greet", "shout");
        assertThat(metadata.getTaskDef("compat_flaky").getRetryCount()).isEqualTo(1);
        assertThat(metadata.getAllTaskDefs())
                .extracting(TaskDef::getName)
                .contains("compat_greet", "compat_shout", "compat_flaky");
    }

    @Test
    void workflowsRunOnTheClientsWorkersAndEndWithTheirOutput() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            StartWorkflowRequest req = new StartWorkflowRequest();
            req.setName("compat_hello");
            req.setVersion(1);
            req.setCorrelationId("compat-" + i);
            req.setInput(Map.of("name", "Ada " + i));
            ids.add(workflows.startWorkflow(req));
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Workflow wf = awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
            assertThat(wf.getOutput()).containsEntry("result", "HELLO ADA " + i);
            assertThat(wf.getCorrelationId()).isEqualTo("compat-" + i);
            assertThat(wf.getTasks()).extracting(Task::getReferenceTaskName).containsExactly("greet", "shout");
            assertThat(wf.getTasks()).extracting(Task::getStatus).containsOnly(Task.Status.COMPLETED);
            assertThat(wf.getTasks().get(0).getOutputData()).containsEntry("greeting", "Hello Ada " + i);
        }
        SearchResult<WorkflowSummary> found =
                workflows.search(0, 20, null, "*", "workflowType IN (compat_hello) AND status IN (COMPLETED)");
        assertThat(found.getTotalHits()).isGreaterThanOrEqualTo(10);
        assertThat(found.getResults())
                .extracting(WorkflowSummary::getWorkflowId)
                .containsAll(ids);
    }

    @Test
    void aFailingWorkerIsRetriedPerItsDefinitionThenTheWorkflowFails() {
        StartWorkflowRequest req = new StartWorkflowRequest();
        req.setName("compat_flaky_wf");
        String id = workflows.startWorkflow(req);
        Workflow wf = awaitStatus(id, Workflow.WorkflowStatus.FAILED);
        assertThat(wf.getTasks()).extracting(Task::getStatus).containsExactly(Task.Status.FAILED, Task.Status.FAILED);
        assertThat(wf.getReasonForIncompletion()).contains("flaky always fails");
    }

    @Test
    void operatorsPauseResumeAndTerminateThroughTheClient() {
        StartWorkflowRequest req = new StartWorkflowRequest();
        req.setName("compat_waiting");
        String id = workflows.startWorkflow(req);
        awaitStatus(id, Workflow.WorkflowStatus.RUNNING);
        workflows.pauseWorkflow(id);
        awaitStatus(id, Workflow.WorkflowStatus.PAUSED);
        workflows.resumeWorkflow(id);
        awaitStatus(id, Workflow.WorkflowStatus.RUNNING);
        workflows.terminateWorkflow(id, "compat test");
        Workflow wf = awaitStatus(id, Workflow.WorkflowStatus.TERMINATED);
        assertThat(wf.getReasonForIncompletion()).contains("compat test");
    }

    @Test
    void anUnknownWorkflowIsA404ForTheClient() {
        assertThatThrownBy(() -> workflows.getWorkflow("no-such-workflow", false))
                .isInstanceOfSatisfying(
                        ConductorClientException.class,
                        e -> assertThat(e.getStatus()).isEqualTo(404));
    }

    private static Workflow awaitStatus(String id, Workflow.WorkflowStatus status) {
        Workflow[] last = new Workflow[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(ConductorClientException.class)
                .until(() -> {
                    last[0] = workflows.getWorkflow(id, true);
                    return last[0].getStatus() == status;
                });
        return last[0];
    }

    private static TaskResult done(Task task, Map<String, Object> output) {
        TaskResult r = new TaskResult(task);
        r.setStatus(TaskResult.Status.COMPLETED);
        r.setOutputData(output);
        executions
                .computeIfAbsent(task.getTaskDefName(), k -> new AtomicInteger())
                .incrementAndGet();
        return r;
    }

    private static TaskDef taskDef(String name, int retries) {
        TaskDef d = new TaskDef(name);
        d.setRetryCount(retries);
        d.setRetryDelaySeconds(0);
        d.setRetryLogic(TaskDef.RetryLogic.FIXED);
        d.setResponseTimeoutSeconds(30);
        d.setOwnerEmail("compat@example.com");
        return d;
    }

    private static WorkflowTask simple(String name, String ref, Map<String, Object> input) {
        WorkflowTask t = new WorkflowTask();
        t.setName(name);
        t.setTaskReferenceName(ref);
        t.setInputParameters(input);
        t.setType("SIMPLE");
        return t;
    }

    private static WorkflowDef workflowDef(String name, List<WorkflowTask> tasks, Map<String, Object> output) {
        WorkflowDef d = new WorkflowDef();
        d.setName(name);
        d.setVersion(1);
        d.setTasks(tasks);
        d.setOutputParameters(output);
        d.setSchemaVersion(2);
        d.setOwnerEmail("compat@example.com");
        d.setInputParameters(List.of());
        return d;
    }
}
