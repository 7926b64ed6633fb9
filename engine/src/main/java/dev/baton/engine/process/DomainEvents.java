package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.PendingEvent;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain events correlated to an instance by the bridge. An event ends its step (observed or
 * commanded) when the step is waiting; waits in the instance when the step is not reached yet
 * (events overtake each other); and is recorded and ignored when the step already ended (a
 * duplicate) or the workflow is over.
 */
final class DomainEvents {
    /** At most this many early events wait in one instance; more are ignored (recorded). */
    static final int MAX_PENDING = 100;

    private DomainEvents() {}

    static void process(Step s, EngineInput.DomainEvent e) {
        if (s.wf.isTerminal()) {
            ignored(s, e, "workflow is already " + s.wf.status);
            return;
        }
        if (e.taskRef() == null) {
            ignored(s, e, "the event names no step (a start event for an instance that already exists)");
            return;
        }
        TaskState t = s.wf.latest(e.taskRef()).orElse(null);
        if (t == null) {
            if (s.graph.node(e.taskRef()) == null) {
                ignored(s, e, "the workflow has no step " + e.taskRef());
                return;
            }
            buffer(s, e);
            return;
        }
        if (t.status.isTerminal()) {
            ignored(s, e, "step " + e.taskRef() + " already ended " + t.status + " (duplicate or late event)");
            return;
        }
        apply(s, t, e);
    }

    /** Applies the early events whose steps are now waiting; called after every step of the engine. */
    static void drain(Step s) {
        boolean applied = true;
        while (applied
                && s.wf.pendingEvents != null
                && !s.wf.pendingEvents.isEmpty()
                && !s.wf.isTerminal()
                && s.wf.status == WorkflowStatus.RUNNING) {
            applied = false;
            for (PendingEvent p : List.copyOf(s.wf.pendingEvents)) {
                TaskState t = s.wf.latest(p.taskRef()).orElse(null);
                if (t != null && !t.status.isTerminal()) {
                    s.wf.pendingEvents.remove(p);
                    apply(
                            s,
                            t,
                            new EngineInput.DomainEvent(
                                    p.eventId(),
                                    p.source(),
                                    p.taskRef(),
                                    EngineInput.ReplyStatus.valueOf(p.status()),
                                    p.payload(),
                                    p.reason()));
                    Decider.decide(s);
                    applied = true;
                    break;
                }
            }
        }
        if (s.wf.pendingEvents != null && s.wf.pendingEvents.isEmpty()) {
            s.wf.pendingEvents = null;
        }
    }

    private static void apply(Step s, TaskState t, EngineInput.DomainEvent e) {
        s.event(EventType.EVENT_RECEIVED, t, e.payload(), "event " + e.eventId() + " from " + e.source());
        s.cancelTimer(Waits.TIMER + t.taskId);
        ObjectNode output = e.payload() == null
                ? JsonNodeFactory.instance.objectNode()
                : e.payload().deepCopy();
        if (e.status() == EngineInput.ReplyStatus.COMPLETED) {
            Decider.finishTask(s, t, TaskStatus.COMPLETED, output, null);
        } else if (e.status() == EngineInput.ReplyStatus.IN_PROGRESS) {
            t.outputData = output;
            return;
        } else {
            Decider.finishTask(
                    s,
                    t,
                    e.status() == EngineInput.ReplyStatus.FAILED
                            ? TaskStatus.FAILED
                            : TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    output,
                    e.reason() == null ? "failed by event " + e.source() : e.reason());
            TaskResultProcessor.afterFailure(s, t);
        }
    }

    private static void buffer(Step s, EngineInput.DomainEvent e) {
        if (s.wf.pendingEvents == null) {
            s.wf.pendingEvents = new ArrayList<>();
        }
        if (s.wf.pendingEvents.stream()
                .anyMatch(p -> p.eventId() != null && p.eventId().equals(e.eventId()))) {
            ignored(s, e, "event " + e.eventId() + " is already waiting for step " + e.taskRef());
            return;
        }
        if (s.wf.pendingEvents.size() >= MAX_PENDING) {
            ignored(s, e, "too many early events (" + MAX_PENDING + ") are waiting in this instance");
            return;
        }
        s.wf.pendingEvents.add(new PendingEvent(
                e.eventId(), e.source(), e.taskRef(), e.status().name(), e.payload(), e.reason(), s.now));
        s.event(
                EventType.EVENT_BUFFERED,
                null,
                e.payload(),
                "event " + e.eventId() + " from " + e.source() + " waits for step " + e.taskRef());
    }

    private static void ignored(Step s, EngineInput.DomainEvent e, String why) {
        s.event(
                EventType.REPLY_IGNORED,
                s.wf.latest(e.taskRef()).orElse(null),
                e.payload(),
                "event " + e.eventId() + " from " + e.source() + " ignored: " + why);
    }
}
