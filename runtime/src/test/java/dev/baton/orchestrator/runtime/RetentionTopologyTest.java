package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.protocol.BatonHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finished instances are kept for the retention time, then removed from the stores and tombstoned in baton.state. */
class RetentionTopologyTest {
    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> work;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null, Duration.ofSeconds(60));
        work = t.output("work.commands");
        t.define(
                "workflow:one:1",
                "{\"name\":\"one\",\"version\":1,\"tasks\":[{\"name\":\"work\",\"taskReferenceName\":\"w\"}]}");
    }

    /** An input too large to stay inside the header: it is stored in chunks, entries of their own. */
    private static final String BIG_INPUT = "{\"blob\": \"" + "z".repeat(20_000) + "\"}";

    private dev.baton.orchestrator.state.InstanceReader reader() {
        return new dev.baton.orchestrator.state.InstanceReader(
                t.driver.getKeyValueStore(Topics.WORKFLOW_STORE), t.driver.getKeyValueStore(Topics.INSTANCE_STORE));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void aFinishedInstanceIsRemovedAndTombstonedAfterItsRetention() {
        t.start("r-1", "one", BIG_INPUT);
        t.start("r-2", "one", BIG_INPUT);
        TestRecord<String, byte[]> command = work.readRecordsToList().get(0);
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes("{}"), h));
        t.state.readRecordsToList();
        KeyValueStore<String, byte[]> headers = t.driver.getKeyValueStore(Topics.WORKFLOW_STORE);
        assertThat(headers.get("r-1")).isNotNull();
        assertThat(entries("r-1")).as("its input, out of line").isNotEmpty();
        assertThat(reader().find("r-1").tasks).as("its task").hasSize(1);

        t.driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(headers.get("r-1")).as("still within retention").isNotNull();
        assertThat(t.state.isEmpty()).isTrue();

        t.driver.advanceWallClockTime(Duration.ofSeconds(31));
        List<TestRecord<String, byte[]>> tombstones = t.state.readRecordsToList();
        assertThat(tombstones).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("r-1");
            assertThat(r.value()).isNull();
        });
        assertThat(headers.get("r-1")).isNull();
        assertThat(entries("r-1")).as("nothing of it is left").isEmpty();
        assertThat(headers.get("r-2")).as("a running instance stays").isNotNull();
        assertThat(entries("r-2")).isNotEmpty();
    }

    @Test
    void theEndOfAnInstanceSetsOneRetentionTimerUnderTheKeyEarlierBuildsWrote() {
        t.start("k-1", "one", "{}");
        complete(work.readRecordsToList().get(0));
        long ended = t.lastSnapshot().getEndTime();

        // the key an earlier build wrote itself: such stored timers still fire as this one does
        assertThat(timerKeys("k-1")).containsExactly(TimerKeys.key(ended + 60_000, "baton/retention", "k-1"));
    }

    @Test
    void anInstanceRestartedWithinItsRetentionStaysAndItsNewEndSetsANewTimer() {
        // given: finished, then restarted before its retention is over
        t.start("s-1", "one", "{}");
        complete(work.readRecordsToList().get(0));
        long firstEnd = t.lastSnapshot().getEndTime();
        KeyValueStore<String, byte[]> headers = t.driver.getKeyValueStore(Topics.WORKFLOW_STORE);
        t.driver.advanceWallClockTime(Duration.ofSeconds(30));
        t.control("s-1", dev.baton.protocol.ControlType.RESTART);
        TestRecord<String, byte[]> again = work.readRecordsToList().get(0);
        t.state.readRecordsToList();

        // when: its first retention timer comes due while it runs
        t.driver.advanceWallClockTime(Duration.ofSeconds(31));

        // then: it stays
        assertThat(headers.get("s-1")).isNotNull();
        assertThat(t.state.isEmpty()).as("no tombstone").isTrue();
        assertThat(timerKeys("s-1")).noneMatch(k -> k.contains("baton/retention"));

        // and its new end sets a new timer, which removes it when due
        complete(again);
        long secondEnd = t.lastSnapshot().getEndTime();
        assertThat(secondEnd).isGreaterThan(firstEnd);
        assertThat(timerKeys("s-1")).containsExactly(TimerKeys.key(secondEnd + 60_000, "baton/retention", "s-1"));
        t.driver.advanceWallClockTime(Duration.ofSeconds(61));
        assertThat(t.state.readRecordsToList())
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isNull());
        assertThat(headers.get("s-1")).isNull();
        assertThat(timerKeys("s-1")).isEmpty();
    }

    @Test
    void deleteRemovesARunningInstanceRecordsItAndTombstonesIt() {
        TestOutputTopic<String, byte[]> events = t.output(Topics.EVENTS);
        t.start("d-1", "one", BIG_INPUT);
        t.state.readRecordsToList();
        long lastSeq = events.readValuesToList().stream()
                .mapToLong(v -> t.codec.decodeEvent(v).getSeq())
                .max()
                .orElseThrow();
        KeyValueStore<String, byte[]> headers = t.driver.getKeyValueStore(Topics.WORKFLOW_STORE);
        assertThat(entries("d-1")).isNotEmpty();

        t.control("d-1", dev.baton.protocol.ControlType.DELETE);

        assertThat(headers.get("d-1")).isNull();
        assertThat(entries("d-1")).isEmpty();
        assertThat(t.state.readRecordsToList())
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isNull());
        assertThat(events.readValuesToList()).singleElement().satisfies(v -> {
            var e = t.codec.decodeEvent(v);
            assertThat(e.getType().name()).isEqualTo("WORKFLOW_DELETED");
            assertThat(e.getSeq()).isEqualTo(lastSeq + 1);
        });
        KeyValueStore<String, byte[]> timers = t.driver.getKeyValueStore(Topics.TIMER_STORE);
        try (var it = timers.all()) {
            it.forEachRemaining(kv -> assertThat(kv.key).doesNotContain("d-1"));
        }
    }

    private void complete(TestRecord<String, byte[]> command) {
        Headers h = new RecordHeaders(command.headers().toArray());
        ProtocolHeaders.put(h, BatonHeaders.STATUS, "COMPLETED");
        t.replies.pipeInput(new TestRecord<>(command.key(), TopologyDriver.bytes("{}"), h));
    }

    /** The keys of an instance's timers in the timer store. */
    private List<String> timerKeys(String workflowId) {
        KeyValueStore<String, byte[]> timers = t.driver.getKeyValueStore(Topics.TIMER_STORE);
        List<String> keys = new ArrayList<>();
        try (var it = timers.all()) {
            it.forEachRemaining(kv -> {
                if (TimerKeys.workflowId(kv.key).equals(workflowId)) {
                    keys.add(kv.key);
                }
            });
        }
        return keys;
    }

    /** The keys an instance holds in the instance store (tasks, passes, chunks). */
    private List<String> entries(String workflowId) {
        KeyValueStore<String, byte[]> store = t.driver.getKeyValueStore(Topics.INSTANCE_STORE);
        List<String> keys = new ArrayList<>();
        try (var it = store.range(workflowId, workflowId + "\u0001")) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
