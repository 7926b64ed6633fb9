package dev.baton.engine;

import static dev.baton.engine.effect.EventType.REPLY_IGNORED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies that no longer apply are recorded as REPLY_IGNORED and change nothing else. */
class StaleReplyTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask(Defs.taskDef("task_a", 2, "FIXED", 30));
        h.registerWorkflow(Defs.linear("stale_wf", "task_a", "task_b"));
    }

    /** The instance as JSON without the fields every step may move (seq, updateTime). */
    private ObjectNode stateOf(String wf) {
        ObjectNode n = EngineHarness.object(h.instanceJson(wf));
        n.remove("seq");
        n.remove("updateTime");
        return n;
    }

    /** Applies a stale reply and checks it only added one REPLY_IGNORED event; returns that event. */
    private Effect.HistoryEvent expectIgnored(String wf, Runnable reply) {
        ObjectNode before = stateOf(wf);
        long seqBefore = h.instance(wf).seq;
        int dispatchedBefore = h.commands(wf).size();

        reply.run();

        assertThat(h.lastEffects()).hasSize(1);
        Effect.HistoryEvent e = (Effect.HistoryEvent) h.lastEffects().get(0);
        assertThat(e.type()).isEqualTo(REPLY_IGNORED);
        assertThat(e.seq()).isEqualTo(seqBefore + 1);
        assertThat(stateOf(wf)).as("state apart from seq/updateTime").isEqualTo(before);
        assertThat(h.commands(wf)).hasSize(dispatchedBefore);
        h.assertThat(wf).hasGaplessSeq();
        return e;
    }

    @Test
    void replyForAnUnknownTaskIdIsIgnored() {
        String wf = h.start("stale_wf", "{}");

        Effect.HistoryEvent e =
                expectIgnored(wf, () -> h.replyTo(wf, "no-such-task", 0, ReplyStatus.COMPLETED, "{}", null));

        assertThat(e.taskId()).isNull();
        assertThat(e.reason()).contains("no-such-task");
        assertThat(e.payload().get("replyStatus").asText()).isEqualTo("COMPLETED");
        assertThat(e.payload().get("replyAttempt").asInt()).isZero();
        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("t1", TaskStatus.SCHEDULED);
    }

    @Test
    void replyForAnOldAttemptIsIgnored() {
        // given: attempt 0 failed, attempt 1 dispatched
        String wf = h.start("stale_wf", "{}");
        TaskState first = h.current(wf, "t1");
        h.fail(wf, "t1", "boom");
        h.fireDueTimers(Duration.ofSeconds(30));
        TaskState second = h.current(wf, "t1");
        assertThat(second.retryCount).isEqualTo(1);

        // when: a late reply for attempt 0 arrives (old task id)
        Effect.HistoryEvent e = expectIgnored(
                wf, () -> h.replyTo(wf, first.taskId, 0, ReplyStatus.COMPLETED, "{\"late\": true}", null));

        // then
        assertThat(e.taskId()).isEqualTo(first.taskId);
        assertThat(e.attempt()).isZero();
        assertThat(e.reason()).contains("FAILED");
        h.assertThat(wf).hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.SCHEDULED);

        // when: a reply names the current task but an older attempt number
        Effect.HistoryEvent e2 =
                expectIgnored(wf, () -> h.replyTo(wf, second.taskId, 0, ReplyStatus.COMPLETED, "{}", null));

        // then
        assertThat(e2.reason()).contains("attempt 0").contains("attempt 1");
        assertThat(e2.payload().get("replyAttempt").asInt()).isZero();
    }

    @Test
    void duplicateReplyAfterCompletionIsIgnored() {
        // given
        String wf = h.start("stale_wf", "{}");
        TaskState t1 = h.current(wf, "t1");
        h.complete(wf, "t1", "{\"v\": 1}");

        // when: the same reply again, then a contradicting one
        expectIgnored(wf, () -> h.replyTo(wf, t1.taskId, 0, ReplyStatus.COMPLETED, "{\"v\": 1}", null));
        Effect.HistoryEvent e =
                expectIgnored(wf, () -> h.replyTo(wf, t1.taskId, 0, ReplyStatus.FAILED, "{}", "too late"));

        // then: t2 was dispatched once; t1 keeps its first output
        assertThat(e.reason()).contains("COMPLETED");
        assertThat(e.payload().get("replyStatus").asText()).isEqualTo("FAILED");
        h.assertThat(wf).hasDispatchedRefs("t1", "t2").hasTaskStatuses("t1", TaskStatus.COMPLETED);
        assertThat(h.current(wf, "t1").outputData.get("v").asInt()).isEqualTo(1);
    }

    @Test
    void replyWhileTheRetryWaitsForItsTimerIsIgnored() {
        // given
        String wf = h.start("stale_wf", "{}");
        h.fail(wf, "t1", "boom");
        TaskState waiting = h.current(wf, "t1");
        assertThat(waiting.awaitingDispatch).isTrue();

        // when: a reply for the attempt that has not been sent yet
        Effect.HistoryEvent e =
                expectIgnored(wf, () -> h.replyTo(wf, waiting.taskId, 1, ReplyStatus.COMPLETED, "{}", null));

        // then
        assertThat(e.reason()).contains("not dispatched");
        h.assertThat(wf).hasPendingTimerDueAt(EngineHarness.T0 + 30_000);

        // when: the timer fires, the attempt goes out and its reply counts
        h.fireDueTimers(Duration.ofSeconds(30));
        h.complete(wf, "t1", "{}");

        // then
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.COMPLETED)
                .hasDispatchedRefs("t1", "t1", "t2");
    }

    @Test
    void replyAfterTheWorkflowEndedIsIgnored() {
        // given
        String wf = h.start("stale_wf", "{}");
        TaskState t1 = h.current(wf, "t1");
        h.terminate(wf, "operator");

        // when
        Effect.HistoryEvent e = expectIgnored(wf, () -> h.replyTo(wf, t1.taskId, 0, ReplyStatus.COMPLETED, "{}", null));

        // then
        assertThat(e.reason()).contains("CANCELED");
        h.assertThat(wf).hasStatus(WorkflowStatus.TERMINATED).hasTaskStatuses("t1", TaskStatus.CANCELED);
    }

    @Test
    void replyWithoutAttemptNumberIsMatchedByTaskId() {
        // given
        String wf = h.start("stale_wf", "{}");
        TaskState t1 = h.current(wf, "t1");

        // when
        h.replyTo(wf, t1.taskId, null, ReplyStatus.COMPLETED, "{}", null);

        // then
        h.assertThat(wf).hasTaskStatuses("t1", TaskStatus.COMPLETED).hasDispatchedRefs("t1", "t2");
    }
}
