package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/**
 * A node's answer to reading a set of instances by key ({@code POST /internal/instances/read}):
 * those found, and those it can say are not there (their partition served here, the instance not
 * in it any more). A key in neither list could not be read on that node (its partition not served there).
 */
public record InstanceReads(List<WorkflowInstance> found, List<String> absent) {}
