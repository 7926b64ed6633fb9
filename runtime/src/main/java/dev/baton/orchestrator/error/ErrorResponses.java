package dev.baton.orchestrator.error;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Conductor's error body for an {@link ApiException}, for code that builds its responses itself. */
public final class ErrorResponses {
    public static final String RETRY_AFTER = "Retry-After";
    /** A 503 is retryable soon: partitions move or restore in seconds. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {}

    public static MutableHttpResponse<ApiError> of(ApiException e) {
        int status = e.status().getCode();
        MutableHttpResponse<ApiError> response = HttpResponse.status(e.status());
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(RETRY_AFTER, RETRY_AFTER_SECONDS); // retryable: the state is moving or restoring
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(
                        status,
                        ApiError.codeFor(status),
                        e.getMessage(),
                        ApiError.retryable(status),
                        null,
                        e.fields().isEmpty() ? null : e.fields()));
    }
}
