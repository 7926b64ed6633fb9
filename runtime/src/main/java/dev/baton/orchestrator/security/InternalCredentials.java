package dev.baton.orchestrator.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The credential a node adds to the requests it sends to other nodes ({@code /internal/**},
 * query forwarding): {@code X-Authorization: <JWT>} where the JWT is minted by this node for
 * itself (subject {@code node:<application name>}) with the shared {@code baton.auth.token-secret},
 * so every node accepts it. Tokens are cached and replaced when half their lifetime is gone.
 * When authentication is off there is no credential and nothing needs to be added.
 *
 * <pre>{@code
 * internalCredentials.header().ifPresent(h -> request.header(h.name(), h.value()));
 * // or: internalCredentials.headers().forEach(request::header);
 * }</pre>
 */
@Singleton
public class InternalCredentials {

    /** A header to add to an outgoing request; {@link #toString()} hides the value. */
    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": ****";
        }
    }

    private final AuthSettings settings;
    private final BeanProvider<TokenIssuer> issuer;
    private final String subject;
    private final Clock clock;
    private Header current;
    private Instant renewAt = Instant.MIN;

    @Inject
    InternalCredentials(
            AuthSettings settings,
            BeanProvider<TokenIssuer> issuer,
            @Value("${micronaut.application.name:baton}") String applicationName) {
        this(settings, issuer, applicationName, Clock.systemUTC());
    }

    InternalCredentials(AuthSettings settings, BeanProvider<TokenIssuer> issuer, String applicationName, Clock clock) {
        this.settings = settings;
        this.issuer = issuer;
        this.subject = "node:" + applicationName;
        this.clock = clock;
    }

    /** @return the header to add to a node-to-node request; empty when authentication is off */
    public synchronized Optional<Header> header() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            Duration lifetime = settings.tokenExpiry();
            current = new Header(XAuthorizationTokenReader.HEADER, issuer.get().issue(subject, "node"));
            renewAt = now.plus(lifetime.dividedBy(2));
        }
        return Optional.of(current);
    }

    /** @return the headers to add to a node-to-node request (none when authentication is off) */
    public Map<String, String> headers() {
        return header().map(h -> Map.of(h.name(), h.value())).orElse(Map.of());
    }
}
