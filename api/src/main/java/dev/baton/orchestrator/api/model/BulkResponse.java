package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Conductor's {@code BulkResponse}: what succeeded, and for each id that did not, why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResponse<T>(Map<String, String> bulkErrorResults, List<T> bulkSuccessfulResults) {}
