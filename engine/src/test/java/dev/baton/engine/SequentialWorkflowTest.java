package dev.baton.engine;

import static dev.baton.engine.EngineHarness.object;
import static dev.baton.engine.effect.EventType.TASK_COMPLETED;
import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.TASK_STARTED;
import static dev.baton.engine.effect.EventType.WORKFLOW_COMPLETED;
import static dev.baton.engine.effect.EventType.WORKFLOW_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.EngineHarness.Command;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workflow of SIMPLE tasks that all succeed. */
class SequentialWorkflowTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerWorkflow(Defs.WIRED);
    }

    @Test
    void startDispatchesOnlyTheFirstTaskWithItsInputResolved() {
        // when
        String wf = h.start("wired_wf", "{\"param1\": \"p1 value\", \"param2\": \"p2 value\"}");

        // then
        List<Command> commands = h.commands(wf);
        assertThat(commands).hasSize(1);
        Command c = commands.get(0);
        assertThat(c.topic()).isEqualTo("task_a.commands");
        assertThat(c.taskRef()).isEqualTo("t1");
        assertThat(c.taskType()).isEqualTo("task_a");
        assertThat(c.attempt()).isZero();
        assertThat((JsonNode) c.input()).isEqualTo(object("""
                {"p1": "p1 value", "p2": "p2 value", "p3": "%s", "someNullKey": null}""".formatted(c.taskId())));
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED)
                .hasTaskStatuses("t1", TaskStatus.SCHEDULED)
                .hasGaplessSeq();
    }

    @Test
    void happyPathRunsTasksInOrderWiresOutputsAndCompletes() {
        // given
        String wf = h.start("wired_wf", "{\"param1\": \"p1 value\", \"param2\": \"p2 value\"}");

        // when
        h.complete(wf, "t1", "{\"op\": \"task1.done\", \"count\": 3}");

        // then: t2 receives t1's output, typed where the value is a single expression
        Command second = h.commands(wf).get(1);
        assertThat(second.topic()).isEqualTo("task_b.commands");
        assertThat(second.taskRef()).isEqualTo("t2");
        assertThat((JsonNode) second.input()).isEqualTo(object("""
                {"tp1": "p1 value", "tp2": "task1.done", "tp3": "%s", "count": 3,
                 "label": "order p1 value has 3 items"}""".formatted(second.taskId())));
        assertThat(second.input().get("count").isInt()).isTrue();
        assertThat(second.taskId()).isNotEqualTo(h.commands(wf).get(0).taskId());

        // when
        h.complete(wf, "t2", "{\"uuid\": \"u-42\"}");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasOutput("{\"o1\": \"p1 value\", \"o2\": \"u-42\", \"o3\": \"task1.done\"}")
                .hasDispatchedRefs("t1", "t2")
                .hasTaskStatuses("t1", TaskStatus.COMPLETED)
                .hasTaskStatuses("t2", TaskStatus.COMPLETED)
                .hasEventTypes(
                        WORKFLOW_STARTED,
                        TASK_SCHEDULED,
                        TASK_COMPLETED,
                        TASK_SCHEDULED,
                        TASK_COMPLETED,
                        WORKFLOW_COMPLETED)
                .hasGaplessSeq()
                .hasNoPendingTimers();
    }

    @Test
    void historyEventsDescribeTheTaskTheyAreAbout() {
        // given
        String wf = h.start("wired_wf", "{\"param1\": \"a\"}");
        String t1Id = h.current(wf, "t1").taskId;

        // when
        h.advance(Duration.ofSeconds(5));
        h.complete(wf, "t1", "{\"op\": \"x\"}");

        // then
        List<Effect.HistoryEvent> events = h.events(wf);
        Effect.HistoryEvent started = events.get(0);
        assertThat(started.taskId()).isNull();
        assertThat(started.status()).isEqualTo("RUNNING");
        assertThat((JsonNode) started.payload()).isEqualTo(object("{\"param1\": \"a\"}"));
        assertThat(started.timestamp()).isEqualTo(EngineHarness.T0);

        Effect.HistoryEvent scheduled = events.get(1);
        assertThat(scheduled.taskId()).isEqualTo(t1Id);
        assertThat(scheduled.taskRef()).isEqualTo("t1");
        assertThat(scheduled.taskType()).isEqualTo("task_a");
        assertThat(scheduled.attempt()).isZero();
        assertThat(scheduled.status()).isEqualTo("SCHEDULED");
        assertThat(scheduled.payload().get("p3").asText()).isEqualTo(t1Id);

        Effect.HistoryEvent completed = events.get(2);
        assertThat(completed.type()).isEqualTo(TASK_COMPLETED);
        assertThat(completed.taskId()).isEqualTo(t1Id);
        assertThat(completed.status()).isEqualTo("COMPLETED");
        assertThat((JsonNode) completed.payload()).isEqualTo(object("{\"op\": \"x\"}"));
        assertThat(completed.timestamp()).isEqualTo(EngineHarness.T0 + 5_000);
    }

    @Test
    void taskAndWorkflowTimesFollowTheClock() {
        // given
        String wf = h.start("wired_wf", "{}");
        h.advance(Duration.ofSeconds(2));
        h.complete(wf, "t1", "{}");
        h.advance(Duration.ofSeconds(3));

        // when
        h.complete(wf, "t2", "{}");

        // then
        var instance = h.instance(wf);
        assertThat(instance.startTime).isEqualTo(EngineHarness.T0);
        assertThat(instance.endTime).isEqualTo(EngineHarness.T0 + 5_000);
        assertThat(instance.updateTime).isEqualTo(EngineHarness.T0 + 5_000);
        TaskState t1 = instance.latest("t1").orElseThrow();
        assertThat(t1.scheduledTime).isEqualTo(EngineHarness.T0);
        assertThat(t1.endTime).isEqualTo(EngineHarness.T0 + 2_000);
        TaskState t2 = instance.latest("t2").orElseThrow();
        assertThat(t2.scheduledTime).isEqualTo(EngineHarness.T0 + 2_000);
        assertThat(t2.endTime).isEqualTo(EngineHarness.T0 + 5_000);
    }

    @Test
    void withoutOutputParametersTheWorkflowOutputsTheLastTaskOutput() {
        // given
        h.registerWorkflow(Defs.linear("plain_wf", "task_a", "task_b"));
        String wf = h.start("plain_wf", "{\"x\": 1}");
        h.complete(wf, "t1", "{\"first\": true}");

        // when
        h.complete(wf, "t2", "{\"last\": [1, 2], \"nested\": {\"k\": \"v\"}}");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasOutput("{\"last\": [1, 2], \"nested\": {\"k\": \"v\"}}");
    }

    @Test
    void emptyOutputParametersAlsoOutputTheLastTaskOutput() {
        // given
        h.registerWorkflow("""
                {"name": "empty_out", "tasks": [{"name": "task_a", "taskReferenceName": "t1"}],
                 "outputParameters": {}}
                """);
        String wf = h.start("empty_out", "{}");

        // when
        h.complete(wf, "t1", "{\"r\": 7}");

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{\"r\": 7}");
    }

    @Test
    void commandTopicComesFromTheTaskDefinition() {
        // given
        h.registerTask("{\"name\": \"task_a\", \"commandTopic\": \"payments.in\"}");

        // when
        String wf = h.start("wired_wf", "{}");

        // then
        assertThat(h.commands(wf).get(0).topic()).isEqualTo("payments.in");
    }

    @Test
    void workflowFieldsAreAvailableToExpressions() {
        // given
        h.registerWorkflow("""
                {"name": "ctx_wf", "version": 3, "tasks": [{"name": "task_a", "taskReferenceName": "t1",
                  "inputParameters": {"id": "${workflow.workflowId}", "corr": "${workflow.correlationId}",
                                      "type": "${workflow.workflowType}", "version": "${workflow.version}",
                                      "status": "${workflow.status}"}}]}
                """);

        // when
        String wf = h.start("ctx_wf", "{}", "order-17");

        // then
        assertThat((JsonNode) h.commands(wf).get(0).input()).isEqualTo(object("""
                {"id": "%s", "corr": "order-17", "type": "ctx_wf", "version": 3, "status": "RUNNING"}
                """.formatted(wf)));
        assertThat(h.instance(wf).workflowVersion).isEqualTo(3);
        assertThat(h.instance(wf).correlationId).isEqualTo("order-17");
    }

    @Test
    void inProgressMarksTheTaskStartedOnce() {
        // given
        String wf = h.start("wired_wf", "{}");

        // when
        h.advance(Duration.ofSeconds(1));
        h.inProgress(wf, "t1");
        h.advance(Duration.ofSeconds(1));
        var second = h.inProgress(wf, "t1");

        // then: no new event or command; only the response-timeout clock starts again
        assertThat(second.effects())
                .allMatch(e -> e instanceof dev.baton.engine.effect.Effect.SetTimer
                        || e instanceof dev.baton.engine.effect.Effect.CancelTimer);
        // As in Conductor, an IN_PROGRESS reply leaves the task SCHEDULED, waiting for the next report.
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.SCHEDULED)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_STARTED)
                .hasDispatchedCount(1);
        assertThat(h.current(wf, "t1").startTime).isEqualTo(EngineHarness.T0 + 1_000);

        // when
        h.complete(wf, "t1", "{\"op\": 1}");

        // then
        h.assertThat(wf)
                .hasTaskStatuses("t1", TaskStatus.COMPLETED)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_STARTED, TASK_COMPLETED, TASK_SCHEDULED)
                .hasGaplessSeq();
    }

    @Test
    void aCompletedReplyWithoutOutputGivesAnEmptyObject() {
        // given
        h.registerWorkflow(Defs.linear("one", "task_a"));
        String wf = h.start("one", "{}");

        // when
        h.complete(wf, "t1", null);

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasOutput("{}");
    }
}
