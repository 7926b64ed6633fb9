package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Micronaut's token authentication without its {@code TokenValidatedEvent}: that event carries the
 * token and Micronaut's event publisher logs every event at DEBUG, which would print credentials.
 * Nothing in Baton listens for it.
 */
@Singleton
@Requires(property = "baton.auth.enabled", value = "true")
@Replaces(TokenAuthenticationFetcher.class)
public class QuietTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    public QuietTokenAuthenticationFetcher(
            List<TokenValidator<HttpRequest<?>>> tokenValidators,
            TokenResolver<HttpRequest<?>> tokenResolver,
            HttpHostResolver httpHostResolver,
            HttpLocaleResolver httpLocaleResolver) {
        super(tokenValidators, tokenResolver, ApplicationEventPublisher.noOp(), httpHostResolver, httpLocaleResolver);
    }
}
