package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor's task domains on a real broker, as a Conductor user meets them: {@code taskToDomain}
 * given at the start puts a task in its domain's queue, a poll with {@code domain} gets only that
 * domain's tasks (a poll without one, only the default queue's), a domain list falls back to the
 * first domain with an active worker, else the last one, or the default queue for NO_DOMAIN; a Kafka
 * worker serving a domain counts as its active worker.
 */
@KafkaCluster
class TaskDomainsIT {
    private static GatewayTestApp app;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        app = GatewayTestApp.start(
                kafka.bootstrapServers(),
                "baton-domains-it-" + UUID.randomUUID(),
                GatewayTestApp.tempDir(),
                Map.of("baton.task-gateway.idle-close-ms", 5_000));
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

    private static String start(String type, String taskToDomain) {
        GatewayTestApp.Response r = app.post("/api/workflow", """
                {"name": "%s_wf", "version": 1, "input": {"x": 1}, "taskToDomain": %s}""".formatted(type, taskToDomain));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode poll(String type, String domain, long timeoutMs) {
        return app.get("/api/tasks/poll/batch/" + type + "?workerid=w-" + (domain == null ? "default" : domain)
                        + "&count=5&timeout=" + timeoutMs + (domain == null ? "" : "&domain=" + domain))
                .json();
    }

    /** Polls the domain (null: the default queue) until a task comes. */
    private static JsonNode pollOne(String type, String domain) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode tasks = poll(type, domain, 1_000);
            if (tasks.size() > 0) {
                assertThat(tasks).hasSize(1);
                return tasks.get(0);
            }
        }
        throw new AssertionError("no task of " + type + " in domain " + domain);
    }

    private static void complete(JsonNode task) {
        app.post("/api/tasks", "{\"taskId\": \"" + task.get("taskId").asText() + "\", \"status\": \"COMPLETED\"}");
    }

    @Test
    void aTaskInADomainIsPolledOnlyWithThatDomain() {
        String type = type("dom_fixed");
        app.registerOneTaskWorkflow(type, "");
        String wf = start(type, "{\"" + type + "\": \"blue\"}");

        assertThat(poll(type, null, 1_500)).as("the default queue").isEmpty();
        assertThat(poll(type, "green", 1_500)).as("another domain").isEmpty();
        JsonNode task = pollOne(type, "blue");
        assertThat(task.get("workflowInstanceId").asText()).isEqualTo(wf);
        assertThat(task.get("domain").asText()).isEqualTo("blue");

        JsonNode view = app.get("/api/workflow/" + wf).json();
        assertThat(view.get("taskToDomain").get(type).asText()).isEqualTo("blue");
        assertThat(view.get("tasks").get(0).get("domain").asText()).isEqualTo("blue");
        complete(task);
        assertThat(app.awaitInstance(wf, WorkflowInstance::isTerminal).status).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void theStarMapsEveryWorkerTaskAndATasksOwnMappingWins() {
        String type = type("dom_star");
        app.registerOneTaskWorkflow(type, "");
        String starred = start(type, "{\"*\": \"red\"}");
        String own = start(type, "{\"*\": \"red\", \"" + type + "\": \"NO_DOMAIN\"}");

        JsonNode fromDefault = pollOne(type, null);
        assertThat(fromDefault.get("workflowInstanceId").asText()).isEqualTo(own);
        assertThat(fromDefault.has("domain")).isFalse();
        JsonNode fromRed = pollOne(type, "red");
        assertThat(fromRed.get("workflowInstanceId").asText()).isEqualTo(starred);
        complete(fromDefault);
        complete(fromRed);
    }

    @Test
    void aListFallsBackToTheFirstDomainWithAnActivePollerElseTheLastOrNoDomain() {
        String type = type("dom_list");
        app.registerOneTaskWorkflow(type, "");
        assertThat(poll(type, "live", 200)).isEmpty(); // a worker polls "live": it is active for 10 s
        await().atMost(Duration.ofSeconds(10))
                .until(() -> app.get("/api/tasks/queue/polldata?taskType=" + type)
                        .json()
                        .findValuesAsText("domain")
                        .contains("live"));

        String toLive = start(type, "{\"" + type + "\": \"idle1, live, NO_DOMAIN\"}");
        String toDefault = start(type, "{\"" + type + "\": \"idle2, NO_DOMAIN\"}");
        String toLast = start(type, "{\"" + type + "\": \"idle3,idle4\"}");

        assertThat(pollOne(type, "live").get("workflowInstanceId").asText()).isEqualTo(toLive);
        assertThat(pollOne(type, null).get("workflowInstanceId").asText()).isEqualTo(toDefault);
        JsonNode last = pollOne(type, "idle4");
        assertThat(last.get("workflowInstanceId").asText()).isEqualTo(toLast);
        assertThat(last.get("domain").asText()).isEqualTo("idle4");
        assertThat(poll(type, "idle1", 500)).isEmpty();
    }

    @Test
    void aKafkaWorkerServingADomainGetsItsTasksAndTheDefaultWorkerDoesNot() throws Exception {
        String type = type("dom_kafka");
        app.registerOneTaskWorkflow(type, "");
        try (TaskWorker canary = TaskWorker.builder()
                        .bootstrapServers(app.bootstrap)
                        .taskType(type)
                        .domain("canary")
                        .handler(ctx -> TaskResult.completed(Map.of("by", "canary")))
                        .build()
                        .start();
                TaskWorker stable = TaskWorker.builder()
                        .bootstrapServers(app.bootstrap)
                        .taskType(type)
                        .handler(ctx -> TaskResult.completed(Map.of("by", "stable")))
                        .build()
                        .start()) {
            canary.awaitAssignment(Duration.ofSeconds(30));
            stable.awaitAssignment(Duration.ofSeconds(30));
            // the canary worker announces itself: its domain is active
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.get("/api/tasks/queue/polldata?taskType=" + type)
                            .json()
                            .findValuesAsText("domain")
                            .contains("canary"));

            String toCanary = start(type, "{\"" + type + "\": \"nobody,canary,NO_DOMAIN\"}");
            String toStable = start(type, "{}");

            assertThat(app.awaitInstance(toCanary, WorkflowInstance::isTerminal)
                            .tasks
                            .get(0)
                            .outputData
                            .get("by")
                            .asText())
                    .isEqualTo("canary");
            assertThat(app.awaitInstance(toStable, WorkflowInstance::isTerminal)
                            .tasks
                            .get(0)
                            .outputData
                            .get("by")
                            .asText())
                    .isEqualTo("stable");
        }
    }

    @Test
    void aSubWorkflowInheritsTheParentsDomains() {
        String type = type("dom_sub");
        app.registerOneTaskWorkflow(type, "");
        app.client().registerWorkflow(dev.baton.dsl.DefinitionParser.workflow("""
                {"name": "%1$s_parent", "version": 1, "tasks": [{"name": "sub", "taskReferenceName": "sub",
                  "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "%1$s_wf", "version": 1}}]}""".formatted(type)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.context
                        .getBean(dev.baton.orchestrator.runtime.StreamsRuntime.class)
                        .definitionsView()
                        .workflow(type + "_parent", null)
                        .isPresent());
        GatewayTestApp.Response r = app.post("/api/workflow", """
                {"name": "%s_parent", "version": 1, "taskToDomain": {"*": "team"}}""".formatted(type));
        assertThat(r.status()).isEqualTo(200);

        JsonNode task = pollOne(type, "team");
        assertThat(task.get("domain").asText()).isEqualTo("team");
        complete(task);
        assertThat(app.awaitInstance(r.body(), WorkflowInstance::isTerminal).status)
                .isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void aDomainThatCannotNameATopicIsRefused() {
        String type = type("dom_bad");
        app.registerOneTaskWorkflow(type, "");
        GatewayTestApp.Response r = app.post("/api/workflow", """
                {"name": "%s_wf", "version": 1, "taskToDomain": {"*": "ok, not ok"}}""".formatted(type));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("$.taskToDomain.*").contains("not ok");
        assertThat(app.get("/api/tasks/poll/batch/" + type + "?domain=a:b").status())
                .isEqualTo(400);
    }
}
