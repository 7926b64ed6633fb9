package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A due timer whose step fails goes where a failed record goes (baton.dlq); the stream goes on with other workflows. */
class TimerFailureTopologyTest {
    private static final String WAITING = "{\"name\":\"waiting\",\"version\":1,\"tasks\":["
            + "{\"name\":\"pause\",\"taskReferenceName\":\"w\",\"type\":\"WAIT\",\"inputParameters\":{\"duration\":\"2s\"}},"
            + "{\"name\":\"after\",\"taskReferenceName\":\"a\"}]}";
    private static final String ONE =
            "{\"name\":\"one\",\"version\":1,\"tasks\":[{\"name\":\"after\",\"taskReferenceName\":\"a\"}]}";

    private TopologyDriver t;
    private TestOutputTopic<String, byte[]> dlq;
    private TestOutputTopic<String, byte[]> after;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        dlq = t.output(Topics.DLQ);
        after = t.output("after.commands");
        t.define("workflow:waiting:1", WAITING);
        t.define("workflow:one:1", ONE);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /**
     * Moves the clock past the 2 s waits, then on by a few timer intervals: a scan fires due timers for
     * at most half an interval of real time and leaves the rest to the next one (a cold JVM's first
     * dead letter can take that long).
     */
    private void timersDue() {
        t.driver.advanceWallClockTime(Duration.ofMillis(2_500));
        for (int i = 0; i < 5; i++) {
            t.driver.advanceWallClockTime(Duration.ofMillis(100));
        }
    }

    @Test
    void aTimerWhoseStepFailsIsDeadLetteredAndOtherWorkflowsGoOn() {
        // given: two workflows waiting 2 s; one's stored instance is unreadable
        t.start("bad-1", "waiting", "{}");
        t.start("good-1", "waiting", "{}");
        KeyValueStore<String, byte[]> headers = t.driver.getKeyValueStore(Topics.WORKFLOW_STORE);
        headers.put("bad-1", TopologyDriver.bytes("not an instance"));

        // when: their timers are due
        timersDue();

        // then: the failing timer is on the DLQ with its reason; the other workflow went on
        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(TimerKeys.workflowId(r.key())).isEqualTo("bad-1");
            assertThat(ProtocolHeaders.get(r.headers(), DeadLetters.SOURCE_TOPIC))
                    .isEqualTo("baton-timers");
            assertThat(ProtocolHeaders.get(r.headers(), DeadLetters.REASON)).startsWith("unexpected error: ");
            assertThat(ProtocolHeaders.get(r.headers(), DeadLetters.EXCEPTION)).isNotBlank();
        });
        assertThat(after.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good-1");

        // and: the stream still processes records
        t.start("next-1", "one", "{}");
        assertThat(after.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("next-1");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void aTimerThatCannotBeAppliedIsDeadLetteredWithTheReasonNotSkipped() {
        // given: a waiting workflow whose definition is deleted before its timer is due
        t.start("gone-1", "waiting", "{}");
        t.definitions.pipeInput("workflow:waiting:1", (byte[]) null);

        // when
        timersDue();

        // then
        assertThat(dlq.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(TimerKeys.workflowId(r.key())).isEqualTo("gone-1");
            assertThat(ProtocolHeaders.get(r.headers(), DeadLetters.REASON))
                    .isEqualTo("definition waiting v1 is not registered");
        });
        assertThat(after.isEmpty()).isTrue();
        t.start("next-2", "one", "{}");
        assertThat(after.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("next-2");
    }

    @Test
    void aMalformedTimerKeyIsDeadLetteredAndTheNextDueTimerStillFires() {
        // given: a key not of the timer store's form, due before a workflow's real timer
        t.start("good-2", "waiting", "{}");
        t.driver.getKeyValueStore(Topics.TIMER_STORE).put("0000000000001|no-workflow", new byte[0]);

        // when
        timersDue();

        // then
        assertThat(dlq.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("0000000000001|no-workflow");
            assertThat(ProtocolHeaders.get(r.headers(), DeadLetters.REASON)).startsWith("unexpected error: ");
        });
        assertThat(after.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good-2");
        assertThat(t.driver.getKeyValueStore(Topics.TIMER_STORE).get("0000000000001|no-workflow"))
                .as("not fired again")
                .isNull();
    }
}
