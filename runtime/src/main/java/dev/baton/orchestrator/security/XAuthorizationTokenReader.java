package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the token from Conductor's {@code X-Authorization} header (the Conductor/Orkes Java client
 * sends the bare token there); a {@code Bearer } prefix is tolerated. {@code Authorization: Bearer}
 * is read by Micronaut's own bearer reader. Never logs the header's value.
 */
@Singleton
@Requires(property = "baton.auth.enabled", value = "true")
public class XAuthorizationTokenReader implements TokenReader<HttpRequest<?>> {
    /** Conductor's token header. */
    public static final String HEADER = "X-Authorization";

    private static final String BEARER = "bearer ";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return request.getHeaders()
                .findFirst(HEADER)
                .map(XAuthorizationTokenReader::bare)
                .filter(t -> !t.isEmpty());
    }

    static String bare(String value) {
        String v = value.trim();
        if (v.length() > BEARER.length()
                && v.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            v = v.substring(BEARER.length()).trim();
        }
        return v;
    }

    @Override
    public int getOrder() {
        return -200;
    }
}
