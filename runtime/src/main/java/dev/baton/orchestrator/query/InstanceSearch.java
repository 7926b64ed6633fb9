package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Locale;
import java.util.Set;

/**
 * What a search asks for; every criterion is optional (null or empty means any).
 *
 * @param workflowTypes definition names
 * @param statuses      workflow statuses
 * @param correlationId exact correlation id
 * @param startedAfter  start time at or after (epoch ms)
 * @param startedBefore start time at or before (epoch ms)
 * @param freeText      case-insensitive text the input (or id, name, correlation id) contains; "*" means any
 * @param start         offset of the first result of the page
 * @param size          page size
 */
public record InstanceSearch(
        Set<String> workflowTypes,
        Set<WorkflowStatus> statuses,
        String correlationId,
        Long startedAfter,
        Long startedBefore,
        String freeText,
        int start,
        int size) {

    public static InstanceSearch all(int start, int size) {
        return new InstanceSearch(Set.of(), Set.of(), null, null, null, null, start, size);
    }

    /** True when a free text is asked for (it needs the instance's input, beyond its search keys). */
    public boolean hasText() {
        return freeText != null && !freeText.isBlank() && !"*".equals(freeText.trim());
    }

    /**
     * True when an instance with these search keys meets every criterion but the free text
     * ({@link #matches} checks that too).
     */
    public boolean matchesKeys(String workflowName, String status, String correlationId, long startTime) {
        if (workflowTypes != null && !workflowTypes.isEmpty() && !workflowTypes.contains(workflowName)) {
            return false;
        }
        if (statuses != null && !statuses.isEmpty() && !hasStatus(status)) {
            return false;
        }
        if (correlationId() != null && !correlationId().equals(correlationId)) {
            return false;
        }
        if (startedAfter != null && startTime < startedAfter) {
            return false;
        }
        return startedBefore == null || startTime <= startedBefore;
    }

    private boolean hasStatus(String status) {
        for (WorkflowStatus s : statuses) {
            if (s.name().equals(status)) {
                return true;
            }
        }
        return false;
    }

    /** True when the instance meets every criterion. */
    public boolean matches(WorkflowInstance wf) {
        if (workflowTypes != null && !workflowTypes.isEmpty() && !workflowTypes.contains(wf.workflowName)) {
            return false;
        }
        if (statuses != null && !statuses.isEmpty() && !statuses.contains(wf.status)) {
            return false;
        }
        if (correlationId != null && !correlationId.equals(wf.correlationId)) {
            return false;
        }
        if (startedAfter != null && wf.startTime < startedAfter) {
            return false;
        }
        if (startedBefore != null && wf.startTime > startedBefore) {
            return false;
        }
        if (freeText != null && !freeText.isBlank() && !"*".equals(freeText.trim())) {
            String needle = freeText.trim().toLowerCase(Locale.ROOT);
            String hay = (wf.workflowId + " " + wf.workflowName + " " + wf.correlationId + " "
                            + (wf.input == null ? "" : wf.input.toString()))
                    .toLowerCase(Locale.ROOT);
            return hay.contains(needle);
        }
        return true;
    }
}
