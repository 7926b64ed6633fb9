package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Checks API keys and issues JWTs (HS256 with {@code baton.auth.token-secret}, lifetime
 * {@code baton.auth.token-expiry}) for them and for the node itself. Created at start, it refuses
 * to start without a signature: Micronaut would then issue and accept unsigned JWTs.
 */
@Context
@Requires(property = "baton.auth.enabled", value = "true")
public class TokenIssuer {
    private final TokenGenerator generator;
    private final AuthSettings settings;

    public TokenIssuer(AuthSettings settings, TokenGenerator generator) {
        this.generator = generator;
        this.settings = settings;
        if (!(generator instanceof JwtTokenGenerator jwt) || jwt.getSignatureConfiguration() == null) {
            throw new ConfigurationException("authentication is on but no JWT signature is configured; "
                    + "refusing to start (unsigned tokens would be accepted)");
        }
    }

    /**
     * @param keyId the key id given
     * @param keySecret the secret given
     * @return the key id when they match a configured key; every key is compared, in constant time
     */
    public Optional<String> verify(String keyId, String keySecret) {
        byte[] given = StaticTokenValidator.sha256(keySecret.getBytes(StandardCharsets.UTF_8));
        String found = null;
        for (AuthSettings.ApiKey key : settings.apiKeys()) {
            boolean secretMatches = MessageDigest.isEqual(
                    StaticTokenValidator.sha256(key.secret().getBytes(StandardCharsets.UTF_8)), given);
            if (secretMatches && key.id().equals(keyId)) {
                found = key.id();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @param subject who the token is for @param kind {@code api-key} or {@code node} @return a signed JWT */
    public String issue(String subject, String kind) {
        Authentication who = Authentication.build(subject, Map.of("kind", kind));
        return generator
                .generateToken(who, (int) settings.tokenExpiry().toSeconds())
                .orElseThrow(() -> new IllegalStateException("could not sign a token"));
    }
}
