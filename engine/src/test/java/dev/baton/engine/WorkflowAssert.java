package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.process.WorkflowEngine;
import java.util.List;
import java.util.stream.LongStream;

/** Fluent checks on one workflow recorded by an {@link EngineHarness}. */
public final class WorkflowAssert {
    private final EngineHarness harness;
    private final String workflowId;

    WorkflowAssert(EngineHarness harness, String workflowId) {
        this.harness = harness;
        this.workflowId = workflowId;
    }

    private WorkflowInstance wf() {
        return harness.instance(workflowId);
    }

    public WorkflowAssert hasStatus(WorkflowStatus expected) {
        assertThat(wf().status).as("status of %s", workflowId).isEqualTo(expected);
        return this;
    }

    public WorkflowAssert hasReasonContaining(String text) {
        assertThat(wf().reasonForIncompletion).as("reasonForIncompletion").contains(text);
        return this;
    }

    public WorkflowAssert hasOutput(String json) {
        assertThat((JsonNode) wf().output).as("workflow output").isEqualTo(EngineHarness.object(json));
        return this;
    }

    /** The history event types, all of them, in order. */
    public WorkflowAssert hasEventTypes(EventType... expected) {
        assertThat(eventTypes()).as("history of %s", workflowId).containsExactly(expected);
        return this;
    }

    /** The last history event types, in order. */
    public WorkflowAssert hasEventTypesEndingWith(EventType... expected) {
        assertThat(eventTypes()).as("history of %s", workflowId).endsWith(expected);
        return this;
    }

    /** Events are numbered 1..n without gaps, and the instance's {@code seq} is n. */
    public WorkflowAssert hasGaplessSeq() {
        List<Effect.HistoryEvent> events = harness.events(workflowId);
        assertThat(events.stream().mapToLong(Effect.HistoryEvent::seq).boxed().toList())
                .as("event seq numbers")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(wf().seq).as("instance seq").isEqualTo(events.size());
        return this;
    }

    /** The task references of every dispatched command, in order. */
    public WorkflowAssert hasDispatchedRefs(String... refs) {
        assertThat(harness.commands(workflowId).stream()
                        .map(EngineHarness.Command::taskRef)
                        .toList())
                .as("dispatched task refs")
                .containsExactly(refs);
        return this;
    }

    public WorkflowAssert hasDispatchedCount(int n) {
        assertThat(harness.commands(workflowId)).as("dispatched commands").hasSize(n);
        return this;
    }

    /** The statuses of every execution (attempt) of a task reference, oldest first. */
    public WorkflowAssert hasTaskStatuses(String ref, TaskStatus... statuses) {
        assertThat(attempts(ref).stream().map(t -> t.status).toList())
                .as("statuses of %s", ref)
                .containsExactly(statuses);
        return this;
    }

    public WorkflowAssert hasTaskCount(int n) {
        assertThat(wf().tasks).as("task list").hasSize(n);
        return this;
    }

    /** No timer of its own is pending (a finished instance's retention timer aside: that one is kept until it fires). */
    public WorkflowAssert hasNoPendingTimers() {
        assertThat(wf().timers).as("instance timers").isEmpty();
        assertThat(harness.pendingTimers().stream()
                        .filter(p -> p.workflowId().equals(workflowId))
                        .filter(p -> !p.timerId().equals(WorkflowEngine.RETENTION_TIMER)))
                .as("timers the runtime would hold")
                .isEmpty();
        return this;
    }

    public WorkflowAssert hasPendingTimerDueAt(long dueAt) {
        assertThat(wf().timers.values()).as("instance timers").containsExactly(dueAt);
        return this;
    }

    public List<EventType> eventTypes() {
        return harness.events(workflowId).stream()
                .map(Effect.HistoryEvent::type)
                .toList();
    }

    public List<TaskState> attempts(String ref) {
        return wf().tasks.stream().filter(t -> t.referenceTaskName.equals(ref)).toList();
    }
}
