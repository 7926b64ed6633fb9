package dev.baton.orchestrator.security;

import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Renders a request refused by the security filter (401 without or with a bad credential, 403
 * when authenticated but not allowed) as Conductor's JSON error body, through the application's
 * {@link ErrorResponseProcessor} (ApiErrorResponses) — never an empty body, never a redirect,
 * and never the credential that was sent.
 */
@Singleton
@Requires(property = "baton.auth.enabled", value = "true")
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthErrorHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    static final String MISSING =
            "Authentication required: send X-Authorization: <token> or Authorization: Bearer <token> "
                    + "(POST /api/token with {\"keyId\", \"keySecret\"} gives a token)";
    static final String INVALID = "Invalid or expired credentials";
    static final String FORBIDDEN = "Not allowed";

    private final ErrorResponseProcessor<?> errors;

    public AuthErrorHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        HttpStatus status = exception.isForbidden() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        String message = exception.isForbidden() ? FORBIDDEN : hasCredential(request) ? INVALID : MISSING;
        MutableHttpResponse<?> response = HttpResponse.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"baton\"");
        }
        ApiException cause = new ApiException(status, message);
        return errors.processResponse(
                ErrorContext.builder(request).cause(cause).errorMessage(message).build(), response);
    }

    private static boolean hasCredential(HttpRequest<?> request) {
        return request.getHeaders().contains(XAuthorizationTokenReader.HEADER)
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
    }
}
