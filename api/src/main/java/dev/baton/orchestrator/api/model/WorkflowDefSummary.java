package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;

/** Conductor's {@code WorkflowDefSummary}: a workflow definition's name and version, without its body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDefSummary(
        String name,
        int version,
        @Nullable Long createTime,
        @Nullable Long updateTime) {}
