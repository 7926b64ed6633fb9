package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.error.ErrorResponses;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every error the server returns — ours and Micronaut's own (unknown route, unreadable JSON,
 * a parameter that does not convert) — has Conductor's JSON error body, whatever the client accepts.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponses implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
        int status = response.code();
        List<ApiError.FieldError> fields = ctx.getRootCause()
                .filter(ApiException.class::isInstance)
                .map(e -> ((ApiException) e).fields())
                .orElseGet(() -> ctx.getErrors().stream()
                        .filter(e -> e.getPath().isPresent())
                        .map(e -> new ApiError.FieldError(e.getPath().get(), e.getMessage(), null))
                        .toList());
        String message = ctx.getRootCause()
                .filter(ApiException.class::isInstance)
                .map(Throwable::getMessage)
                .orElseGet(() -> ctx.getErrors().isEmpty()
                        ? HttpStatus.valueOf(status).getReason()
                        : String.join(
                                "; ",
                                ctx.getErrors().stream()
                                        .map(e -> e.getMessage())
                                        .toList()));
        ApiError body = new ApiError(
                status,
                ApiError.codeFor(status),
                message,
                ApiError.retryable(status),
                null,
                fields.isEmpty() ? null : fields);
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode()
                && !response.getHeaders().contains(ErrorResponses.RETRY_AFTER)) {
            response.header(ErrorResponses.RETRY_AFTER, ErrorResponses.RETRY_AFTER_SECONDS);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
