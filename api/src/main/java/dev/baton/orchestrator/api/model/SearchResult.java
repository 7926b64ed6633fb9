package dev.baton.orchestrator.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Conductor's {@code SearchResult}: one page of hits and how many there are in all. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult<T>(long totalHits, List<T> results) {}
