package dev.baton.orchestrator.api.model;

import java.util.List;

/** Conductor's {@code SearchResult}: one page of hits and how many there are in all. */
public record SearchResult<T>(long totalHits, List<T> results) {
}
