package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.RerunWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import com.netflix.conductor.common.validation.ErrorResponse;
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
 * Conductor's own model classes (conductor-client 4.0.8) against the API: the JSON the client
 * writes for definitions and requests is accepted as it is, and what the API answers reads into
 * the classes the client deserializes into, with the values in place.
 */
@KafkaCluster
class ConductorModelsIT {
    /** Configured as Conductor's ObjectMapperProvider configures the client's mapper. */
    private static final ObjectMapper CLIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static ApiTestServer api;

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

    private static String write(Object value) throws Exception {
        return CLIENT.writeValueAsString(value);
    }

    private static <T> T read(ApiTestServer.Reply r, Class<T> type) throws Exception {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return CLIENT.readValue(r.body(), type);
    }

    private static <T> T read(ApiTestServer.Reply r, TypeReference<T> type) throws Exception {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return CLIENT.readValue(r.body(), type);
    }

    @Test
    void definitionsWrittenByTheClientModelAreAcceptedAndReadBack() throws Exception {
        TaskDef task = new TaskDef("cm_task_" + RUN, "a task", 2, 120);
        task.setRetryDelaySeconds(1);
        task.setResponseTimeoutSeconds(60);
        assertThat(api.post("/api/metadata/taskdefs", write(List.of(task))).status())
                .isEqualTo(200);
        TaskDef back = read(api.get("/api/metadata/taskdefs/" + task.getName()), TaskDef.class);
        assertThat(back.getName()).isEqualTo(task.getName());
        assertThat(back.getRetryCount()).isEqualTo(2);
        assertThat(back.getTimeoutSeconds()).isEqualTo(120);
        assertThat(back.getRetryLogic()).isEqualTo(TaskDef.RetryLogic.FIXED);
        assertThat(read(api.get("/api/metadata/taskdefs"), new TypeReference<List<TaskDef>>() {}))
                .extracting(TaskDef::getName)
                .contains(task.getName());

        WorkflowDef def = quickDef("cm_wf_" + RUN);
        assertThat(api.post("/api/metadata/workflow", write(def)).status()).isEqualTo(200);
        WorkflowDef read = read(api.get("/api/metadata/workflow/" + def.getName() + "?version=1"), WorkflowDef.class);
        assertThat(read.getName()).isEqualTo(def.getName());
        assertThat(read.getVersion()).isEqualTo(1);
        assertThat(read.getTasks()).hasSize(1);
        assertThat(read.getTasks().get(0).getType()).isEqualTo("INLINE");
        assertThat(read.getTasks().get(0).getInputParameters()).containsEntry("evaluatorType", "javascript");
        def.setDescription("updated");
        assertThat(api.put("/api/metadata/workflow", write(List.of(def))).status())
                .isEqualTo(200);
        assertThat(read(api.get("/api/metadata/workflow"), new TypeReference<List<WorkflowDef>>() {}))
                .filteredOn(d -> d.getName().equals(def.getName()))
                .extracting(WorkflowDef::getDescription)
                .containsExactly("updated");
        assertThat(read(api.get("/api/metadata/workflow/latest-versions"), new TypeReference<List<WorkflowDef>>() {}))
                .extracting(WorkflowDef::getName)
                .contains(def.getName());

        ApiTestServer.Reply conflict = api.post("/api/metadata/workflow", write(def));
        ErrorResponse error = CLIENT.readValue(conflict.body(), ErrorResponse.class);
        assertThat(error.getStatus()).isEqualTo(409);
        assertThat(error.getMessage()).contains(def.getName());
        WorkflowDef nameless = quickDef(null);
        ErrorResponse invalid = CLIENT.readValue(
                api.post("/api/metadata/workflow", write(nameless)).body(), ErrorResponse.class);
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getValidationErrors())
                .anySatisfy(e -> assertThat(e.getPath()).isEqualTo("$.name"));
    }

    @Test
    void workflowsStartedWithTheClientModelReadIntoItsWorkflowTaskAndSearchClasses() throws Exception {
        WorkflowDef def = quickDef("cm_run_" + RUN);
        assertThat(api.post("/api/metadata/workflow", write(def)).status()).isEqualTo(200);
        StartWorkflowRequest start = new StartWorkflowRequest()
                .withName(def.getName())
                .withVersion(1)
                .withCorrelationId("cm-" + RUN)
                .withInput(Map.of("a", 20, "b", 1))
                .withPriority(5);
        ApiTestServer.Reply started = api.post("/api/workflow", write(start));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String id = started.body();

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        read(api.get("/api/workflow/" + id), Workflow.class).getStatus()
                                == Workflow.WorkflowStatus.COMPLETED);
        Workflow wf = read(api.get("/api/workflow/" + id + "?includeTasks=true"), Workflow.class);
        assertThat(wf.getWorkflowId()).isEqualTo(id);
        assertThat(wf.getWorkflowName()).isEqualTo(def.getName());
        assertThat(wf.getWorkflowVersion()).isEqualTo(1);
        assertThat(wf.getCorrelationId()).isEqualTo("cm-" + RUN);
        assertThat(wf.getInput()).containsEntry("a", 20);
        assertThat(wf.getOutput()).containsEntry("sum", 21);
        assertThat(wf.getStartTime()).isPositive();
        assertThat(wf.getEndTime()).isGreaterThanOrEqualTo(wf.getStartTime());
        assertThat(wf.getTasks()).hasSize(1);
        Task task = wf.getTasks().get(0);
        assertThat(task.getStatus()).isEqualTo(Task.Status.COMPLETED);
        assertThat(task.getReferenceTaskName()).isEqualTo("calc");
        assertThat(task.getWorkflowInstanceId()).isEqualTo(id);
        assertThat(task.getOutputData()).containsEntry("result", 21);

        SearchResult<WorkflowSummary> found = read(
                api.get("/api/workflow/search?query=" + WorkflowApiIT.enc("workflowType = " + def.getName())),
                new TypeReference<SearchResult<WorkflowSummary>>() {});
        assertThat(found.getTotalHits()).isEqualTo(1);
        WorkflowSummary summary = found.getResults().get(0);
        assertThat(summary.getWorkflowId()).isEqualTo(id);
        assertThat(summary.getWorkflowType()).isEqualTo(def.getName());
        assertThat(summary.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
        assertThat(summary.getStartTime()).isNotBlank();
        SearchResult<Workflow> full = read(
                api.get("/api/workflow/search-v2?query=" + WorkflowApiIT.enc("workflowType = " + def.getName())),
                new TypeReference<SearchResult<Workflow>>() {});
        assertThat(full.getResults()).extracting(Workflow::getWorkflowName).containsExactly(def.getName());
        List<Workflow> correlated = read(
                api.get("/api/workflow/" + def.getName() + "/correlated/cm-" + RUN + "?includeClosed=true"),
                new TypeReference<List<Workflow>>() {});
        assertThat(correlated).extracting(Workflow::getWorkflowId).containsExactly(id);

        RerunWorkflowRequest rerun = new RerunWorkflowRequest();
        rerun.setReRunFromWorkflowId(id);
        rerun.setReRunFromTaskId(task.getTaskId());
        rerun.setTaskInput(Map.of("evaluatorType", "javascript", "a", 1, "b", 1, "expression", "$.a + $.b"));
        ApiTestServer.Reply rerunReply = api.post("/api/workflow/" + id + "/rerun", write(rerun));
        assertThat(rerunReply.status()).as(rerunReply.toString()).isEqualTo(200);
        assertThat(rerunReply.body()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> read(api.get("/api/workflow/" + id), Workflow.class)
                        .getOutput()
                        .get("sum")
                        .equals(2));

        ErrorResponse unknown =
                CLIENT.readValue(api.get("/api/workflow/" + UUID.randomUUID()).body(), ErrorResponse.class);
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getCode()).isEqualTo("NOT_FOUND");
    }

    /** One INLINE task computing a + b, built with the client's model (its defaults included). */
    private static WorkflowDef quickDef(String name) {
        WorkflowTask calc = new WorkflowTask();
        calc.setName("calc");
        calc.setTaskReferenceName("calc");
        calc.setType("INLINE");
        calc.setInputParameters(Map.of(
                "evaluatorType",
                "javascript",
                "a",
                "${workflow.input.a}",
                "b",
                "${workflow.input.b}",
                "expression",
                "$.a + $.b"));
        WorkflowDef def = new WorkflowDef();
        def.setName(name);
        def.setVersion(1);
        def.setOwnerEmail("models@baton.dev");
        def.setTimeoutSeconds(60);
        def.setTasks(List.of(calc));
        def.setOutputParameters(Map.of("sum", "${calc.output.result}"));
        return def;
    }
}
