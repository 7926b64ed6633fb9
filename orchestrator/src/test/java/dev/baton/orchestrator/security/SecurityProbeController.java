package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;

/**
 * Test-only endpoints under an open path ({@code /health/**}) and under {@code /internal/**}, present
 * only with {@code baton.test.security-probe=true}; they answer who the caller is.
 */
@Controller
@Requires(property = "baton.test.security-probe", value = "true")
@Produces(MediaType.APPLICATION_JSON)
class SecurityProbeController {

    @Get("/health/security-probe")
    Map<String, String> health(@Nullable Authentication who) {
        return Map.of("caller", who == null ? "anonymous" : who.getName());
    }

    @Get("/internal/security-probe")
    Map<String, String> internal(@Nullable Authentication who) {
        return Map.of("caller", who == null ? "anonymous" : who.getName());
    }
}
