package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.nio.charset.UnsupportedCharsetException;

/** A request body in a charset this JVM does not know is bad input (400 naming Content-Type), not a server error. */
@Singleton
public class UnsupportedCharsetHandler implements ExceptionHandler<UnsupportedCharsetException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsupportedCharsetException exception) {
        return ErrorResponses.of(
                ApiException.badField("Content-Type", "unsupported charset", exception.getCharsetName()));
    }
}
