package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;

/**
 * Step SLAs (bridge): a step with {@code expectedDurationSeconds} arms a timer when scheduled;
 * if it is still running when the timer fires, an SLA_BREACHED event is recorded. The flow itself
 * is not touched — Baton only reports.
 */
final class Slas {
    static final String TIMER = "sla/";

    private Slas() {}

    static void arm(Step s, WorkflowTask wt, TaskState t) {
        Integer seconds = wt.expectedDurationSeconds();
        if (seconds != null && seconds > 0) {
            s.setTimer(TIMER + t.taskId, s.now + seconds * 1000L);
        }
    }

    static void breached(Step s, TaskState t) {
        if (t.status.isTerminal() || s.wf.isTerminal()) {
            return;
        }
        WorkflowTask wt = s.workflowTask(t);
        t.slaBreached = true;
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("expectedDurationSeconds", wt == null ? null : wt.expectedDurationSeconds());
        details.put("elapsedMillis", s.now - t.scheduledTime);
        s.event(
                EventType.SLA_BREACHED,
                t,
                details,
                "step " + t.referenceTaskName + " is running longer than its "
                        + (wt == null ? "" : wt.expectedDurationSeconds() + " s ") + "SLA");
    }
}
