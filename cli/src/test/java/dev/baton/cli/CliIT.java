package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the real orchestrator (Micronaut HTTP server on a random port, Kafka Streams on
 * the testkit broker) and a real worker: definitions, start, get, search, pause, resume,
 * terminate, retry and follow, through the Conductor-compatible REST API.
 */
@KafkaCluster
class CliIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String ECHO = "cli_echo_" + SUFFIX;

    private static EmbeddedServer server;
    private static TaskWorker worker;
    /** Workflows whose echo already failed once: the word "fail-once" fails the first time only. */
    private static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("baton.data-dir", Files.createTempDirectory("baton-cli-it").toString());
        props.put("baton.application-id", "baton-cli-it-" + SUFFIX);
        props.put("baton.http-worker.enabled", "false");
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        if (!server.getApplicationContext().getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING");
        }
        worker = TaskWorker.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .taskType(ECHO)
                .handler(ctx -> {
                    if ("fail-once".equals(ctx.input().path("word").asText()) && failedOnce.add(ctx.workflowId())) {
                        return TaskResult.failedTerminal("asked to fail once");
                    }
                    return TaskResult.completed(
                            Map.of("echoed", ctx.input().path("word").asText()));
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private CliRunner cli() {
        return new CliRunner(server.getURL().toString() + "/api", dir);
    }

    @Test
    void operatorCommandsOnAWaitingWorkflow() throws Exception {
        String name = "cli_wait_" + SUFFIX;
        Files.writeString(
                dir.resolve("wait.yaml"),
                "name: " + name + "\nversion: 1\nschemaVersion: 2\n"
                        + "tasks:\n  - name: hold\n    taskReferenceName: hold_ref\n    type: WAIT\n");
        CliRunner cli = cli();

        CliRunner.Result reg = cli.run("def", "register", "wait.yaml");
        assertThat(reg.exit()).as(reg.toString()).isZero();
        assertThat(reg.out()).contains("Registered workflow " + name + " v1");
        eventually(() -> cli.run("def", "list"), r -> r.exit() == 0 && r.out().contains(name));

        String correlation = "corr-" + SUFFIX;
        CliRunner.Result started = cli.run(
                "start", name, "--input", "{\"orderId\":\"o-" + SUFFIX + "\"}", "--correlation-id", correlation);
        assertThat(started.exit()).as(started.toString()).isZero();
        String id = started.out().trim();
        assertThat(id).isNotBlank().doesNotContain("\n");

        CliRunner.Result got = eventually(
                () -> cli.run("get", id, "--tasks"),
                r -> r.exit() == 0 && r.out().contains("hold_ref") && r.out().contains("IN_PROGRESS"));
        assertThat(got.out())
                .contains(
                        "workflowId     " + id,
                        "name           " + name + " v1",
                        "status         RUNNING",
                        "correlationId  " + correlation);

        CliRunner.Result found = eventually(
                () -> cli.run("search", "--type", name, "--status", "RUNNING", "--correlation-id", correlation),
                r -> r.exit() == 0 && r.out().contains(id));
        assertThat(found.out()).startsWith("WORKFLOW ID").contains(correlation);
        CliRunner.Result byText = eventually(
                () -> cli.run("search", "--json", "--text", "o-" + SUFFIX),
                r -> r.exit() == 0 && r.out().contains(id));
        assertThat(Json.parse(byText.out(), "search")
                        .path("results")
                        .get(0)
                        .path("workflowId")
                        .asText())
                .isEqualTo(id);
        CliRunner.Result none = cli.run("search", "--type", name, "--status", "COMPLETED");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).doesNotContain(id);

        assertThat(cli.run("pause", id).exit()).isZero();
        eventually(
                () -> cli.run("get", id, "--json"),
                r -> r.exit() == 0 && status(r).equals("PAUSED"));
        assertThat(cli.run("resume", id).exit()).isZero();
        eventually(
                () -> cli.run("get", id, "--json"),
                r -> r.exit() == 0 && status(r).equals("RUNNING"));

        CliRunner.Result terminated = cli.run("terminate", id, "--reason", "stopped by the CLI test");
        assertThat(terminated.exit()).as(terminated.toString()).isZero();
        CliRunner.Result followed = cli.run("follow", id, "--interval-ms", "100");
        assertThat(followed.exit()).as(followed.toString()).isEqualTo(3);
        List<String> lines = followed.out().lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .contains("workflow  TERMINATED", name + " v1", id, "reason: stopped by the CLI test");

        CliRunner.Result missing = cli.run("get", "no-such-workflow-" + SUFFIX);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: 404 NOT_FOUND: ");
        CliRunner.Result badResume = cli.run("resume", id);
        assertThat(badResume.exit()).as(badResume.toString()).isEqualTo(1);
        assertThat(badResume.err()).startsWith("error: 409 CONFLICT: ");
    }

    @Test
    void followsASimpleTaskToCompletionAndRetriesAFailure() throws Exception {
        String name = "cli_echo_wf_" + SUFFIX;
        Files.writeString(
                dir.resolve("tasks.json"),
                "[{\"name\":\"" + ECHO + "\",\"retryCount\":0,"
                        + "\"timeoutSeconds\":60,\"responseTimeoutSeconds\":30}]");
        Files.writeString(
                dir.resolve("echo.json"),
                "{\"name\":\"" + name + "\",\"version\":1,\"schemaVersion\":2,"
                        + "\"tasks\":[{\"name\":\"" + ECHO
                        + "\",\"taskReferenceName\":\"echo_ref\",\"type\":\"SIMPLE\","
                        + "\"inputParameters\":{\"word\":\"${workflow.input.word}\"}}],"
                        + "\"outputParameters\":{\"echoed\":\"${echo_ref.output.echoed}\"}}");
        CliRunner cli = cli();

        CliRunner.Result reg = cli.run("def", "register", "echo.json", "tasks.json");
        assertThat(reg.exit()).as(reg.toString()).isZero();
        assertThat(reg.out())
                .isEqualTo("Registered task definition " + ECHO + " (tasks.json)\n" + "Registered workflow " + name
                        + " v1 (echo.json)\n");
        eventually(
                () -> cli.run("def", "list", "--tasks"),
                r -> r.exit() == 0 && r.out().contains(ECHO));

        CliRunner.Result started =
                eventually(() -> cli.run("start", name, "--input", "{\"word\":\"hello\"}"), r -> r.exit() == 0);
        String id = started.out().trim();
        CliRunner.Result followed = cli.run("follow", id, "--interval-ms", "50");
        assertThat(followed.exit()).as(followed.toString()).isZero();
        List<String> lines = followed.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("task      COMPLETED    echo_ref  " + ECHO + "  attempt 0"));
        assertThat(lines.get(lines.size() - 1)).contains("workflow  COMPLETED", name + " v1", id);
        CliRunner.Result got = cli.run("get", id, "--json");
        assertThat(Json.parse(got.out(), "get").path("output").path("echoed").asText())
                .isEqualTo("hello");

        // a workflow whose task fails for good: follow exits 3; retry runs the task again and it completes
        CliRunner.Result second = cli.run("start", name, "--input", "{\"word\":\"fail-once\"}");
        assertThat(second.exit()).as(second.toString()).isZero();
        String failing = second.out().trim();
        CliRunner.Result failed = cli.run("follow", failing, "--interval-ms", "50");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(3);
        assertThat(failed.out()).contains("FAILED_WITH_TERMINAL_ERROR", "asked to fail once", "workflow  FAILED");
        CliRunner.Result retried = cli.run("retry", failing);
        assertThat(retried.exit()).as(retried.toString()).isZero();
        eventually(
                () -> cli.run("get", failing, "--json"),
                r -> r.exit() == 0 && !status(r).equals("FAILED"));
        CliRunner.Result recovered = cli.run("follow", failing, "--interval-ms", "50", "--json");
        assertThat(recovered.exit()).as(recovered.toString()).isZero();
        assertThat(recovered.out().lines().map(l -> Json.parse(l, "line")))
                .anyMatch(c -> c.path("ref").asText().equals("echo_ref")
                        && c.path("attempt").asInt() == 1
                        && c.path("status").asText().equals("COMPLETED"));
    }

    private static String status(CliRunner.Result r) {
        JsonNode wf = Json.parse(r.out(), "get");
        return wf.path("status").asText();
    }

    private static CliRunner.Result eventually(Supplier<CliRunner.Result> run, Predicate<CliRunner.Result> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        CliRunner.Result last;
        do {
            last = run.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not as expected within " + PATIENCE + ": " + last);
    }
}
