package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Worker logs stay with their task: from a reply, or on their own, bounded, even after the task ended. */
class TaskLogTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask(Defs.taskDef("task_a", 1, "FIXED", 0));
        h.registerWorkflow(Defs.linear("log_wf", "task_a"));
    }

    @Test
    void logsOfAReplyAreKeptWithTheTask() {
        String wf = h.start("log_wf", "{}");
        TaskState t = h.current(wf, "t1");

        h.apply(
                wf,
                new EngineInput.TaskResult(
                        t.taskId,
                        0,
                        ReplyStatus.COMPLETED,
                        JsonNodeFactory.instance.objectNode().put("ok", true),
                        null,
                        null,
                        List.of(new TaskLog("started", 10), new TaskLog("done", 20))));

        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(h.current(wf, "t1").logs).containsExactly(new TaskLog("started", 10), new TaskLog("done", 20));
    }

    @Test
    void logsOnTheirOwnAreStoredWithoutEffectsEvenAfterTheTaskEnded() {
        String wf = h.start("log_wf", "{}");
        TaskState t = h.current(wf, "t1");
        h.complete(wf, "t1", "{}");
        long seq = h.instance(wf).seq;

        Transition tr = h.apply(wf, new EngineInput.TaskLogs(t.taskId, List.of(new TaskLog("late line", 30))));

        assertThat(tr.effects()).isEmpty();
        assertThat(tr.changed()).isTrue();
        assertThat(h.instance(wf).seq).isEqualTo(seq);
        assertThat(h.current(wf, "t1").logs).containsExactly(new TaskLog("late line", 30));
        assertThat(h.current(wf, "t1").status).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void logsForAnUnknownTaskAreRecordedAsIgnored() {
        String wf = h.start("log_wf", "{}");

        Transition tr = h.apply(wf, new EngineInput.TaskLogs("no-such-task", List.of(new TaskLog("x", 1))));

        assertThat(tr.effects()).singleElement().isInstanceOfSatisfying(Effect.HistoryEvent.class, e -> {
            assertThat(e.type()).isEqualTo(EventType.REPLY_IGNORED);
            assertThat(e.reason()).contains("no-such-task");
        });
    }

    @Test
    void logsAreBoundedToTheNewestLinesAndTruncated() {
        String wf = h.start("log_wf", "{}");
        TaskState t = h.current(wf, "t1");
        List<TaskLog> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(new TaskLog("line " + i, i));
        }
        h.apply(wf, new EngineInput.TaskLogs(t.taskId, lines));
        h.apply(wf, new EngineInput.TaskLogs(t.taskId, List.of(new TaskLog("x".repeat(5_000), 999))));

        List<TaskLog> kept = h.current(wf, "t1").logs;
        assertThat(kept).hasSize(100);
        assertThat(kept.get(0).log()).isEqualTo("line 51");
        assertThat(kept.get(99).log()).hasSize(2_000);
    }

    @Test
    void aPollMarksTheTaskInProgress() {
        String wf = h.start("log_wf", "{}");
        TaskState t = h.current(wf, "t1");

        Transition tr = h.apply(wf, new EngineInput.TaskPolled(t.taskId));

        assertThat(h.current(wf, "t1").status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(h.current(wf, "t1").pollCount).isEqualTo(1);
        assertThat(tr.effects())
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                Effect.HistoryEvent.class,
                                h2 -> assertThat(h2.type()).isEqualTo(EventType.TASK_STARTED)));
    }
}
