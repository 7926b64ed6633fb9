package dev.baton.orchestrator.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.TempDirs;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A real orchestrator with its HTTP server on a random port, on a given broker; plain HTTP helpers. */
final class GatewayTestApp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final EmbeddedServer server;
    final ApplicationContext context;
    final String bootstrap;
    final String applicationId;

    private GatewayTestApp(EmbeddedServer server, String bootstrap, String applicationId) {
        this.server = server;
        this.context = server.getApplicationContext();
        this.bootstrap = bootstrap;
        this.applicationId = applicationId;
    }

    static GatewayTestApp start(String bootstrap, String applicationId, Path dataDir, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("baton.data-dir", dataDir.toString());
        props.put("baton.application-id", applicationId);
        props.put("baton.http-worker.enabled", "false");
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        props.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        try {
            if (!server.getApplicationContext().getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
                server.close();
                throw new IllegalStateException("Kafka Streams did not reach RUNNING");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new GatewayTestApp(server, bootstrap, applicationId);
    }

    /** A state folder for a node; it outlives the node (tests restart nodes on it) until the test JVM exits. */
    static Path tempDir() {
        return TempDirs.deletedAtExit("baton-gateway-it");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    WorkflowClient client() {
        return context.getBean(WorkflowClient.class);
    }

    InstanceQueries queries() {
        return context.getBean(InstanceQueries.class);
    }

    TaskGateway gateway() {
        return context.getBean(TaskGateway.class);
    }

    /** Registers a task type (retries without delay) and a one-task workflow {@code <type>_wf} using it. */
    void registerOneTaskWorkflow(String type, int retries) {
        client().registerTaskDefs(List.of(DefinitionParser.task("""
                {"name": "%s", "retryCount": %d, "retryLogic": "FIXED", "retryDelaySeconds": 0,
                 "responseTimeoutSeconds": 60}""".formatted(type, retries))));
        client().registerWorkflow(DefinitionParser.workflow("""
                {"name": "%1$s_wf", "version": 1, "schemaVersion": 2,
                 "tasks": [{"name": "%1$s", "taskReferenceName": "%1$s_ref", "type": "SIMPLE",
                            "inputParameters": {"x": "${workflow.input.x}"}}],
                 "outputParameters": {"result": "${%1$s_ref.output}"}}""".formatted(type)));
        StreamsRuntime runtime = context.getBean(StreamsRuntime.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        runtime.definitionsView().workflow(type + "_wf", null).isPresent()
                                && runtime.definitionsView().task(type).isPresent());
    }

    /**
     * Registers a task definition (Conductor JSON; {@code extra} is added to its fields, e.g. its limits)
     * and a one-task workflow {@code <type>_wf} using it, and waits until the runtime sees both.
     */
    void registerOneTaskWorkflow(String type, String extra) {
        client().registerTaskDefs(
                        List.of(DefinitionParser.task("""
                {"name": "%s", "retryCount": 0, "responseTimeoutSeconds": 60%s}""".formatted(type, extra.isBlank() ? "" : ", " + extra))));
        client().registerWorkflow(DefinitionParser.workflow("""
                {"name": "%1$s_wf", "version": 1, "schemaVersion": 2,
                 "tasks": [{"name": "%1$s", "taskReferenceName": "%1$s_ref", "type": "SIMPLE",
                            "inputParameters": {"x": "${workflow.input.x}"}}]}""".formatted(type)));
        StreamsRuntime runtime = context.getBean(StreamsRuntime.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        runtime.definitionsView().workflow(type + "_wf", null).isPresent()
                                && runtime.definitionsView().task(type).isPresent());
    }

    String start(String type, int x, String correlationId) {
        String id = client().start(type + "_wf", 1, JSON.createObjectNode().put("x", x), correlationId);
        client().flush();
        return id;
    }

    WorkflowInstance awaitInstance(String workflowId, Predicate<WorkflowInstance> condition) {
        return await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> queries().find(workflowId).orElse(null), wf -> wf != null && condition.test(wf));
    }

    // ---- HTTP ------------------------------------------------------------------------------

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Batch-polls until one task of the type comes (the first poll of a type starts its consumer). */
    JsonNode pollOne(String type, String workerId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Response r = get("/api/tasks/poll/batch/" + type + "?workerid=" + workerId + "&count=1&timeout=1000");
            if (r.status() != 200) {
                throw new AssertionError("poll answered " + r);
            }
            JsonNode tasks = r.json();
            if (tasks.size() > 0) {
                return tasks.get(0);
            }
        }
        throw new AssertionError("no task of type " + type + " within 60 s");
    }

    @Override
    public void close() {
        server.stop();
        if (context.isRunning()) {
            context.close();
        }
    }
}
