package dev.baton.orchestrator.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Conductor's error body: {@code status}, {@code code}, {@code message}, {@code retryable} and,
 * for bad input, {@code validationErrors} naming each field ({@code path}) and the problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        int status,
        String code,
        String message,
        boolean retryable,
        String instance,
        List<FieldError> validationErrors) {

    /** One field at fault: where it is (JSON path or parameter name), what is wrong, and the value given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String path, String message, String invalidValue) {}

    /**
     * Conductor's code for a status: INVALID_INPUT, NOT_FOUND, CONFLICT, UNAUTHORIZED, INTERNAL_ERROR...;
     * NOT_IMPLEMENTED for an endpoint of Conductor's that Baton answers with an explanation instead.
     */
    public static String codeFor(int status) {
        return codeOf(status);
    }

    /** Whether a client may retry the request as it is: server errors, except an endpoint Baton does not serve. */
    public static boolean retryable(int status) {
        return status >= 500 && status != 501;
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400, 405, 406, 413, 415, 422 -> "INVALID_INPUT";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "BACKEND_ERROR";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_INPUT";
        };
    }
}
