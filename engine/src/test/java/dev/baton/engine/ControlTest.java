package dev.baton.engine;

import static dev.baton.engine.effect.EventType.TASK_CANCELED;
import static dev.baton.engine.effect.EventType.TASK_COMPLETED;
import static dev.baton.engine.effect.EventType.TASK_FAILED;
import static dev.baton.engine.effect.EventType.TASK_RETRY_SCHEDULED;
import static dev.baton.engine.effect.EventType.TASK_SCHEDULED;
import static dev.baton.engine.effect.EventType.WORKFLOW_DELETED;
import static dev.baton.engine.effect.EventType.WORKFLOW_PAUSED;
import static dev.baton.engine.effect.EventType.WORKFLOW_RESUMED;
import static dev.baton.engine.effect.EventType.WORKFLOW_STARTED;
import static dev.baton.engine.effect.EventType.WORKFLOW_TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.process.WorkflowEngine;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator actions: pause, resume, terminate, and inputs that do not apply. */
class ControlTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask(Defs.taskDef("task_a", 2, "FIXED", 20));
        h.registerTask(Defs.taskDef("task_z", 2, "FIXED", 0));
        h.registerWorkflow(Defs.linear("ctl_wf", "task_a", "task_b"));
        h.registerWorkflow(Defs.linear("ctl_zero", "task_z", "task_b"));
    }

    @Test
    void pausedWorkflowRecordsRepliesButSchedulesNothingUntilResumed() {
        // given
        String wf = h.start("ctl_wf", "{}");

        // when
        h.pause(wf);

        // then
        h.assertThat(wf).hasStatus(WorkflowStatus.PAUSED).hasEventTypesEndingWith(WORKFLOW_PAUSED);
        assertThat(h.events(wf).get(2).status()).isEqualTo("PAUSED");
        assertThat(h.events(wf).get(2).reason()).isEqualTo("paused by test");

        // when: the running task completes while paused
        h.complete(wf, "t1", "{\"a\": 1}");

        // then: recorded, but t2 is not scheduled
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.PAUSED)
                .hasTaskStatuses("t1", TaskStatus.COMPLETED)
                .hasDispatchedRefs("t1")
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, WORKFLOW_PAUSED, TASK_COMPLETED);

        // when
        h.resume(wf);

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasDispatchedRefs("t1", "t2")
                .hasEventTypes(
                        WORKFLOW_STARTED,
                        TASK_SCHEDULED,
                        WORKFLOW_PAUSED,
                        TASK_COMPLETED,
                        WORKFLOW_RESUMED,
                        TASK_SCHEDULED)
                .hasGaplessSeq();
        h.complete(wf, "t2", "{}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
    }

    @Test
    void resumeWithNothingToDoOnlyRecordsTheResume() {
        String wf = h.start("ctl_wf", "{}");
        h.pause(wf);

        h.resume(wf);

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasDispatchedRefs("t1")
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, WORKFLOW_PAUSED, WORKFLOW_RESUMED);
    }

    @Test
    void retryTimerFiringWhilePausedWaitsForResume() {
        // given: a retry waits for its timer, then the workflow is paused
        String wf = h.start("ctl_wf", "{}");
        h.fail(wf, "t1", "boom");
        h.pause(wf);

        // when
        assertThat(h.fireDueTimers(Duration.ofSeconds(20))).isEqualTo(1);

        // then
        h.assertThat(wf).hasDispatchedRefs("t1").hasNoPendingTimers();
        assertThat(h.current(wf, "t1").awaitingDispatch).isTrue();

        // when
        h.resume(wf);

        // then
        h.assertThat(wf).hasDispatchedRefs("t1", "t1");
        assertThat(h.commands(wf).get(1).attempt()).isEqualTo(1);
        assertThat(h.current(wf, "t1").awaitingDispatch).isFalse();
    }

    @Test
    void resumeBeforeTheRetryTimerFiresDoesNotSendEarly() {
        String wf = h.start("ctl_wf", "{}");
        h.fail(wf, "t1", "boom");
        h.pause(wf);

        h.resume(wf);

        h.assertThat(wf).hasDispatchedRefs("t1").hasPendingTimerDueAt(EngineHarness.T0 + 20_000);
        h.fireDueTimers(Duration.ofSeconds(20));
        h.assertThat(wf).hasDispatchedRefs("t1", "t1");
    }

    /** "No new task scheduled while paused" holds for an immediate retry too. */
    @Test
    void immediateRetryOfAFailureWhilePausedWaitsForResume() {
        // given
        String wf = h.start("ctl_zero", "{}");
        h.pause(wf);

        // when
        h.fail(wf, "t1", "boom");

        // then: the failure is recorded, the next attempt is not sent
        h.assertThat(wf)
                .hasEventTypesEndingWith(TASK_FAILED, TASK_RETRY_SCHEDULED)
                .hasDispatchedRefs("t1");

        // when
        h.resume(wf);

        // then
        h.assertThat(wf).hasDispatchedRefs("t1", "t1");
    }

    @Test
    void terminateCancelsOpenTasks() {
        // given
        String wf = h.start("ctl_wf", "{}");
        h.advance(Duration.ofSeconds(1));

        // when
        h.terminate(wf, "customer cancelled");

        // then
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.TERMINATED)
                .hasReasonContaining("customer cancelled")
                .hasTaskStatuses("t1", TaskStatus.CANCELED)
                .hasEventTypes(WORKFLOW_STARTED, TASK_SCHEDULED, TASK_CANCELED, WORKFLOW_TERMINATED)
                .hasGaplessSeq();
        WorkflowInstance instance = h.instance(wf);
        assertThat(instance.endTime).isEqualTo(EngineHarness.T0 + 1_000);
        assertThat(instance.tasks.get(0).endTime).isEqualTo(EngineHarness.T0 + 1_000);
        Effect.HistoryEvent terminated = h.events(wf).get(3);
        assertThat(terminated.reason()).isEqualTo("customer cancelled");
        assertThat(terminated.status()).isEqualTo("TERMINATED");
    }

    @Test
    void terminateCancelsAWaitingRetryAndItsTimer() {
        // given
        String wf = h.start("ctl_wf", "{}");
        h.fail(wf, "t1", "boom");
        String timerId = "retry/" + h.current(wf, "t1").taskId;

        // when
        h.terminate(wf, "stop");

        // then
        assertThat(h.timersCancelled(wf)).containsExactly(new Effect.CancelTimer(timerId, EngineHarness.T0 + 20_000));
        h.assertThat(wf)
                .hasStatus(WorkflowStatus.TERMINATED)
                .hasTaskStatuses("t1", TaskStatus.FAILED, TaskStatus.CANCELED)
                .hasEventTypesEndingWith(TASK_CANCELED, WORKFLOW_TERMINATED)
                .hasNoPendingTimers();
        assertThat(h.current(wf, "t1").awaitingDispatch).isFalse();

        // when: the runtime fires the timer anyway (it raced the cancel)
        Transition late = h.fireTimer(wf, timerId);

        // then
        assertThat(late.effects()).isEmpty();
        h.assertThat(wf).hasDispatchedRefs("t1").hasStatus(WorkflowStatus.TERMINATED);
    }

    @Test
    void terminateAPausedWorkflow() {
        String wf = h.start("ctl_wf", "{}");
        h.pause(wf);

        h.terminate(wf, "stop");

        h.assertThat(wf).hasStatus(WorkflowStatus.TERMINATED).hasTaskStatuses("t1", TaskStatus.CANCELED);
    }

    /** As Conductor's terminate: a workflow that failed ends TERMINATED with the new reason. */
    @Test
    void terminateAFailedWorkflow() {
        String wf = h.start("ctl_wf", "{}");
        h.failTerminal(wf, "t1", "boom");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        h.advance(Duration.ofSeconds(5));

        h.terminate(wf, null);

        h.assertThat(wf).hasStatus(WorkflowStatus.TERMINATED).hasEventTypesEndingWith(WORKFLOW_TERMINATED);
        WorkflowInstance after = h.instance(wf);
        assertThat(after.reasonForIncompletion).isNull();
        assertThat(after.endTime).isEqualTo(h.now());
        expectRejected(wf, "terminate", w -> h.terminate(w, "again"));
    }

    /** Conductor's TaskResult may say CANCELED: the task ends so, not retried, and the workflow TERMINATED. */
    @Test
    void aWorkerCancelingItsTaskTerminatesTheWorkflow() {
        String wf = h.start("ctl_wf", "{}");
        String taskId = h.current(wf, "t1").taskId;

        h.reply(wf, "t1", EngineInput.ReplyStatus.CANCELED, "{\"x\":1}", null);

        h.assertThat(wf)
                .hasStatus(WorkflowStatus.TERMINATED)
                .hasTaskStatuses("t1", TaskStatus.CANCELED)
                .hasDispatchedRefs("t1")
                .hasEventTypesEndingWith(TASK_CANCELED, WORKFLOW_TERMINATED);
        WorkflowInstance after = h.instance(wf);
        assertThat(after.reasonForIncompletion)
                .isEqualTo("Task " + taskId + " failed with status: TERMINATED and reason: 'null'");
        assertThat(after.tasks).hasSize(1);
        assertThat(after.tasks.get(0).outputData.get("x").asInt()).isEqualTo(1);
    }

    /** As Conductor: only a RUNNING workflow's tasks can be skipped, and a skipped task gives no reason. */
    @Test
    void skipTaskAppliesToARunningWorkflowOnlyAndGivesNoReason() {
        String paused = h.start("ctl_wf", "{}");
        h.pause(paused);
        expectRejected(paused, "skip", wf -> h.apply(wf, new EngineInput.SkipTask("t2", null, null)));

        String running = h.start("ctl_wf", "{}");
        h.apply(running, new EngineInput.SkipTask("t2", null, null));

        h.assertThat(running).hasTaskStatuses("t2", TaskStatus.SKIPPED);
        assertThat(h.current(running, "t2").reasonForIncompletion).isNull();
    }

    /** As Conductor's RerunWorkflowRequest.correlationId: a rerun may give the workflow a new correlation id. */
    @Test
    void aRerunSetsTheCorrelationIdGiven() {
        String wf = h.start("ctl_wf", "{}", "first");
        h.terminate(wf, "stop");

        h.apply(wf, new EngineInput.Rerun(null, null, null));
        assertThat(h.instance(wf).correlationId).isEqualTo("first");
        h.terminate(wf, "stop");
        h.apply(wf, new EngineInput.Rerun(null, null, null, "second"));

        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING);
        assertThat(h.instance(wf).correlationId).isEqualTo("second");
    }

    @Test
    void inputsThatDoNotApplyAreRejectedAndChangeNothing() {
        String completed = h.start("ctl_wf", "{}");
        h.complete(completed, "t1", "{}");
        h.complete(completed, "t2", "{}");
        String running = h.start("ctl_wf", "{}");
        String paused = h.start("ctl_wf", "{}");
        h.pause(paused);
        String terminated = h.start("ctl_wf", "{}");
        h.terminate(terminated, "x");

        expectRejected(completed, "pause", h::pause);
        expectRejected(completed, "resume", h::resume);
        expectRejected(completed, "terminate", wf -> h.terminate(wf, "again"));
        expectRejected(running, "resume", h::resume);
        expectRejected(paused, "pause", h::pause);
        expectRejected(terminated, "terminate", wf -> h.terminate(wf, "again"));
        expectRejected(terminated, "pause", h::pause);
        WorkflowDef def = h.definitions().workflow("ctl_wf", null).orElseThrow();
        expectRejected(
                running,
                "already exists",
                wf -> h.apply(wf, new EngineInput.Start(wf, def, EngineHarness.object("{}"), null, null, null)));
    }

    private void expectRejected(String wf, String what, Consumer<String> action) {
        String before = h.instanceJson(wf);
        int effectsBefore = h.effects(wf).size();
        assertThatThrownBy(() -> action.accept(wf)).as(what).isInstanceOf(RejectedInputException.class);
        assertThat(h.instanceJson(wf)).isEqualTo(before);
        assertThat(h.effects(wf)).hasSize(effectsBefore);
    }

    @Test
    void inputForAnUnregisteredDefinitionIsRejected() {
        // given: an instance whose definition the engine cannot find
        WorkflowDef def = h.definitions().workflow("ctl_wf", null).orElseThrow();
        WorkflowInstance orphan = h.engine()
                .start(new EngineInput.Start("wf-orphan", def, null, null, null, null), EngineHarness.T0)
                .instance();
        orphan.workflowVersion = 9;

        // when / then
        assertThatThrownBy(() -> h.engine().apply(orphan, new EngineInput.Pause("p"), EngineHarness.T0))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("ctl_wf")
                .hasMessageContaining("9");
    }

    /** {@link RejectedInputException}: "Nothing changed" — the instance handed in must be left as it was. */
    @Test
    void rejectedInputLeavesTheCallersInstanceUntouched() {
        // given
        String wf = h.start("ctl_wf", "{}");
        h.complete(wf, "t1", "{}");
        h.complete(wf, "t2", "{}");
        WorkflowInstance instance = h.instance(wf);
        String before = EngineHarness.toJson(instance);

        // when
        assertThatThrownBy(() -> h.engine().apply(instance, new EngineInput.Pause("late"), EngineHarness.T0 + 60_000))
                .isInstanceOf(RejectedInputException.class);

        // then
        assertThat(EngineHarness.toJson(instance)).isEqualTo(before);
    }

    /** TimerProcessor: an unknown (cancelled or already fired) timer changes nothing. */
    @Test
    void unknownTimerLeavesTheInstanceUntouched() {
        // given
        String wf = h.start("ctl_wf", "{}");
        WorkflowInstance instance = h.instance(wf);
        String before = EngineHarness.toJson(instance);

        // when
        Transition t =
                h.engine().apply(instance, new EngineInput.TimerFired("retry/nothing"), EngineHarness.T0 + 60_000);

        // then
        assertThat(t.effects()).isEmpty();
        assertThat(EngineHarness.toJson(t.instance())).isEqualTo(before);
    }

    /** DELETE: in any status and without its definition, one WORKFLOW_DELETED event (next seq, the status it had), then removal. */
    @Test
    void deleteRecordsWorkflowDeletedThenRemovesTheInstanceWhateverItsStatusOrDefinition() {
        // given: a running instance whose definition is no longer known to the engine
        String wf = h.start("ctl_wf", "{}");
        WorkflowInstance instance = h.instance(wf);
        long seq = instance.seq;
        WorkflowEngine forgetful = new WorkflowEngine(new InMemoryDefinitions());

        // when
        Transition t = forgetful.apply(instance, new EngineInput.Delete("cleanup"), EngineHarness.T0 + 5_000);

        // then
        assertThat(t.effects()).hasSize(2);
        assertThat(t.effects().get(0)).isInstanceOfSatisfying(Effect.HistoryEvent.class, e -> {
            assertThat(e.type()).isEqualTo(WORKFLOW_DELETED);
            assertThat(e.seq()).isEqualTo(seq + 1);
            assertThat(e.status()).isEqualTo("RUNNING");
            assertThat(e.reason()).isEqualTo("cleanup");
            assertThat(e.timestamp()).isEqualTo(EngineHarness.T0 + 5_000);
        });
        assertThat(t.effects().get(1)).isInstanceOf(Effect.RemoveInstance.class);
        assertThat(t.instance().seq).isEqualTo(seq + 1);
    }

    @Test
    void aFinishedInstanceCanBeDeletedToo() {
        String wf = h.start("ctl_wf", "{}");
        h.terminate(wf, "done with it");
        Transition t = h.engine().apply(h.instance(wf), new EngineInput.Delete(null), EngineHarness.T0 + 1_000);
        assertThat(t.effects())
                .first()
                .isInstanceOfSatisfying(
                        Effect.HistoryEvent.class, e -> assertThat(e.status()).isEqualTo("TERMINATED"));
        assertThat(t.effects()).last().isInstanceOf(Effect.RemoveInstance.class);
    }
}
