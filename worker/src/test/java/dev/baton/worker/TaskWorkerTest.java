package dev.baton.worker;

import static dev.baton.worker.Commands.header;
import static dev.baton.worker.Commands.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TaskWorker against a real in-process KRaft broker (the testkit's shared cluster). */
@KafkaCluster
class TaskWorkerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaTestCluster kafka;
    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = kafka.bootstrapServers();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) throws Exception {
        return MAPPER.readTree(r.value());
    }

    @Test
    void repliesWithOutputStatusAndCopiedHeaders() throws Exception {
        String type = unique("echo");
        String replies = unique("replies");
        ConcurrentLinkedQueue<TaskContext> seen = new ConcurrentLinkedQueue<>();
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(ctx -> {
                    seen.add(ctx);
                    return TaskResult.completed(
                            Map.of("echo", ctx.input().get("msg").asText(), "attempt", ctx.attempt()));
                })
                .build()
                .start()) {
            assertThat(worker.commandTopic()).isEqualTo(type + ".commands");
            assertThat(worker.groupId()).isEqualTo("baton-worker-" + type);

            Commands.send(
                    bootstrap,
                    type + ".commands",
                    "wf-1",
                    "{\"msg\":\"hello\"}",
                    Commands.headers("wf-1", "task-1", 2, replies));
            List<ConsumerRecord<byte[], byte[]>> got = Commands.readCommitted(bootstrap, replies, 1);

            assertThat(got).hasSize(1);
            ConsumerRecord<byte[], byte[]> reply = got.get(0);
            assertThat(key(reply)).isEqualTo("wf-1");
            assertThat(header(reply, BatonHeaders.STATUS)).isEqualTo("COMPLETED");
            assertThat(header(reply, BatonHeaders.REASON)).isNull();
            assertThat(header(reply, BatonHeaders.WORKFLOW_ID)).isEqualTo("wf-1");
            assertThat(header(reply, BatonHeaders.TASK_ID)).isEqualTo("task-1");
            assertThat(header(reply, BatonHeaders.TASK_REF)).isEqualTo("task-1_ref");
            assertThat(header(reply, BatonHeaders.ATTEMPT)).isEqualTo("2");
            assertThat(header(reply, BatonHeaders.CORRELATION_ID)).isEqualTo("corr-task-1");
            assertThat(header(reply, BatonHeaders.REPLY_TO)).isEqualTo(replies);
            assertThat(header(reply, BatonHeaders.TRACEPARENT))
                    .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(json(reply).get("echo").asText()).isEqualTo("hello");
            assertThat(json(reply).get("attempt").asInt()).isEqualTo(2);

            TaskContext ctx = seen.peek();
            assertThat(ctx.workflowId()).isEqualTo("wf-1");
            assertThat(ctx.taskId()).isEqualTo("task-1");
            assertThat(ctx.taskRef()).isEqualTo("task-1_ref");
            assertThat(ctx.taskType()).isEqualTo(type);
            assertThat(ctx.correlationId()).isEqualTo("corr-task-1");
            assertThat(ctx.traceparent()).startsWith("00-0af7");
            assertThat(ctx.replyTo()).isEqualTo(replies);
            assertThat(worker.repliedCount()).isEqualTo(1);
        }
    }

    @Test
    void handlerExceptionBecomesFailedReplyAndTheLoopGoesOn() throws Exception {
        String type = unique("flaky");
        String replies = kafka.createUniqueTopic("replies", 1);
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(1)
                .handler(ctx -> {
                    if (ctx.input().path("explode").asBoolean()) {
                        throw new IllegalStateException("card declined");
                    }
                    if (ctx.input().path("interrupt").asBoolean()) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedException("gave up waiting");
                    }
                    return TaskResult.completed();
                })
                .build()
                .start()) {
            Commands.send(
                    bootstrap,
                    worker.commandTopic(),
                    "wf-a",
                    "{\"explode\":true}",
                    Commands.headers("wf-a", "t-a", 0, replies));
            Commands.send(bootstrap, worker.commandTopic(), "wf-b", "{}", Commands.headers("wf-b", "t-b", 0, replies));
            Commands.send(
                    bootstrap,
                    worker.commandTopic(),
                    "wf-c",
                    "{\"interrupt\":true}",
                    Commands.headers("wf-c", "t-c", 0, replies));
            Commands.send(bootstrap, worker.commandTopic(), "wf-d", "{}", Commands.headers("wf-d", "t-d", 0, replies));

            List<ConsumerRecord<byte[], byte[]>> got = Commands.readCommitted(bootstrap, replies, 4);
            assertThat(got).hasSize(4);
            assertThat(header(got.get(2), BatonHeaders.STATUS)).isEqualTo("FAILED");
            assertThat(header(got.get(2), BatonHeaders.REASON)).isEqualTo("gave up waiting");
            assertThat(header(got.get(3), BatonHeaders.STATUS)).isEqualTo("COMPLETED");
            assertThat(worker.abortedTransactionCount()).isZero();
            assertThat(header(got.get(0), BatonHeaders.STATUS)).isEqualTo("FAILED");
            assertThat(header(got.get(0), BatonHeaders.REASON)).isEqualTo("card declined");
            assertThat(json(got.get(0)).get("reason").asText()).isEqualTo("card declined");
            assertThat(key(got.get(1))).isEqualTo("wf-b");
            assertThat(header(got.get(1), BatonHeaders.STATUS)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void undecodableCommandsGetTerminalFailuresOrAreSkipped() throws Exception {
        String type = unique("strict");
        String replies = kafka.createUniqueTopic("replies", 1);
        AtomicInteger calls = new AtomicInteger();
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(1)
                .handler(ctx -> {
                    calls.incrementAndGet();
                    return TaskResult.completed();
                })
                .build()
                .start()) {
            String topic = worker.commandTopic();
            Commands.send(bootstrap, topic, "wf-json", "{not json", Commands.headers("wf-json", "t1", 0, replies));
            Commands.send(bootstrap, topic, "wf-array", "[1,2,3]", Commands.headers("wf-array", "t2", 0, replies));
            // no headers and no key: nobody to answer to, skipped
            Commands.send(bootstrap, topic, null, "{}", Map.of());
            // no task id header: answered with a terminal failure
            Commands.send(bootstrap, topic, "wf-nohdr", "{}", Map.of(BatonHeaders.REPLY_TO, replies));
            Commands.send(bootstrap, topic, "wf-ok", "{}", Commands.headers("wf-ok", "t3", 0, replies));

            List<ConsumerRecord<byte[], byte[]>> got = Commands.readCommitted(bootstrap, replies, 4);
            assertThat(got).extracting(Commands::key).containsExactly("wf-json", "wf-array", "wf-nohdr", "wf-ok");
            assertThat(got.subList(0, 3))
                    .allSatisfy(
                            r -> assertThat(header(r, BatonHeaders.STATUS)).isEqualTo("FAILED_WITH_TERMINAL_ERROR"));
            assertThat(header(got.get(0), BatonHeaders.REASON)).contains("not valid JSON");
            assertThat(header(got.get(0), BatonHeaders.TASK_ID)).isEqualTo("t1");
            assertThat(header(got.get(1), BatonHeaders.REASON)).contains("not a JSON object");
            assertThat(header(got.get(2), BatonHeaders.REASON)).contains(BatonHeaders.TASK_ID);
            assertThat(header(got.get(2), BatonHeaders.WORKFLOW_ID)).isEqualTo("wf-nohdr");
            assertThat(header(got.get(3), BatonHeaders.STATUS)).isEqualTo("COMPLETED");
            assertThat(calls.get()).isEqualTo(1);
            assertThat(worker.skippedCount()).isEqualTo(1);
            assertThat(worker.rejectedCount()).isEqualTo(3);
        }
    }

    @Test
    void repliesAndOffsetsCommitInOneTransaction() throws Exception {
        String type = unique("tx");
        String replies = unique("replies");
        int n = 40;
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(3)
                .handler(ctx ->
                        TaskResult.completed(Map.of("n", ctx.input().get("n").asInt())))
                .build()
                .start()) {
            for (int i = 0; i < n; i++) {
                Commands.send(
                        bootstrap,
                        worker.commandTopic(),
                        "wf-" + i,
                        "{\"n\":" + i + "}",
                        Commands.headers("wf-" + i, "t-" + i, 0, replies));
            }
            List<ConsumerRecord<byte[], byte[]>> committed = Commands.readCommitted(bootstrap, replies, n);
            assertThat(committed).hasSize(n);
            assertThat(committed).extracting(Commands::key).doesNotHaveDuplicates();

            // the reply topic holds transaction markers: its end offset exceeds the number of replies
            try (Admin admin = kafka.admin()) {
                TopicDescription d = admin.describeTopics(List.of(replies))
                        .allTopicNames()
                        .get()
                        .get(replies);
                Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
                d.partitions().forEach(p -> specs.put(new TopicPartition(replies, p.partition()), OffsetSpec.latest()));
                long end = admin.listOffsets(specs).all().get().values().stream()
                        .mapToLong(ListOffsetsResultInfo::offset)
                        .sum();
                assertThat(end).isGreaterThan(n);

                // the consumed offsets were committed through the producer's transactions
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(worker.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get();
                assertThat(offsets.values().stream()
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum())
                        .isEqualTo(n);
            }
        }
    }

    @Test
    void restartedWorkerDoesNotAnswerCommittedCommandsAgain() throws Exception {
        String type = unique("restart");
        String replies = unique("replies");
        AtomicInteger calls = new AtomicInteger();
        TaskHandler handler = ctx -> {
            calls.incrementAndGet();
            return TaskResult.completed();
        };
        try (TaskWorker first = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(handler)
                .build()
                .start()) {
            for (int i = 0; i < 5; i++) {
                Commands.send(
                        bootstrap, first.commandTopic(), "wf-" + i, "{}", Commands.headers("wf-" + i, "a", 0, replies));
            }
            assertThat(Commands.readCommitted(bootstrap, replies, 5)).hasSize(5);
            first.close();
            first.close(); // idempotent
            assertThat(first.isRunning()).isFalse();
        }
        try (TaskWorker second = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(handler)
                .build()
                .start()) {
            for (int i = 5; i < 10; i++) {
                Commands.send(
                        bootstrap,
                        second.commandTopic(),
                        "wf-" + i,
                        "{}",
                        Commands.headers("wf-" + i, "a", 0, replies));
            }
            List<ConsumerRecord<byte[], byte[]>> all = Commands.readCommitted(bootstrap, replies, 10);
            assertThat(all).hasSize(10);
            assertThat(all).extracting(Commands::key).doesNotHaveDuplicates();
            assertThat(second.repliedCount()).isEqualTo(5);
        }
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void severalThreadsShareThePartitionsAndAnswerEachCommandOnce() throws Exception {
        String type = unique("multi");
        Set<String> threads = ConcurrentHashMap.newKeySet();
        int n = 60;
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .threads(3)
                .partitions(6)
                .handler(ctx -> {
                    threads.add(Thread.currentThread().getName());
                    return TaskResult.completed(Map.of("task", ctx.taskId()));
                })
                .build()
                .start()) {
            // no reply-to header: replies go to the shared default topic, keyed by workflow id
            for (int i = 0; i < n; i++) {
                Map<String, String> h = new HashMap<>(Commands.headers("wf-" + type + "-" + i, "t" + i, 0, "x"));
                h.remove(BatonHeaders.REPLY_TO);
                Commands.send(bootstrap, worker.commandTopic(), "wf-" + type + "-" + i, "{}", h);
            }
            List<ConsumerRecord<byte[], byte[]>> got = Commands.readMatching(
                    bootstrap,
                    BatonHeaders.DEFAULT_REPLY_TOPIC,
                    r -> key(r).startsWith("wf-" + type + "-"),
                    n,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(500));
            Set<String> keys = new HashSet<>();
            got.stream()
                    .map(Commands::key)
                    .forEach(k -> assertThat(keys.add(k))
                            .as("duplicate reply for %s", k)
                            .isTrue());
            assertThat(keys).hasSize(n);
            assertThat(worker.repliedCount()).isEqualTo(n);
        }
        assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("baton-worker-" + type));
    }

    @Test
    void closeFinishesTheCommandInHandAndLeavesTheRestToTheNextWorker() throws Exception {
        String type = unique("graceful");
        String replies = kafka.createUniqueTopic("replies", 1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicInteger firstCalls = new AtomicInteger();
        TaskWorker first = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(1)
                .handler(ctx -> {
                    firstCalls.incrementAndGet();
                    firstStarted.countDown();
                    Thread.sleep(300);
                    return TaskResult.completed(Map.of("by", "first"));
                })
                .build()
                .start();
        for (int i = 0; i < 5; i++) {
            Commands.send(
                    bootstrap, first.commandTopic(), "wf-" + i, "{}", Commands.headers("wf-" + i, "t", 0, replies));
        }
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        first.close();
        int handledByFirst = firstCalls.get();
        assertThat(handledByFirst).isBetween(1, 4);
        assertThat(first.repliedCount()).isEqualTo(handledByFirst);

        try (TaskWorker second = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(ctx -> TaskResult.completed(Map.of("by", "second")))
                .build()
                .start()) {
            List<ConsumerRecord<byte[], byte[]>> all = Commands.readMatching(
                    bootstrap, replies, r -> true, 5, Duration.ofSeconds(30), Duration.ofMillis(300));
            assertThat(all).extracting(Commands::key).containsExactly("wf-0", "wf-1", "wf-2", "wf-3", "wf-4");
            assertThat(second.repliedCount()).isEqualTo(5 - handledByFirst);
        }
    }

    @Test
    void slowHandlerCommitsInSeveralTransactionsAndPollsInTime() throws Exception {
        String type = unique("slowpoke");
        String replies = kafka.createUniqueTopic("replies", 1);
        AtomicInteger calls = new AtomicInteger();
        int n = 12;
        // transaction budget 300 ms (timeout / 3, below the commit interval), poll budget 600 ms (max.poll.interval /
        // 2)
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(1)
                .commitInterval(Duration.ofSeconds(5))
                .producerProperties(Map.of("transaction.timeout.ms", 900))
                .consumerProperties(Map.of("max.poll.interval.ms", 1200))
                .handler(ctx -> {
                    calls.incrementAndGet();
                    Thread.sleep(100);
                    return TaskResult.completed();
                })
                .build()) {
            for (int i = 0; i < n; i++) {
                Commands.send(
                        bootstrap,
                        worker.commandTopic(),
                        "wf-" + i,
                        "{}",
                        Commands.headers("wf-" + i, "t", 0, replies));
            }
            worker.start(); // all commands wait in one partition and arrive in one poll
            List<ConsumerRecord<byte[], byte[]>> got = Commands.readMatching(
                    bootstrap, replies, r -> true, n, Duration.ofSeconds(30), Duration.ofMillis(300));
            assertThat(got)
                    .extracting(Commands::key)
                    .containsExactlyElementsOf(
                            IntStream.range(0, n).mapToObj(i -> "wf-" + i).toList());
            assertThat(calls.get()).isEqualTo(n);
            assertThat(worker.abortedTransactionCount()).isZero();
            // the single-partition reply topic holds one commit marker per transaction (the last one after the
            // last reply): several transactions, but not one per command
            long markersBeforeLastReply = got.get(n - 1).offset() + 1 - n;
            assertThat(markersBeforeLastReply).as("commit markers").isBetween(2L, (long) n - 3);
        }
    }

    @Test
    void repliesOfSlowCommandsFlowEveryCommitIntervalNotOncePerPoll() throws Exception {
        String type = unique("steady");
        String replies = kafka.createUniqueTopic("replies", 1);
        int n = 30;
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .partitions(1)
                .handler(ctx -> {
                    Thread.sleep(40);
                    return TaskResult.completed();
                })
                .build()) {
            for (int i = 0; i < n; i++) {
                Commands.send(
                        bootstrap,
                        worker.commandTopic(),
                        "wf-" + i,
                        "{}",
                        Commands.headers("wf-" + i, "t", 0, replies));
            }
            worker.start(); // 30 commands of 40 ms in one poll: 1.2 s of work
            List<ConsumerRecord<byte[], byte[]>> got = Commands.readMatching(
                    bootstrap, replies, r -> true, n, Duration.ofSeconds(30), Duration.ofMillis(300));

            assertThat(got).hasSize(n);
            // one commit marker per transaction: with the default commit interval (100 ms) a transaction holds
            // at most three of these commands, so the first replies were visible long before the last was handled
            long markersBeforeLastReply = got.get(n - 1).offset() + 1 - n;
            assertThat(markersBeforeLastReply).as("commit markers").isGreaterThanOrEqualTo(9L);
        }
    }

    @Test
    void finalReplyCanFollowAnInProgressReplyOutsideTheHandler() throws Exception {
        String type = unique("async");
        String replies = kafka.createUniqueTopic("replies", 1);
        ConcurrentLinkedQueue<TaskContext> pending = new ConcurrentLinkedQueue<>();
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(ctx -> {
                    pending.add(ctx);
                    return TaskResult.inProgress(60);
                })
                .build()
                .start()) {
            Commands.send(
                    bootstrap, worker.commandTopic(), "wf-async", "{}", Commands.headers("wf-async", "t", 1, replies));
            // the handler's IN_PROGRESS reply commits with the command's offset
            assertThat(Commands.readCommitted(bootstrap, replies, 1)).hasSize(1);
            worker.reply(pending.poll(), TaskResult.completed(Map.of("done", true)))
                    .get(30, TimeUnit.SECONDS);

            List<ConsumerRecord<byte[], byte[]>> got = Commands.readCommitted(bootstrap, replies, 2);
            assertThat(got).extracting(r -> header(r, BatonHeaders.STATUS)).containsExactly("IN_PROGRESS", "COMPLETED");
            assertThat(got).allSatisfy(r -> {
                assertThat(key(r)).isEqualTo("wf-async");
                assertThat(header(r, BatonHeaders.TASK_ID)).isEqualTo("t");
                assertThat(header(r, BatonHeaders.ATTEMPT)).isEqualTo("1");
                assertThat(header(r, BatonHeaders.CORRELATION_ID)).isEqualTo("corr-t");
            });
            assertThat(json(got.get(1)).get("done").asBoolean()).isTrue();
        }
    }

    @Test
    void inProgressReplyCarriesCallbackDelay() throws Exception {
        String type = unique("slow");
        String replies = unique("replies");
        try (TaskWorker worker = TaskWorker.builder()
                .bootstrapServers(bootstrap)
                .taskType(type)
                .handler(ctx -> TaskResult.inProgress(15))
                .build()
                .start()) {
            Commands.send(bootstrap, worker.commandTopic(), "wf", "{}", Commands.headers("wf", "t", 1, replies));
            List<ConsumerRecord<byte[], byte[]>> got = Commands.readCommitted(bootstrap, replies, 1);
            assertThat(header(got.get(0), BatonHeaders.STATUS)).isEqualTo("IN_PROGRESS");
            assertThat(header(got.get(0), BatonHeaders.CALLBACK_AFTER_SECONDS)).isEqualTo("15");
        }
    }
}
