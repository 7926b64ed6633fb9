package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/** One page of a search: how many instances match in all, and the page itself. */
public record SearchResult(long totalHits, List<WorkflowInstance> results) {}
