package dev.baton.bench;

import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.runtime.RestoreProgress;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowStatus;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;

/**
 * Recovery at scale, after the in-flight probe left N instances waiting: how long a node takes to
 * serve them again, in three cases.
 *
 * <ol>
 *   <li><b>restart</b>: the node stops cleanly and starts again on its own state directory;
 *   <li><b>replacement</b>: a node with an empty state directory takes over (a lost disk, a new
 *       machine): everything is restored from the changelogs;
 *   <li><b>standby take-over</b>: a second node, started with {@code baton.standby-replicas=1},
 *       keeps standby copies; once they have caught up, the first node stops and the second takes over.
 * </ol>
 *
 * For each: seconds from the start of the node to Kafka Streams RUNNING (what readiness reports),
 * to the end of restoration, and to the first step (a waiting instance, signalled right after the
 * start, seen COMPLETED in baton.state); records and bytes restored.
 */
final class RecoveryProbe {
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private RecoveryProbe() {}

    /** One case's figures. */
    record Result(
            String label,
            double stopSeconds,
            double runningSeconds,
            double restoredSeconds,
            double firstStepSeconds,
            long recordsRestored,
            long bytesRestored) {
        String line() {
            return String.format(
                    "recovery %-18s stop %5.1f s | RUNNING %5.1f s | restored %5.1f s | first step %5.1f s | %,d records,"
                            + " %s restored",
                    label,
                    stopSeconds,
                    runningSeconds,
                    restoredSeconds,
                    firstStepSeconds,
                    recordsRestored,
                    Format.bytes(bytesRestored));
        }
    }

    static List<Result> run(BatonStack stack, int partitions, List<String> waiting, PrintStream out) throws Exception {
        Deque<String> ids = new ArrayDeque<>(waiting);
        if (ids.size() < 3) {
            throw new IllegalArgumentException("the recovery probe needs 3 waiting instances, has " + ids.size());
        }
        Path root = stack.dataDir;
        // 1. restart on the same state directory
        double stop = close(stack.context);
        Node restarted = Node.start(stack, root, Map.of(), ids.pop());
        Result r1 = restarted.measure("restart", stop);
        out.println(r1.line());
        // 2. a replacement node with an empty state directory (standbys on, for case 3)
        stop = close(restarted.context);
        Node replacement =
                Node.start(stack, root.resolve("replacement"), Map.of("baton.standby-replicas", 1), ids.pop());
        Result r2 = replacement.measure("replacement", stop);
        out.println(r2.line());
        // 3. a second node keeps standbys; the first stops and it takes over
        ApplicationContext second = stack.startNode(root.resolve("standby"), Map.of("baton.standby-replicas", 1));
        Result r3;
        try {
            StreamsRuntime standby = second.getBean(StreamsRuntime.class);
            standby.awaitRunning(LIMIT);
            double caughtUp = awaitStandbysCaughtUp(standby, out);
            out.println("recovery: the second node's standby copies caught up " + Format.fixed(caughtUp, 1)
                    + " s after its start");
            long restoredBefore = standby.restoreProgress().restoredRecords();
            long bytesBefore = restoreBytes(standby);
            String id = ids.pop();
            WorkflowClient client = second.getBean(WorkflowClient.class);
            CountDownLatch done = watch(stack, id);
            long t0 = System.nanoTime();
            stop = close(replacement.context);
            client.signal(id, "w", TaskReplyStatus.COMPLETED, null, null);
            client.flush();
            double running = awaitActiveEverywhere(standby, partitions, t0);
            double restored = awaitRestored(standby.restoreProgress(), t0);
            double step = done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS) ? seconds(t0) : Double.NaN;
            r3 = new Result(
                    "standby take-over",
                    stop,
                    running,
                    restored,
                    step,
                    standby.restoreProgress().restoredRecords() - restoredBefore,
                    restoreBytes(standby) - bytesBefore);
        } finally {
            stack.observer.hook(null);
            close(second);
        }
        out.println(r3.line() + " (times from the first node's stop)");
        return List.of(r1, r2, r3);
    }

    /** A node being started, and the instance signalled as soon as its context is up. */
    private record Node(ApplicationContext context, StreamsRuntime runtime, long t0, CountDownLatch done) {
        static Node start(BatonStack stack, Path dataDir, Map<String, Object> overrides, String id) throws Exception {
            CountDownLatch done = watch(stack, id);
            long t0 = System.nanoTime();
            ApplicationContext ctx = stack.startNode(dataDir, overrides);
            StreamsRuntime runtime = ctx.getBean(StreamsRuntime.class);
            WorkflowClient client = ctx.getBean(WorkflowClient.class);
            client.signal(id, "w", TaskReplyStatus.COMPLETED, null, null);
            client.flush();
            return new Node(ctx, runtime, t0, done);
        }

        Result measure(String label, double stopSeconds) throws Exception {
            long bytesBefore = restoreBytes(runtime);
            if (!runtime.awaitRunning(LIMIT)) {
                throw new IllegalStateException(label + ": Kafka Streams not RUNNING after " + LIMIT);
            }
            double running = seconds(t0);
            double restored = awaitRestored(runtime.restoreProgress(), t0);
            double step = done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS) ? seconds(t0) : Double.NaN;
            return new Result(
                    label,
                    stopSeconds,
                    running,
                    restored,
                    step,
                    runtime.restoreProgress().restoredRecords(),
                    restoreBytes(runtime) - bytesBefore);
        }
    }

    private static CountDownLatch watch(BatonStack stack, String workflowId) {
        CountDownLatch done = new CountDownLatch(1);
        stack.observer.hook(s -> {
            if (workflowId.equals(s.getWorkflowId()) && s.getStatus() == WorkflowStatus.COMPLETED) {
                done.countDown();
            }
        });
        return done;
    }

    /** Seconds (from t0) until nothing is being restored; polled every 20 ms. */
    private static double awaitRestored(RestoreProgress p, long t0) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while ((p.restoringNow() > 0 || p.remainingRecords() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return seconds(t0);
    }

    /** Seconds (from t0) until Kafka Streams is RUNNING with every partition active on this node. */
    private static double awaitActiveEverywhere(StreamsRuntime runtime, int partitions, long t0)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (runtime.state() == KafkaStreams.State.RUNNING
                    && runtime.localActivePartitions().size() >= partitions) {
                return seconds(t0);
            }
            Thread.sleep(20);
        }
        return Double.NaN;
    }

    /** Seconds until the node's standby copies lag by fewer than 1,000 records each. */
    private static double awaitStandbysCaughtUp(StreamsRuntime runtime, PrintStream out) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Map<Integer, LagInfo>> lags = runtime.kafkaStreams().allLocalStorePartitionLags();
            long worst = lags.values().stream()
                    .flatMap(m -> m.values().stream())
                    .mapToLong(LagInfo::offsetLag)
                    .max()
                    .orElse(Long.MAX_VALUE);
            if (!lags.isEmpty() && worst < 1_000) {
                return seconds(t0);
            }
            Thread.sleep(100);
        }
        out.println("recovery: standby copies still lag after " + LIMIT);
        return Double.NaN;
    }

    /** Bytes the node's restore consumers fetched (changelog records restored, standbys included). */
    static long restoreBytes(StreamsRuntime runtime) {
        long sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : runtime.kafkaMetrics().entrySet()) {
            MetricName n = e.getKey();
            String client = n.tags().getOrDefault("client-id", "");
            if (n.name().equals("bytes-consumed-total")
                    && n.group().equals("consumer-fetch-manager-metrics")
                    && !n.tags().containsKey("topic")
                    && client.endsWith("restore-consumer")
                    && e.getValue().metricValue() instanceof Number v) {
                sum += v.longValue();
            }
        }
        return sum;
    }

    private static double close(ApplicationContext ctx) {
        long t = System.nanoTime();
        ctx.close();
        return seconds(t);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
