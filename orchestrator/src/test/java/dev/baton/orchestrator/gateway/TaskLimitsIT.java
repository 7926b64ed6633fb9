package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conductor's task limits on a real broker: with {@code concurrentExecLimit} 2 never more than two
 * tasks of the type are in progress at once, for HTTP pollers and for Kafka workers alike, and every
 * workflow still completes; {@code rateLimitPerFrequency} spreads the hand-outs over its windows.
 */
@KafkaCluster(isolated = true)
class TaskLimitsIT {
    private static final int WORKFLOWS = 10;
    /** Long enough that the next task reaches a worker while one still works (delivery takes up to ~0.5 s when idle). */
    private static final long WORK_MS = 600;

    private static GatewayTestApp app;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        Path dataDir = GatewayTestApp.tempDir();
        app = GatewayTestApp.start(
                kafka.bootstrapServers(),
                "baton-limits-it-" + UUID.randomUUID(),
                dataDir,
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

    private static List<String> startMany(String type, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(app.start(type, i, null));
        }
        return ids;
    }

    /** Counts, across the workflows, the tasks their instances show IN_PROGRESS, as often as it can; the most seen. */
    private static final class InstanceWatch implements AutoCloseable {
        final AtomicInteger most = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        InstanceWatch(List<String> ids) {
            thread = new Thread(
                    () -> {
                        while (!stop.get()) {
                            int inProgress = 0;
                            for (String id : ids) {
                                WorkflowInstance wf = app.queries().find(id).orElse(null);
                                if (wf != null && wf.tasks.stream().anyMatch(t -> t.status == TaskStatus.IN_PROGRESS)) {
                                    inProgress++;
                                }
                            }
                            most.accumulateAndGet(inProgress, Math::max);
                        }
                    },
                    "instance-watch");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }
    }

    @Test
    void httpPollersNeverHoldMoreThanTheLimitAndAllWorkflowsComplete() throws Exception {
        String type = type("lim_http");
        app.registerOneTaskWorkflow(type, "\"concurrentExecLimit\": 2");
        List<String> ids = startMany(type, WORKFLOWS);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        try (InstanceWatch watch = new InstanceWatch(ids)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String worker = "poller-" + p;
                loops.add(pollers.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (done.get() < WORKFLOWS && System.nanoTime() < deadline) {
                        JsonNode tasks = app.get("/api/tasks/poll/batch/" + type + "?workerid=" + worker
                                        + "&count=5&timeout=200")
                                .json();
                        // the tasks of a batch are all held from the moment the poll answers
                        mostHeld.accumulateAndGet(held.addAndGet(tasks.size()), Math::max);
                        for (JsonNode t : tasks) {
                            sleep(WORK_MS);
                            held.decrementAndGet(); // the worker is done before it reports so
                            assertThat(app.post(
                                                    "/api/tasks",
                                                    "{\"taskId\": \""
                                                            + t.get("taskId").asText()
                                                            + "\", \"status\": \"COMPLETED\"}")
                                            .status())
                                    .isEqualTo(200);
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : loops) {
                f.get(90, TimeUnit.SECONDS);
            }
            for (String id : ids) {
                assertThat(app.awaitInstance(id, WorkflowInstance::isTerminal).status)
                        .isEqualTo(WorkflowStatus.COMPLETED);
            }
            watch.close();
            System.out.printf(
                    "limits-it http: %d workflows, most held by pollers at once %d, most IN_PROGRESS in instances %d%n",
                    done.get(), mostHeld.get(), watch.most.get());
            assertThat(done.get()).isEqualTo(WORKFLOWS);
            assertThat(mostHeld.get()).as("tasks held by the pollers at once").isEqualTo(2);
            assertThat(watch.most.get())
                    .as("tasks IN_PROGRESS in the instances at once")
                    .isBetween(1, 2);
        } finally {
            pollers.shutdownNow();
        }
    }

    @Test
    void aPollBeyondTheLimitGetsNothingAndTheTaskStaysScheduledUntilASlotFrees() {
        String type = type("lim_poll");
        app.registerOneTaskWorkflow(type, "\"concurrentExecLimit\": 2");
        List<String> ids = startMany(type, 3);
        List<JsonNode> first = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (first.size() < 2 && System.nanoTime() < deadline) {
            app.get("/api/tasks/poll/batch/" + type + "?workerid=w&count=3&timeout=500")
                    .json()
                    .forEach(first::add);
        }
        assertThat(first).hasSize(2);

        assertThat(app.get("/api/tasks/poll/batch/" + type + "?workerid=w&count=3&timeout=1500")
                        .json())
                .as("a third task while two are in progress")
                .isEmpty();
        String third = ids.stream()
                .filter(id -> first.stream()
                        .noneMatch(t -> t.get("workflowInstanceId").asText().equals(id)))
                .findFirst()
                .orElseThrow();
        assertThat(app.queries().find(third).orElseThrow().tasks.get(0).status).isEqualTo(TaskStatus.SCHEDULED);

        app.post(
                "/api/tasks",
                "{\"taskId\": \"" + first.get(0).get("taskId").asText() + "\", \"status\": \"COMPLETED\"}");
        JsonNode next = app.pollOne(type, "w");
        assertThat(next.get("workflowInstanceId").asText()).isEqualTo(third);
    }

    @Test
    void kafkaWorkersNeverRunMoreThanTheLimitAndAllWorkflowsComplete() throws Exception {
        String type = type("lim_kafka");
        app.registerOneTaskWorkflow(type, "\"concurrentExecLimit\": 2");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(app.bootstrap)
                .taskType(type)
                .threads(4)
                .handler(ctx -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(WORK_MS);
                    running.decrementAndGet();
                    handled.incrementAndGet();
                    return TaskResult.completed(Map.of("by", "kafka"));
                })
                .build()
                .start()) {
            worker.awaitAssignment(Duration.ofSeconds(30));
            List<String> ids = startMany(type, WORKFLOWS);
            long t0 = System.nanoTime();
            for (String id : ids) {
                assertThat(app.awaitInstance(id, WorkflowInstance::isTerminal).status)
                        .isEqualTo(WorkflowStatus.COMPLETED);
            }
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(
                    "limits-it kafka: %d handled, most running at once %d, %d ms for all%n",
                    handled.get(), mostRunning.get(), tookMs);
            assertThat(handled.get()).isEqualTo(WORKFLOWS);
            assertThat(mostRunning.get()).as("handlers running at once").isEqualTo(2);
            assertThat(tookMs)
                    .as("ten tasks of %d ms, two at a time", WORK_MS)
                    .isGreaterThanOrEqualTo(WORKFLOWS / 2 * WORK_MS);
        }
    }

    @Test
    void aRateLimitSpreadsHttpHandOutsOverItsWindows() throws Exception {
        String type = type("rate_http");
        app.registerOneTaskWorkflow(type, "\"rateLimitPerFrequency\": 2, \"rateLimitFrequencyInSeconds\": 2");
        List<String> ids = startMany(type, 6);
        List<Long> handedOut = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (handedOut.size() < 6 && System.nanoTime() < deadline) {
            JsonNode tasks = app.get("/api/tasks/poll/batch/" + type + "?workerid=r&count=10&timeout=200")
                    .json();
            for (JsonNode t : tasks) {
                handedOut.add(t.get("startTime").asLong()); // when the gateway handed it out
                app.post("/api/tasks", "{\"taskId\": \"" + t.get("taskId").asText() + "\", \"status\": \"COMPLETED\"}");
            }
        }
        for (String id : ids) {
            assertThat(app.awaitInstance(id, WorkflowInstance::isTerminal).status)
                    .isEqualTo(WorkflowStatus.COMPLETED);
        }
        assertSpread(handedOut);
    }

    @Test
    void aRateLimitSpreadsKafkaHandOutsOverItsWindows() throws Exception {
        String type = type("rate_kafka");
        app.registerOneTaskWorkflow(type, "\"rateLimitPerFrequency\": 2, \"rateLimitFrequencyInSeconds\": 2");
        List<Long> received = Collections.synchronizedList(new ArrayList<>());
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(app.bootstrap)
                .taskType(type)
                .threads(2)
                .handler(ctx -> {
                    received.add(System.currentTimeMillis());
                    return TaskResult.completed();
                })
                .build()
                .start()) {
            worker.awaitAssignment(Duration.ofSeconds(30));
            List<String> ids = startMany(type, 6);
            for (String id : ids) {
                assertThat(app.awaitInstance(id, WorkflowInstance::isTerminal).status)
                        .isEqualTo(WorkflowStatus.COMPLETED);
            }
        }
        assertSpread(new ArrayList<>(received));
    }

    /** Six hand-outs at two per 2 s window: no three within a window (give or take delivery jitter), over three windows. */
    private static void assertSpread(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        System.out.println("limits-it rate: hand-outs at ms "
                + sorted.stream().map(t -> t - sorted.get(0)).toList());
        assertThat(sorted).hasSize(6);
        for (int i = 0; i + 2 < sorted.size(); i++) {
            assertThat(sorted.get(i + 2) - sorted.get(i))
                    .as("hand-outs %d and %d: %s", i, i + 2, sorted)
                    .isGreaterThanOrEqualTo(1_700);
        }
        assertThat(sorted.get(5) - sorted.get(0))
                .as("first to last: %s", sorted)
                .isGreaterThanOrEqualTo(3_700);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
