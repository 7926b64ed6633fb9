package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An HTTP task with {@code asyncComplete}, run by the built-in HTTP worker and ended over the task API, as Conductor
 * 3.32.1 does it: the call's success leaves the task IN_PROGRESS with the response; an update by id replaces its
 * output, an update by reference adds to it; either ends it and the workflow goes on.
 */
@KafkaCluster(isolated = true)
class HttpAsyncCompleteIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String WF = "http_async_" + RUN;

    private static GatewayTestApp app;
    private static HttpServer service;

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/accept", exchange -> {
            byte[] body = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        app = GatewayTestApp.start(
                kafka.bootstrapServers(),
                "baton-http-async-it-" + RUN,
                GatewayTestApp.tempDir(),
                Map.of("baton.http-worker.enabled", "true", "baton.partitions", 1));
        var def =
                DefinitionParser.workflow("""
                {"name": "%s_wf", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "call", "taskReferenceName": "call", "type": "HTTP", "asyncComplete": true,
                   "inputParameters": {"http_request": {"uri": "http://127.0.0.1:%d/accept", "method": "POST",
                                                        "body": {"x": "${workflow.input.x}"}}}},
                  {"name": "after", "taskReferenceName": "after", "type": "INLINE",
                   "inputParameters": {"evaluatorType": "javascript", "expression": "1"}}],
                 "outputParameters": {"call": "${call.output}"}}""".formatted(WF, service.getAddress().getPort()));
        app.client().registerWorkflow(def);
        StreamsRuntime runtime = app.context.getBean(StreamsRuntime.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        runtime.definitionsView().workflow(WF + "_wf", null).isPresent());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    private static TaskState awaitCallAccepted(String wf) {
        WorkflowInstance w =
                app.awaitInstance(wf, i -> !i.tasks.isEmpty() && i.tasks.get(0).status == TaskStatus.IN_PROGRESS);
        TaskState call = w.tasks.get(0);
        assertThat(call.inputData.get("asyncComplete").asBoolean()).isTrue();
        assertThat(call.outputData.at("/response/statusCode").asInt()).isEqualTo(202);
        assertThat(call.outputData.at("/response/body/accepted").asBoolean()).isTrue();
        assertThat(w.status).isEqualTo(WorkflowStatus.RUNNING);
        return call;
    }

    @Test
    void anUpdateByIdEndsTheTaskWithTheOutputGiven() throws InterruptedException {
        String wf = app.start(WF, 1, null);
        TaskState call = awaitCallAccepted(wf);
        Thread.sleep(500); // the task stays where it is: nothing but an update moves it
        assertThat(app.queries().find(wf).orElseThrow().tasks).hasSize(1);

        assertThat(app.post("/api/tasks", """
                        {"workflowInstanceId": "%s", "taskId": "%s", "status": "COMPLETED", "outputData": {"done": 1}}""".formatted(wf, call.taskId)).status())
                .isEqualTo(200);

        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.tasks.get(0).outputData.toString()).isEqualTo("{\"done\":1}");
        assertThat(done.tasks).hasSize(2);
    }

    @Test
    void anUpdateByReferenceAddsItsOutputToTheResponse() {
        String wf = app.start(WF, 2, null);
        awaitCallAccepted(wf);

        assertThat(app.post("/api/tasks/" + wf + "/call/COMPLETED", "{\"done\": \"yes\"}")
                        .status())
                .isEqualTo(200);

        WorkflowInstance done = app.awaitInstance(wf, WorkflowInstance::isTerminal);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.tasks.get(0).outputData.get("done").asText()).isEqualTo("yes");
        assertThat(done.tasks.get(0).outputData.at("/response/statusCode").asInt())
                .isEqualTo(202);
    }
}
