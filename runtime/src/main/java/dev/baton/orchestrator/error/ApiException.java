package dev.baton.orchestrator.error;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request Baton refuses: the HTTP status, a sentence saying why, and for bad input the
 * fields at fault. Rendered as Conductor's error body by the API's exception handler
 * ({@code ApiExceptionHandler} in the api package).
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final List<ApiError.FieldError> fields;

    public ApiException(HttpStatus status, String message, List<ApiError.FieldError> fields) {
        super(message);
        this.status = status;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    /** 400 naming one field and what is wrong with it. */
    public static ApiException badField(String path, String problem, Object invalidValue) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                path + ": " + problem,
                List.of(new ApiError.FieldError(
                        path, problem, invalidValue == null ? null : String.valueOf(invalidValue))));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    /**
     * 501 for an endpoint of Conductor's that has no meaning on Baton (or not yet): the message says
     * why, and what to use instead.
     */
    public static ApiException notServed(String message) {
        return new ApiException(HttpStatus.NOT_IMPLEMENTED, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }
}
