package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceReader;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An instance is stored as a header (carrying its newest tasks) plus a record per older task (and
 * per loop pass), large documents in chunks: a step writes what it touched, so its cost does not grow with the instance, and no record
 * grows with its payloads. (Every step here is also read back and compared: baton.verify-state.)
 */
class StateLayoutTopologyTest {
    private static final int KIB = 1024;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final TopologyDriver t = new TopologyDriver(null, Duration.ofDays(7), metrics);

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aLongLoopWritesTheSameAmountPerStepAtItsEndAsAtItsStart() {
        // given: 2,000 passes of an INLINE task returning 500 characters
        t.define("workflow:spin:1", """
                {"name": "spin", "version": 1, "tasks": [
                  {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
                   "loopCondition": "$.loop['iteration'] < 2000",
                   "loopOver": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                     "inputParameters": {"evaluatorType": "javascript", "expression": "'x'.repeat(500)"}}]}]}""");
        List<Long> perStep = new ArrayList<>();
        metrics.listen(new RuntimeMetrics.Listener() {
            @Override
            public void stored(int entries, long bytes) {
                perStep.add(bytes);
            }
        });

        // when
        t.start("spin-1", "spin", "{}");

        // then: it completed in slices, and the bytes stored per step did not grow with the instance
        assertThat(t.lastSnapshot().getStatus().name()).isEqualTo("COMPLETED");
        assertThat(perStep).hasSizeGreaterThanOrEqualTo(20); // 100 tasks a step: one INLINE task a pass
        double first = perStep.subList(1, 6).stream()
                .mapToLong(Long::longValue)
                .average()
                .orElseThrow();
        double last = perStep.subList(perStep.size() - 6, perStep.size() - 1).stream()
                .mapToLong(Long::longValue)
                .average()
                .orElseThrow();
        assertThat(last)
                .as("bytes stored per step, last slices vs first (%s vs %s)", last, first)
                .isLessThan(1.2 * first);
        assertThat(largestStoreValue(Topics.INSTANCE_STORE)).isLessThan(64 * KIB);
        assertThat(largestStoreValue(Topics.WORKFLOW_STORE)).isLessThan(64 * KIB);
        for (String topic : List.of(Topics.EVENTS, Topics.STATE, Topics.TASKS, Topics.COMMANDS)) {
            assertThat(largestRecord(t.output(topic))).as(topic).isLessThan(64 * KIB);
        }
        InstanceReader reader = reader();
        assertThat(reader.find("spin-1").tasks).hasSize(2001);
        assertThat(reader.find("spin-1")
                        .tasks
                        .get(0)
                        .outputData
                        .get("2000")
                        .get("calc")
                        .get("result")
                        .asText())
                .hasSize(500);
    }

    @Test
    void aLargeTaskOutputIsKeptOutOfLineAndNamedByItsPathInRecords() {
        // given
        t.define("workflow:big:1", """
                {"name": "big", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "work"},
                  {"name": "after", "taskReferenceName": "after", "inputParameters": {"n": "${work.output.n}"}}]}""");
        TestOutputTopic<String, byte[]> work = t.output("work.commands");
        TestOutputTopic<String, byte[]> events = t.output(Topics.EVENTS);
        t.start("big-1", "big", "{}");
        TestRecord<String, byte[]> command = work.readRecordsToList().get(0);
        String blob = "y".repeat(300 * KIB);

        // when: the worker answers with 300 KiB
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.replies.pipeInput(
                new TestRecord<>(command.key(), TopologyDriver.bytes("{\"n\": 7, \"blob\": \"" + blob + "\"}"), h));

        // then: the task record stays small, the output is in chunks, and the records name its path
        assertThat(largestStoreValue(Topics.INSTANCE_STORE)).isLessThanOrEqualTo(32 * KIB);
        assertThat(count(Topics.INSTANCE_STORE, "\u0000P")).isEqualTo(10); // 300 KiB in 32 KiB chunks
        List<WorkflowEvent> completed = events.readValuesToList().stream()
                .map(t.codec::decodeEvent)
                .filter(e -> e.getType().name().equals("TASK_COMPLETED"))
                .toList();
        assertThat(completed).singleElement().satisfies(e -> {
            assertThat(e.getPayload()).isNull();
            assertThat(e.getPayloadPath()).startsWith("workflow/big-1/");
        });
        assertThat(t.tasks())
                .filteredOn(s -> s.getTaskRef().equals("work"))
                .singleElement()
                .satisfies(s ->
                        assertThat(s.getOutputPath()).isEqualTo(completed.get(0).getPayloadPath()));
        String payloadId = completed.get(0).getPayloadPath().substring("workflow/big-1/".length());
        assertThat(new String(reader().payload("big-1", payloadId))).contains(blob);
        // the next task read the output as usual, and the instance reads back whole
        assertThat(reader().find("big-1").tasks.get(1).inputData.get("n").asInt())
                .isEqualTo(7);
        assertThat(reader().find("big-1").tasks.get(0).outputData.get("blob").asText())
                .isEqualTo(blob);
    }

    @Test
    void aDeletedInstanceLeavesNothingBehind() {
        t.define("workflow:big:1", """
                {"name": "big", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "work"}]}""");
        t.start("gone-1", "big", "{\"blob\": \"" + "z".repeat(100 * KIB) + "\"}");
        assertThat(count(Topics.INSTANCE_STORE, "\u0000P")).isPositive();

        t.control("gone-1", dev.baton.protocol.ControlType.DELETE);

        assertThat(count(Topics.WORKFLOW_STORE, "")).isZero();
        assertThat(count(Topics.INSTANCE_STORE, "")).isZero();
        assertThat(t.state.readRecordsToList())
                .last()
                .satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void aReadThatMeetsPartOfAStepIsMadeAgainAndSeesAWholeStep() throws Exception {
        // given: an instance with twelve tasks (the oldest are entries of their own, the newest in its header),
        // and a read that finds one entry missing (a standby copy that restores record by record can show
        // part of a step; the active copy writes each step as one batch)
        t.define("workflow:two:1", TopologyDriver.noops("two", 12));
        t.start("two-1", "two", "{}");
        KeyValueStore<String, byte[]> tasks = t.driver.getKeyValueStore(Topics.INSTANCE_STORE);
        String key = null;
        try (KeyValueIterator<String, byte[]> it = tasks.all()) {
            while (key == null) {
                String k = it.next().key;
                key = k.contains("\u0000T") ? k : null;
            }
        }
        String taskKey = key;
        byte[] value = tasks.get(taskKey);
        tasks.delete(taskKey);

        // then: the read keeps failing while the store stays torn
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader().find("two-1"))
                .isInstanceOf(dev.baton.orchestrator.state.TornReadException.class);

        // and: a read that overlaps the end of the step sees the whole instance
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            }
            tasks.put(taskKey, value);
        });
        writer.start();
        assertThat(reader().find("two-1").tasks).hasSize(12);
        writer.join();
    }

    @Test
    void aShortWorkflowsTasksLiveInItsHeaderAndTheOldestOfALongerOneMoveOut() {
        // given
        t.define("workflow:short:1", TopologyDriver.noops("short", 2));
        t.define("workflow:longer:1", TopologyDriver.noops("longer", 20));

        // when
        t.start("short-1", "short", "{}");
        t.start("longer-1", "longer", "{}");

        // then: the short one's two tasks never became entries; the longer one keeps at most its newest
        // eight tasks in its header, and every task is in one place only
        assertThat(count(Topics.INSTANCE_STORE, "short-1\u0000T")).isZero();
        assertThat(reader().find("short-1").tasks)
                .extracting(x -> x.referenceTaskName)
                .containsExactly("t0", "t1");
        int entries = count(Topics.INSTANCE_STORE, "longer-1\u0000T");
        assertThat(entries).isBetween(20 - dev.baton.orchestrator.state.StateLimits.DEFAULT_HEADER_TASKS, 19);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add("t" + i);
        }
        assertThat(reader().find("longer-1").tasks)
                .extracting(x -> x.referenceTaskName)
                .containsExactlyElementsOf(refs);
        assertThat(t.lastSnapshot().getStatus().name()).isEqualTo("COMPLETED");
    }

    private InstanceReader reader() {
        return new InstanceReader(
                t.driver.getKeyValueStore(Topics.WORKFLOW_STORE), t.driver.getKeyValueStore(Topics.INSTANCE_STORE));
    }

    private int largestStoreValue(String store) {
        KeyValueStore<String, byte[]> s = t.driver.getKeyValueStore(store);
        int max = 0;
        try (KeyValueIterator<String, byte[]> it = s.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                max = Math.max(max, kv.value.length);
            }
        }
        return max;
    }

    /** Entries of a store whose key contains {@code part}. */
    private int count(String store, String part) {
        KeyValueStore<String, byte[]> s = t.driver.getKeyValueStore(store);
        int n = 0;
        try (KeyValueIterator<String, byte[]> it = s.all()) {
            while (it.hasNext()) {
                if (it.next().key.contains(part)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int largestRecord(TestOutputTopic<String, byte[]> topic) {
        return topic.readValuesToList().stream()
                .mapToInt(v -> v == null ? 0 : v.length)
                .max()
                .orElse(0);
    }
}
