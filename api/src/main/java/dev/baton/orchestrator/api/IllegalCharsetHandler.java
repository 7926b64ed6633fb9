package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.nio.charset.IllegalCharsetNameException;

/** A Content-Type whose charset is not even a legal name is bad input (400 naming Content-Type). */
@Singleton
public class IllegalCharsetHandler implements ExceptionHandler<IllegalCharsetNameException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, IllegalCharsetNameException exception) {
        return ErrorResponses.of(
                ApiException.badField("Content-Type", "not a legal charset name", exception.getCharsetName()));
    }
}
