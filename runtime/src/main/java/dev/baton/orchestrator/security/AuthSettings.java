package dev.baton.orchestrator.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code baton.auth.*} settings, read and checked when the application starts (a bad
 * configuration stops the start with a sentence naming the key). Secrets are held here and
 * nowhere else; {@link #toString()} and every message leave them out.
 *
 * <ul>
 *   <li>{@code baton.auth.enabled} (false): when false nothing asks for credentials.</li>
 *   <li>{@code baton.auth.token-secret}: HMAC secret signing the JWTs, at least 32 characters,
 *       the same on every node. Required when enabled.</li>
 *   <li>{@code baton.auth.token-expiry} (1h): lifetime of the JWTs issued by {@code POST /api/token}.</li>
 *   <li>{@code baton.auth.api-keys}: a list of {@code {id, secret}}, or one string
 *       {@code id:secret,id2:secret2} (handy in an environment variable).</li>
 *   <li>{@code baton.auth.tokens}: opaque bearer tokens for scripts (list or comma-separated).</li>
 *   <li>{@code baton.auth.open-paths}: paths served without credentials (Ant patterns).</li>
 * </ul>
 */
@Context
public final class AuthSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AuthSettings.class);

    /** The shortest token secret accepted: HS256 needs 256 bits. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** The token endpoint; always open, whatever {@code open-paths} says. */
    public static final String TOKEN_PATH = "/api/token";
    /**
     * The web console's page and static assets: always open, like the token endpoint, so that the
     * console can ask for an API key; they hold no data, and every API call needs a credential.
     */
    public static final List<String> CONSOLE_PATHS = List.of("/", "/index.html", "/console/**");
    /** Paths open by default: health, metrics and the OpenAPI document. */
    public static final List<String> DEFAULT_OPEN_PATHS =
            List.of("/health", "/health/**", "/prometheus", "/openapi/**");

    private final boolean enabled;
    private final byte[] tokenSecret;
    private final Duration tokenExpiry;
    private final List<ApiKey> apiKeys;
    private final List<byte[]> staticTokens;
    private final List<String> openPaths;

    /** An API key: its id (not secret) and its secret, never printed. */
    public record ApiKey(String id, String secret) {
        @Override
        public String toString() {
            return "ApiKey[id=" + id + ", secret=****]";
        }
    }

    @Inject
    AuthSettings(Environment env) {
        this(
                env.getProperty("baton.auth.enabled", Boolean.class, false),
                env.getProperty("baton.auth.token-secret", String.class).orElse(null),
                env.getProperty("baton.auth.token-expiry", Duration.class, Duration.ofHours(1)),
                env.getProperty("baton.auth.api-keys", Object.class).orElse(null),
                env.getProperty("baton.auth.tokens", Argument.listOf(String.class))
                        .orElse(List.of()),
                env.getProperty("baton.auth.open-paths", Argument.listOf(String.class))
                        .orElse(DEFAULT_OPEN_PATHS));
        if (enabled && !env.getProperty("micronaut.security.enabled", Boolean.class, true)) {
            throw new ConfigurationException("baton.auth.enabled is true but micronaut.security.enabled is false: "
                    + "leave micronaut.security.enabled alone, it follows baton.auth.enabled");
        }
    }

    /**
     * @param enabled whether credentials are required
     * @param tokenSecret the JWT signing secret (required when enabled)
     * @param tokenExpiry lifetime of issued JWTs
     * @param apiKeys a list of {@code {id, secret}} maps, or a string {@code id:secret,...}, or null
     * @param tokens static bearer tokens
     * @param openPaths paths open without credentials
     */
    public AuthSettings(
            boolean enabled,
            String tokenSecret,
            Duration tokenExpiry,
            Object apiKeys,
            List<String> tokens,
            List<String> openPaths) {
        this.enabled = enabled;
        this.tokenExpiry = tokenExpiry;
        this.apiKeys = parseKeys(apiKeys);
        this.staticTokens = tokens.stream()
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toList();
        this.openPaths =
                openPaths.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        this.tokenSecret = tokenSecret == null ? null : tokenSecret.getBytes(StandardCharsets.UTF_8);
        if (enabled) {
            check(tokenSecret);
        }
    }

    private void check(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("baton.auth.enabled is true but baton.auth.token-secret "
                    + "(environment BATON_AUTH_TOKEN_SECRET) is not set: give a random secret of at least "
                    + MIN_SECRET_LENGTH + " characters, the same on every node");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigurationException("baton.auth.token-secret is shorter than " + MIN_SECRET_LENGTH
                    + " characters: JWTs are signed with HS256, which needs at least 256 bits");
        }
        if (tokenExpiry.isNegative() || tokenExpiry.toSeconds() < 1) {
            throw new ConfigurationException("baton.auth.token-expiry must be at least one second");
        }
        if (tokenExpiry.toSeconds() > Integer.MAX_VALUE) {
            throw new ConfigurationException("baton.auth.token-expiry is too long");
        }
        if (apiKeys.isEmpty() && staticTokens.isEmpty()) {
            LOG.warn("Authentication is on but neither baton.auth.api-keys nor baton.auth.tokens is set: "
                    + "no client can authenticate");
        } else {
            LOG.info(
                    "Authentication is on: {} API key(s) ({}), {} static token(s), token expiry {}",
                    apiKeys.size(),
                    apiKeys.stream().map(ApiKey::id).toList(),
                    staticTokens.size(),
                    tokenExpiry);
        }
    }

    private static List<ApiKey> parseKeys(Object raw) {
        List<ApiKey> keys = new ArrayList<>();
        if (raw instanceof CharSequence text) {
            int i = 0;
            for (String entry : text.toString().split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    throw new ConfigurationException(
                            "baton.auth.api-keys entry " + i + " is not of the form <id>:<secret>");
                }
                keys.add(key(
                        i,
                        entry.substring(0, colon).trim(),
                        entry.substring(colon + 1).trim()));
                i++;
            }
        } else if (raw instanceof Iterable<?> list) {
            int i = 0;
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new ConfigurationException(
                            "baton.auth.api-keys[" + i + "] must have the fields id and secret");
                }
                keys.add(key(i, str(map.get("id")), str(map.get("secret"))));
                i++;
            }
        } else if (raw instanceof Map<?, ?> map) {
            // a list given as indexed keys (api-keys[0].id ...) can arrive as a map of index -> entry
            int i = 0;
            for (Object item : map.values()) {
                if (!(item instanceof Map<?, ?> entry)) {
                    throw new ConfigurationException("baton.auth.api-keys must be a list of {id, secret}");
                }
                keys.add(key(i++, str(entry.get("id")), str(entry.get("secret"))));
            }
        } else if (raw != null) {
            throw new ConfigurationException(
                    "baton.auth.api-keys must be a list of {id, secret} or a string id:secret,...");
        }
        Set<String> ids = new HashSet<>();
        for (ApiKey key : keys) {
            if (!ids.add(key.id())) {
                throw new ConfigurationException("baton.auth.api-keys: the key id '" + key.id() + "' appears twice");
            }
        }
        return List.copyOf(keys);
    }

    private static ApiKey key(int index, String id, String secret) {
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new ConfigurationException("baton.auth.api-keys[" + index + "] needs both an id and a secret");
        }
        return new ApiKey(id.trim(), secret);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** @return whether credentials are required */
    public boolean enabled() {
        return enabled;
    }

    /** @return the JWT signing secret (UTF-8 bytes); null when not configured */
    byte[] tokenSecret() {
        return tokenSecret == null ? null : tokenSecret.clone();
    }

    /** @return lifetime of the JWTs this node issues */
    public Duration tokenExpiry() {
        return tokenExpiry;
    }

    /** @return the configured API keys */
    List<ApiKey> apiKeys() {
        return apiKeys;
    }

    /** @return the static bearer tokens (UTF-8 bytes) */
    List<byte[]> staticTokens() {
        return staticTokens;
    }

    /** @return paths served without credentials; {@link #TOKEN_PATH} and {@link #CONSOLE_PATHS} are open in addition */
    public List<String> openPaths() {
        return openPaths;
    }

    @Override
    public String toString() {
        return "AuthSettings[enabled=" + enabled + ", tokenSecret=" + (tokenSecret == null ? "unset" : "****")
                + ", tokenExpiry=" + tokenExpiry + ", apiKeys="
                + apiKeys.stream().map(ApiKey::id).toList()
                + ", tokens=" + staticTokens.size() + ", openPaths=" + openPaths + "]";
    }
}
