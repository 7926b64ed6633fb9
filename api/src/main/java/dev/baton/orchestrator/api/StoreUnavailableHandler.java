package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * A store that cannot be read right now (Kafka Streams is starting, rebalancing or restoring) is
 * a 503 the client may retry, with Conductor's error body — not an internal error.
 */
@Singleton
public class StoreUnavailableHandler implements ExceptionHandler<InvalidStateStoreException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidStateStoreException exception) {
        return ErrorResponses.of(new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "workflow state is not available on this node right now (" + exception.getMessage()
                        + "); retry shortly"));
    }
}
