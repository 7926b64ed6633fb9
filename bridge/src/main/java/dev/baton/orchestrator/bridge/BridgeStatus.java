package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.query.InstanceSearch;
import dev.baton.orchestrator.query.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's questions about a bridged flow: "where is booking X" (the instance its business
 * key names, with a timeline of its steps) and "how many are stuck at step S" (running instances
 * waiting there, and how many of them are past the step's SLA). Answered through {@link InstanceQueries}.
 */
public final class BridgeStatus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final InstanceQueries queries;

    public BridgeStatus(InstanceQueries queries) {
        this.queries = queries;
    }

    /** The instances of a workflow whose business key (correlation id) is {@code businessKey}: running first, then newest. */
    public List<WorkflowInstance> byBusinessKey(String workflowName, String businessKey) {
        List<WorkflowInstance> all =
                everything(new InstanceSearch(Set.of(workflowName), Set.of(), businessKey, null, null, null, 0, PAGE));
        all.sort(Comparator.comparing((WorkflowInstance w) -> w.status == WorkflowStatus.RUNNING ? 0 : 1)
                .thenComparing(Comparator.comparingLong((WorkflowInstance w) -> w.startTime)
                        .reversed()));
        return all;
    }

    /** "Where is booking X": the instance, its current step(s) and a timeline of every step. */
    public Optional<ObjectNode> where(String workflowName, String businessKey, long now) {
        List<WorkflowInstance> found = byBusinessKey(workflowName, businessKey);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkflowInstance wf = found.get(0);
        ObjectNode n = JSON.createObjectNode();
        n.put("workflowName", wf.workflowName);
        n.put("workflowVersion", wf.workflowVersion);
        n.put("businessKey", businessKey);
        n.put("workflowId", wf.workflowId);
        n.put("status", String.valueOf(wf.status));
        n.put("startTime", wf.startTime);
        n.put("endTime", wf.endTime);
        n.put("durationMs", (wf.endTime > 0 ? wf.endTime : now) - wf.startTime);
        n.put("reasonForIncompletion", wf.reasonForIncompletion);
        ArrayNode current = n.putArray("currentSteps");
        wf.tasks.stream().filter(t -> !t.status.isTerminal()).forEach(t -> current.add(t.referenceTaskName));
        ArrayNode timeline = n.putArray("timeline");
        for (TaskState t : wf.tasks) {
            ObjectNode step = timeline.addObject();
            step.put("taskRef", t.referenceTaskName);
            step.put("taskName", t.taskDefName);
            step.put("taskType", t.taskType);
            step.put("status", String.valueOf(t.status));
            step.put("scheduledTime", t.scheduledTime);
            step.put("startTime", t.startTime);
            step.put("endTime", t.endTime);
            step.put("durationMs", (t.status.isTerminal() ? t.endTime : now) - t.scheduledTime);
            step.put("running", !t.status.isTerminal());
            step.put("slaBreached", t.slaBreached);
            step.put("retryCount", t.retryCount);
        }
        n.put("pendingEvents", wf.pendingEvents == null ? 0 : wf.pendingEvents.size());
        ArrayNode others = n.putArray("otherInstances");
        found.stream().skip(1).forEach(o -> others.add(o.workflowId));
        return Optional.of(n);
    }

    /** Running instances waiting at {@code step} now; how many of them breached the step's SLA. */
    public ObjectNode stuck(String workflowName, String step) {
        List<WorkflowInstance> running = everything(new InstanceSearch(
                Set.of(workflowName), Set.of(WorkflowStatus.RUNNING), null, null, null, null, 0, PAGE));
        ArrayNode ids = JSON.createArrayNode();
        ArrayNode breachedIds = JSON.createArrayNode();
        for (WorkflowInstance wf : running) {
            Optional<TaskState> at = wf.latest(step).filter(t -> !t.status.isTerminal());
            if (at.isPresent()) {
                ids.add(wf.workflowId);
                if (at.get().slaBreached) {
                    breachedIds.add(wf.workflowId);
                }
            }
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("workflowName", workflowName);
        n.put("step", step);
        n.put("count", ids.size());
        n.set("workflowIds", ids);
        n.put("slaBreached", breachedIds.size());
        n.set("slaBreachedWorkflowIds", breachedIds);
        return n;
    }

    private List<WorkflowInstance> everything(InstanceSearch first) {
        List<WorkflowInstance> all = new ArrayList<>();
        InstanceSearch page = first;
        while (true) {
            SearchResult r = queries.search(page);
            all.addAll(r.results());
            if (r.results().isEmpty() || all.size() >= r.totalHits()) {
                return all;
            }
            page = new InstanceSearch(
                    page.workflowTypes(),
                    page.statuses(),
                    page.correlationId(),
                    page.startedAfter(),
                    page.startedBefore(),
                    page.freeText(),
                    page.start() + r.results().size(),
                    page.size());
        }
    }
}
