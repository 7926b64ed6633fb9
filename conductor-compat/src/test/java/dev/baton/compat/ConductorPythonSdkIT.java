package dev.baton.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor's Python SDK ({@code conductor-python}, the version pinned in
 * {@code src/test/resources/python/requirements.txt}), unchanged, against Baton: {@code sdk_worker.py}
 * registers the definitions, starts 50 workflows and one whose task fails twice, serves every task
 * with the SDK's own workers (TaskHandler, batch poll, update-v2, task logs) and reads the workflows
 * back through the SDK's models. This test then checks Baton's side over plain REST.
 *
 * <p>The SDK must be importable by {@code python3}; {@code .ci/run} installs it. Without it this test
 * fails and says how to install it.
 */
@KafkaCluster(isolated = true)
class ConductorPythonSdkIT {
    private static final int WORKFLOWS = 50;
    private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(120);
    private static final String WORKER_ID = "python-sdk-worker";
    /** What sdk_worker.py saw, kept for a look after the run. */
    private static final Path RESULT = Path.of("target", "python-sdk-result.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BatonServer baton;
    private static RestCalls rest;
    private static JsonNode result;
    private static int exitCode;
    private static long scriptMillis;

    @BeforeAll
    static void runSdkWorker(KafkaTestCluster kafka) throws Exception {
        Path script = resource("python/sdk_worker.py");
        // Whether python3 has the SDK, asked while Baton starts.
        CompletableFuture<String> sdkCheck = CompletableFuture.supplyAsync(
                () -> python("-c", "import conductor.client, sys; sys.stdout.write(conductor.client.__file__)"));
        baton = BatonServer.start(kafka.bootstrapServers());
        String sdk = sdkCheck.get();
        assertThat(sdk)
                .as("Conductor's Python SDK must be importable by python3; install it with "
                        + "`pip install -r conductor-compat/src/test/resources/python/requirements.txt` (.ci/run does)")
                .endsWith("__init__.py");
        System.out.println("[sdk_worker] conductor-python from " + sdk);

        rest = new RestCalls(baton.apiUrl());
        Path out = RESULT.toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        long t0 = System.nanoTime();
        exitCode = run(List.of(
                "python3",
                script.toString(),
                "--server",
                baton.apiUrl(),
                "--workflows",
                String.valueOf(WORKFLOWS),
                "--out",
                out.toString()));
        scriptMillis = (System.nanoTime() - t0) / 1_000_000;
        result = Files.isRegularFile(out) ? JSON.readTree(out.toFile()) : null;
        System.out.printf("[sdk_worker] exit %d after %d ms%n", exitCode, scriptMillis);
    }

    @AfterAll
    static void stop() {
        if (baton != null) {
            baton.close();
        }
    }

    @Test
    void theScriptSucceededWithinItsBudget() {
        assertThat(result)
                .as("sdk_worker.py wrote no result (exit %d)", exitCode)
                .isNotNull();
        assertThat(exitCode)
                .as("sdk_worker.py exit code; pending: %s", result.path("pending"))
                .isZero();
        assertThat(result.path("completed").asInt()).isEqualTo(WORKFLOWS);
        assertThat(scriptMillis).as("the SDK run's wall time (ms)").isLessThan(75_000);
    }

    @Test
    void definitionsRegisteredThroughTheSdkAreServedByBaton() throws IOException {
        JsonNode flakyDef = ok(rest.get("/metadata/taskdefs/py_sdk_flaky"));
        assertThat(flakyDef.path("retryCount").asInt()).isEqualTo(2);
        assertThat(flakyDef.path("retryLogic").asText()).isEqualTo("FIXED");
        assertThat(flakyDef.path("retryDelaySeconds").asInt()).isEqualTo(1);
        assertThat(flakyDef.path("ownerEmail").asText()).isEqualTo("baton-it@example.com");
        assertThat(ok(rest.get("/metadata/taskdefs/py_sdk_add"))
                        .path("retryCount")
                        .asInt())
                .isZero();

        JsonNode sumDef = ok(rest.get("/metadata/workflow/py_sdk_sum"));
        assertThat(sumDef.path("version").asInt()).isEqualTo(1);
        assertThat(sumDef.path("tasks").findValuesAsText("taskReferenceName"))
                .containsExactly("add_ref", "describe_ref");
        assertThat(sumDef.path("outputParameters").path("text").asText()).isEqualTo("${describe_ref.output.result}");
        assertThat(ok(rest.get("/metadata/workflow/py_sdk_flaky_wf"))
                        .path("tasks")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("py_sdk_flaky");

        // The SDK read the same definitions back into its own models.
        JsonNode registered = result.path("registered");
        assertThat(registered
                        .path("taskDefs")
                        .path("py_sdk_flaky")
                        .path("retryCount")
                        .asInt())
                .isEqualTo(2);
        assertThat(registered
                        .path("taskDefs")
                        .path("py_sdk_flaky")
                        .path("retryDelaySeconds")
                        .asInt())
                .isEqualTo(1);
        assertThat(JSON.convertValue(registered.path("workflowDefs").path("py_sdk_sum"), List.class))
                .containsExactly("add_ref", "describe_ref");
    }

    @Test
    void fiftyWorkflowsCompletedWithThePythonWorkersOutputs() throws IOException {
        JsonNode sdkRuns = result.path("workflows");
        assertThat(sdkRuns).hasSize(WORKFLOWS);
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode sdkRun : sdkRuns) {
            String id = sdkRun.path("workflowId").asText();
            JsonNode wf = ok(rest.get("/workflow/" + id + "?includeTasks=true"));
            int i = wf.path("input").path("index").asInt();
            indexes.add(i);
            assertThat(wf.path("status").asText()).as(id).isEqualTo("COMPLETED");
            assertThat(wf.path("correlationId").asText()).isEqualTo("py-sdk-" + i);
            assertThat(wf.path("output").path("sum").asInt()).as(id).isEqualTo(3 * i);
            assertThat(wf.path("output").path("text").asText()).as(id).isEqualTo("workflow " + i + ": sum " + (3 * i));
            JsonNode tasks = wf.path("tasks");
            assertThat(tasks.findValuesAsText("referenceTaskName")).containsExactly("add_ref", "describe_ref");
            for (JsonNode t : tasks) {
                assertThat(t.path("status").asText()).isEqualTo("COMPLETED");
                assertThat(t.path("retryCount").asInt()).isZero();
                assertThat(polledBy(t)).isEqualTo(WORKER_ID);
            }
            assertThat(tasks.get(0).path("outputData").path("sum").asInt()).isEqualTo(3 * i);
            assertThat(tasks.get(1).path("outputData").path("result").asText())
                    .isEqualTo("workflow " + i + ": sum " + (3 * i));
            // What the SDK read back through its own Workflow model agrees.
            assertThat(sdkRun.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(sdkRun.path("output").path("sum").asInt()).isEqualTo(3 * i);
            assertThat(sdkRun.path("tasks").findValuesAsText("status")).containsExactly("COMPLETED", "COMPLETED");
        }
        assertThat(indexes)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, WORKFLOWS).boxed().toList());
    }

    @Test
    void theFailingTaskWasRetriedPerItsDefinition() throws IOException {
        String id = result.path("flaky").path("workflowId").asText();
        JsonNode wf = ok(rest.get("/workflow/" + id + "?includeTasks=true"));
        assertThat(wf.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(wf.path("output").path("attempt").asInt()).isEqualTo(2);

        List<JsonNode> attempts = new ArrayList<>();
        wf.path("tasks").forEach(attempts::add);
        assertThat(attempts)
                .extracting(t -> t.path("referenceTaskName").asText())
                .containsOnly("flaky_ref");
        assertThat(attempts)
                .extracting(t -> t.path("status").asText())
                .containsExactly("FAILED", "FAILED", "COMPLETED");
        assertThat(attempts).extracting(t -> t.path("retryCount").asInt()).containsExactly(0, 1, 2);
        assertThat(attempts).extracting(t -> t.path("seq").asInt()).isSorted().doesNotHaveDuplicates();
        for (JsonNode attempt : attempts) {
            assertThat(polledBy(attempt)).isEqualTo(WORKER_ID);
        }
        for (int k = 0; k < 2; k++) {
            JsonNode failed = attempts.get(k);
            JsonNode next = attempts.get(k + 1);
            assertThat(failed.path("retried").asBoolean())
                    .as("attempt %d retried", k)
                    .isTrue();
            assertThat(failed.path("reasonForIncompletion").asText())
                    .isEqualTo("flaky: attempt " + k + " fails on purpose");
            assertThat(next.path("retriedTaskId").asText())
                    .isEqualTo(failed.path("taskId").asText());
            // retryDelaySeconds 1 (FIXED): the next attempt cannot be polled for a second. (Its
            // callbackAfterSeconds, 1 while it waits, is the worker's 0 once it ended, as in Conductor.)
            assertThat(next.path("startTime").asLong() - failed.path("endTime").asLong())
                    .as("ms between attempt %d's end and attempt %d's start", k, k + 1)
                    .isGreaterThanOrEqualTo(900);
        }
        JsonNode last = attempts.get(2);
        assertThat(last.path("outputData").path("attempt").asInt()).isEqualTo(2);
        assertThat(last.path("outputData").path("label").asText()).isEqualTo("flaky");

        // The worker's logs (TaskContext.add_log, and the SDK's traceback for a failed attempt) reach Baton.
        assertThat(ok(rest.get("/tasks/" + last.path("taskId").asText() + "/log"))
                        .findValuesAsText("log"))
                .contains("flaky: attempt 2");
        assertThat(ok(rest.get("/tasks/" + attempts.get(0).path("taskId").asText() + "/log"))
                        .findValuesAsText("log"))
                .anySatisfy(log -> assertThat(log).contains("RuntimeError: flaky: attempt 0 fails on purpose"));

        // The SDK saw the same three attempts through its Task model.
        JsonNode sdkTasks = result.path("flaky").path("tasks");
        assertThat(sdkTasks.findValuesAsText("status")).containsExactly("FAILED", "FAILED", "COMPLETED");
        assertThat(sdkTasks.findValues("retryCount"))
                .extracting(JsonNode::asInt)
                .containsExactly(0, 1, 2);
        System.out.printf(
                "[sdk_worker] %d workflows completed, flaky task attempts %s, script %d ms%n",
                result.path("completed").asInt(), sdkTasks.findValuesAsText("status"), scriptMillis);
    }

    @Test
    void theSdksOtherReadsAnswerAsConductorWould() {
        JsonNode reads = result.path("reads");
        JsonNode task = read(reads, "task");
        assertThat(task.path("workerId").asText()).isEqualTo(WORKER_ID);
        assertThat(task.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(task.path("retryCount").asInt()).isEqualTo(2);
        assertThat(task.path("workflowType").asText()).isEqualTo("py_sdk_flaky_wf");
        assertThat(JSON.convertValue(read(reads, "taskLogs"), List.class)).contains("flaky: attempt 2");
        assertThat(read(reads, "pollData").findValuesAsText("workerId")).contains(WORKER_ID);
        assertThat(read(reads, "queueSize").asInt()).isZero();
        JsonNode status = read(reads, "workflowStatus");
        assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.path("output").path("attempt").asInt()).isEqualTo(2);
        JsonNode search = read(reads, "search");
        assertThat(search.path("results").asInt()).isEqualTo(WORKFLOWS);
        assertThat(JSON.convertValue(search.path("workflowTypes"), List.class)).containsExactly("py_sdk_sum");
        assertThat(JSON.convertValue(search.path("statuses"), List.class)).containsExactly("COMPLETED");
    }

    /** One of the script's reads through the SDK: its value, failing on the error it met. */
    private static JsonNode read(JsonNode reads, String name) {
        JsonNode r = reads.path(name);
        assertThat(r.has("error"))
                .as("the SDK's %s read failed: %s", name, r.path("error").asText())
                .isFalse();
        assertThat(r.has("value")).as("the SDK's %s read", name).isTrue();
        return r.get("value");
    }

    /**
     * The worker that polled the task, as {@code GET /api/tasks/{id}} tells (a workflow's task list
     * leaves {@code workerId} out: see docs/conductor-compatibility.md).
     */
    private static String polledBy(JsonNode task) throws IOException {
        return ok(rest.get("/tasks/" + task.path("taskId").asText()))
                .path("workerId")
                .asText();
    }

    private static JsonNode ok(RestCalls.Reply reply) throws IOException {
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        return JSON.readTree(reply.body());
    }

    private static Path resource(String name) throws URISyntaxException {
        var url = ConductorPythonSdkIT.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource " + name).isNotNull();
        return Path.of(url.toURI());
    }

    /** Runs python3 with the arguments; its standard output, or "" when it failed. */
    private static String python(String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println("[sdk_worker] " + String.join(" ", cmd) + ": " + out);
                return "";
            }
            return out;
        } catch (IOException e) {
            System.out.println("[sdk_worker] cannot run " + cmd + ": " + e);
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Runs the command, copying its output line by line; its exit code (killed after SCRIPT_LIMIT). */
    private static int run(List<String> cmd) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread watchdog = new Thread(
                    () -> {
                        try {
                            if (!process.waitFor(SCRIPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                                System.out.println("[sdk_worker] killed after " + SCRIPT_LIMIT);
                                process.descendants().forEach(ProcessHandle::destroyForcibly);
                                process.destroyForcibly();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "sdk-worker-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[sdk_worker] " + line);
                }
            }
            int exit = process.waitFor();
            watchdog.interrupt();
            return exit;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        }
    }
}
