package dev.baton.orchestrator.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Conductor's API answers each endpoint in its one representation whatever the request's {@code Accept} says: a start
 * answers its id as text to a client that accepts only JSON, an update answers JSON to one that accepts only text (the
 * Python SDK's workers send {@code Accept: text/plain} to {@code POST /api/tasks}). So, before routing, the
 * {@code Accept} header of an API request is dropped: no API call is refused with 406 for it.
 */
@ServerFilter("/api/**")
public final class AcceptAnything {

    /** Removes the {@code Accept} header, before the route is chosen. */
    @RequestFilter
    @PreMatching
    public void acceptAnything(MutableHttpRequest<?> request) {
        request.getHeaders().remove(HttpHeaders.ACCEPT);
    }
}
