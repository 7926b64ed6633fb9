package dev.baton.orchestrator.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
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
    static final String RETRY_AFTER = "Retry-After";
    /** A 503 is retryable soon: partitions move or restore in seconds. */
    static final String RETRY_AFTER_SECONDS = "1";

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
        String message = ctx.getRootCause().filter(ApiException.class::isInstance).map(Throwable::getMessage)
                .orElseGet(() -> ctx.getErrors().isEmpty() ? HttpStatus.valueOf(status).getReason()
                        : String.join("; ", ctx.getErrors().stream().map(e -> e.getMessage()).toList()));
        ApiError body = new ApiError(status, ApiError.codeFor(status), message, ApiError.retryable(status),
                null, fields.isEmpty() ? null : fields);
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode() && !response.getHeaders().contains(RETRY_AFTER)) {
            response.header(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    /** The response for an {@link ApiException}, for code that builds responses itself. */
    public static MutableHttpResponse<ApiError> of(ApiException e) {
        int status = e.status().getCode();
        MutableHttpResponse<ApiError> response = HttpResponse.status(e.status());
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(RETRY_AFTER, RETRY_AFTER_SECONDS); // retryable: the state is moving or restoring
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(status, ApiError.codeFor(status), e.getMessage(), ApiError.retryable(status), null,
                        e.fields().isEmpty() ? null : e.fields()));
    }
}
