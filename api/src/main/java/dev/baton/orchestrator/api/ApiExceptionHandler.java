package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns an {@link ApiException} thrown anywhere in a controller into its status and JSON body. */
@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        return ErrorResponses.of(exception);
    }
}
