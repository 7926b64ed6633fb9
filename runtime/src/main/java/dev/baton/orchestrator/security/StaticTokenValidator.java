package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Accepts the opaque bearer tokens of {@code baton.auth.tokens} (for scripts and the CLI). The
 * comparison takes the same time whatever the token given; it runs before JWT validation so that a
 * static token never reaches the JWT parser (whose TRACE logging would print it).
 */
@Singleton
@Requires(property = "baton.auth.enabled", value = "true")
public class StaticTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final List<byte[]> digests;

    public StaticTokenValidator(AuthSettings settings) {
        this.digests = settings.staticTokens().stream()
                .map(StaticTokenValidator::sha256)
                .toList();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        byte[] given = sha256(token.getBytes(StandardCharsets.UTF_8));
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), given) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build("static-token-" + (match + 1), Map.of("kind", "static-token")));
    }

    static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getOrder() {
        return -100;
    }
}
