package dev.baton.bench;

import dev.baton.dsl.DefinitionParser;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.RuntimeMetrics;
import dev.baton.protocol.WorkflowEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One long loop: a DO_WHILE of N passes of an INLINE task. Prints the time per pass over the first
 * and the last 1,000 passes (from the history's own timestamps), the bytes stored per step at the
 * start and at the end, and the largest record Baton wrote for it on each topic (changelogs too).
 */
final class LongLoopProbe {
    private static final String NAME = "bench_long_loop";

    private LongLoopProbe() {}

    static void run(BatonStack stack, int passes, PrintStream out) throws Exception {
        stack.client.registerWorkflow(DefinitionParser.workflow("""
                {"name": "%s", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "inputParameters": {"passes": "${workflow.input.passes}"},
                   "loopCondition": "$.loop['iteration'] < $.passes",
                   "loopOver": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                     "inputParameters": {"evaluatorType": "javascript", "expression": "'x'.repeat(100)"}}]}]}""".formatted(NAME)));
        Thread.sleep(1000); // the definition reaches the global store
        List<Long> stepBytes = new ArrayList<>();
        stack.runtime.metrics().listen(new RuntimeMetrics.Listener() {
            @Override
            public void stored(int entries, long bytes) {
                synchronized (stepBytes) {
                    stepBytes.add(bytes);
                }
            }
        });
        String id = "long-loop-" + System.nanoTime();
        long t0 = System.nanoTime();
        stack.client.start(
                id,
                NAME,
                null,
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("passes", passes),
                null,
                null);
        stack.client.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            var wf = stack.runtime.localInstances().find(id);
            if (wf != null && wf.isTerminal()) {
                out.println("long loop: " + passes + " passes " + wf.status + " in "
                        + Format.fixed((System.nanoTime() - t0) / 1e9, 1) + " s, " + wf.tasks.size() + " tasks");
                break;
            }
            if (System.nanoTime() > deadline) {
                out.println("long loop: did not finish in 10 minutes");
                return;
            }
            Thread.sleep(200);
        }
        stack.runtime.metrics().listen(new RuntimeMetrics.Listener() {});

        Map<Integer, Long> passEnd = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read(stack.bootstrap(), Topics.EVENTS, r -> key(r).equals(id))) {
            WorkflowEvent e = stack.codec.decodeEvent(r.value());
            if ("TASK_COMPLETED".equals(e.getType().name())
                    && e.getTaskRef() != null
                    && e.getTaskRef().startsWith("calc__")) {
                passEnd.put(Integer.parseInt(e.getTaskRef().substring("calc__".length())), e.getTimestamp());
            }
        }
        int span = Math.min(1000, passes / 2);
        double first = (passEnd.get(span + 1) - passEnd.get(1)) / (double) span;
        double last = (passEnd.get(passes) - passEnd.get(passes - span)) / (double) span;
        out.println("long loop: time per pass, first " + span + " passes " + Format.fixed(first, 3) + " ms, last "
                + span + " passes " + Format.fixed(last, 3) + " ms (ratio " + Format.fixed(last / first, 2)
                + ", target <= 2)");
        synchronized (stepBytes) {
            int n = stepBytes.size();
            int k = Math.max(1, Math.min(10, n / 4));
            out.println("long loop: " + n + " steps; bytes stored per step, first " + k + " steps avg "
                    + Format.bytes((long) avg(stepBytes.subList(0, k))) + ", last " + k + " steps avg "
                    + Format.bytes((long) avg(stepBytes.subList(n - k, n))));
        }
        String app = stack.context.getBean(BatonConfig.class).getApplicationId();
        Predicate<ConsumerRecord<byte[], byte[]>> mine = r -> key(r).equals(id) || key(r).startsWith(id + "\u0000");
        List<String> sizes = new ArrayList<>();
        int largest = 0;
        for (String topic : List.of(
                Topics.EVENTS,
                Topics.STATE,
                Topics.COMMANDS,
                app + "-" + Topics.WORKFLOW_STORE + "-changelog",
                app + "-" + Topics.INSTANCE_STORE + "-changelog")) {
            int max = read(stack.bootstrap(), topic, mine).stream()
                    .mapToInt(r -> r.value() == null ? 0 : r.value().length)
                    .max()
                    .orElse(0);
            sizes.add(topic + " " + Format.bytes(max));
            largest = Math.max(largest, max);
        }
        int tasksMax = read(
                        stack.bootstrap(),
                        Topics.TASKS,
                        r -> r.value() != null
                                && id.equals(stack.codec
                                        .decodeTaskSnapshot(r.value())
                                        .getWorkflowId()))
                .stream()
                .mapToInt(r -> r.value().length)
                .max()
                .orElse(0);
        sizes.add(Topics.TASKS + " " + Format.bytes(tasksMax));
        largest = Math.max(largest, tasksMax);
        out.println("long loop: largest record per topic: " + String.join(", ", sizes) + " (largest "
                + Format.bytes(largest) + ", target < 64 KiB)");
    }

    private static double avg(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    /** Every committed record of a topic that matches. */
    private static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap, String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = c.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 120_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (filter.test(r)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
