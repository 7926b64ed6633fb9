package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Baton's access rule when authentication is on: the token endpoint, the web console's page and
 * assets ({@link AuthSettings#CONSOLE_PATHS}) and {@code baton.auth.open-paths} are served to anyone; every other path ({@code /api/**}, {@code /registry/**}, {@code /internal/**}
 * and whatever is added later) needs a valid credential. It runs after {@code @Secured} and
 * {@code micronaut.security.intercept-url-map}, so those can still refine access.
 */
@Singleton
@Requires(property = "baton.auth.enabled", value = "true")
public class BatonAccessRule implements SecurityRule<HttpRequest<?>> {
    /** After SecuredAnnotationRule (-200) and ConfigurationInterceptUrlMapRule (-100). */
    public static final int ORDER = -50;

    private final List<String> open;

    public BatonAccessRule(AuthSettings settings) {
        List<String> paths = new ArrayList<>(settings.openPaths());
        paths.add(AuthSettings.TOKEN_PATH);
        paths.addAll(AuthSettings.CONSOLE_PATHS);
        this.open = List.copyOf(paths);
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (authentication != null || isOpen(request.getPath())) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        return Publishers.just(SecurityRuleResult.REJECTED);
    }

    /** @return whether a path is served without credentials; paths with dot segments never are */
    boolean isOpen(String path) {
        if (path == null || path.contains("/.") || path.contains("\\") || path.contains("//")) {
            return false;
        }
        for (String pattern : open) {
            if (PathMatcher.ANT.matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
