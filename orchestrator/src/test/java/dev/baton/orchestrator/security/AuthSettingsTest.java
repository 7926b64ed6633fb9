package dev.baton.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and checking {@code baton.auth.*}: forms, startup failures, and no secret in any text. */
class AuthSettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-signing";
    private static final String KEY_SECRET = "key-secret-that-must-not-leak";

    private static AuthSettings settings(boolean enabled, String secret, Object keys, List<String> tokens) {
        return new AuthSettings(enabled, secret, Duration.ofHours(1), keys, tokens, AuthSettings.DEFAULT_OPEN_PATHS);
    }

    @Test
    void offByDefaultNeedsNothing() {
        AuthSettings off = settings(false, null, null, List.of());
        assertThat(off.enabled()).isFalse();
        assertThat(off.apiKeys()).isEmpty();
    }

    @Test
    void enabledWithoutSecretStopsTheStartWithAClearSentence() {
        assertThatThrownBy(() -> settings(true, null, null, List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("baton.auth.token-secret")
                .hasMessageContaining("BATON_AUTH_TOKEN_SECRET")
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> settings(true, "  ", null, List.of())).hasMessageContaining("baton.auth.token-secret");
    }

    @Test
    void shortSecretIsRefusedWithoutBeingQuoted() {
        String shortSecret = "too-short-secret-31-characters!";
        assertThat(shortSecret).hasSize(31);
        assertThatThrownBy(() -> settings(true, shortSecret, null, List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("shorter than 32 characters")
                .message()
                .doesNotContain(shortSecret);
        assertThat(settings(true, shortSecret + "x", null, List.of()).enabled()).isTrue();
    }

    @Test
    void apiKeysAsListOfMapsOrAsOneString() {
        AuthSettings fromList = settings(
                true,
                SECRET,
                List.of(Map.of("id", "ci", "secret", KEY_SECRET), Map.of("id", "ops", "secret", "other-secret")),
                List.of());
        assertThat(fromList.apiKeys()).extracting(AuthSettings.ApiKey::id).containsExactly("ci", "ops");
        assertThat(fromList.apiKeys().get(0).secret()).isEqualTo(KEY_SECRET);

        AuthSettings fromString = settings(true, SECRET, "ci:" + KEY_SECRET + ", ops:s:with:colons", List.of());
        assertThat(fromString.apiKeys()).extracting(AuthSettings.ApiKey::id).containsExactly("ci", "ops");
        assertThat(fromString.apiKeys().get(1).secret()).isEqualTo("s:with:colons");
    }

    @Test
    void environmentVariablesConfigureEverything() {
        PropertySource env = PropertySource.of(
                "env",
                Map.of(
                        "BATON_AUTH_ENABLED", "true",
                        "BATON_AUTH_TOKEN_SECRET", SECRET,
                        "BATON_AUTH_TOKEN_EXPIRY", "15m",
                        "BATON_AUTH_API_KEYS", "ci:" + KEY_SECRET + ",ops:other-secret",
                        "BATON_AUTH_TOKENS", "first-static-token,second-static-token",
                        "BATON_RUNTIME_ENABLED", "false"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext ctx =
                ApplicationContext.builder().propertySources(env).start()) {
            AuthSettings s = ctx.getBean(AuthSettings.class);
            assertThat(s.enabled()).isTrue();
            assertThat(s.tokenExpiry()).isEqualTo(Duration.ofMinutes(15));
            assertThat(s.apiKeys()).extracting(AuthSettings.ApiKey::id).containsExactly("ci", "ops");
            assertThat(s.staticTokens()).hasSize(2);
            assertThat(s.openPaths()).isEqualTo(AuthSettings.DEFAULT_OPEN_PATHS);
            assertThat(ctx.getProperty("micronaut.security.enabled", Boolean.class))
                    .contains(true);
            assertThat(ctx.getBean(InternalCredentials.class).header()).isPresent();
        }
    }

    @Test
    void badApiKeysNameTheEntryNotTheSecret() {
        assertThatThrownBy(() -> settings(true, SECRET, List.of(Map.of("id", "ci")), List.of()))
                .hasMessageContaining("baton.auth.api-keys[0]")
                .hasMessageContaining("id and a secret");
        assertThatThrownBy(() -> settings(true, SECRET, KEY_SECRET, List.of()))
                .hasMessageContaining("<id>:<secret>")
                .message()
                .doesNotContain(KEY_SECRET);
        assertThatThrownBy(() -> settings(true, SECRET, "ci:" + KEY_SECRET + ",ci:" + KEY_SECRET, List.of()))
                .hasMessageContaining("'ci' appears twice")
                .message()
                .doesNotContain(KEY_SECRET);
    }

    @Test
    void toStringHidesEverySecret() {
        AuthSettings s = settings(true, SECRET, "ci:" + KEY_SECRET, List.of("static-token-value-1234"));
        assertThat(s.toString())
                .contains("ci")
                .contains("tokens=1")
                .doesNotContain(SECRET)
                .doesNotContain(KEY_SECRET)
                .doesNotContain("static-token-value-1234");
        assertThat(s.apiKeys().get(0).toString()).doesNotContain(KEY_SECRET);
        assertThat(new InternalCredentials.Header("X-Authorization", "jwt-value").toString())
                .doesNotContain("jwt-value");
    }

    @Test
    void openPathsAndTheTokenEndpointAreOpenEverythingElseIsNot() {
        BatonAccessRule rule = new BatonAccessRule(settings(true, SECRET, null, List.of()));
        assertThat(List.of(
                        "/api/token",
                        "/health",
                        "/health/liveness",
                        "/prometheus",
                        "/openapi",
                        "/openapi/baton.yml",
                        "/",
                        "/index.html",
                        "/console/index-abc.js"))
                .allMatch(rule::isOpen);
        assertThat(List.of(
                        "/api/workflow",
                        "/api/token/x",
                        "/registry/subjects",
                        "/internal/query",
                        "/x",
                        "/health/../registry/subjects",
                        "/health/./x",
                        "//health",
                        "/prometheus/x",
                        "/openapis",
                        "/console/../api/workflow",
                        "/consoles",
                        "/index.htm"))
                .noneMatch(rule::isOpen);
    }

    @Test
    void openPathsAreConfigurableButTheTokenEndpointStaysOpen() {
        BatonAccessRule rule = new BatonAccessRule(
                new AuthSettings(true, SECRET, Duration.ofMinutes(5), null, List.of(), List.of("/ui/**", " ")));
        assertThat(List.of("/ui", "/ui/index.html", "/api/token", "/", "/console/app.js"))
                .allMatch(rule::isOpen);
        assertThat(List.of("/health", "/prometheus", "/api/workflow")).noneMatch(rule::isOpen);
    }

    @Test
    void xAuthorizationTakesTheBareTokenOrABearerOne() {
        assertThat(XAuthorizationTokenReader.bare(" abc.def.ghi ")).isEqualTo("abc.def.ghi");
        assertThat(XAuthorizationTokenReader.bare("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(XAuthorizationTokenReader.bare("bearer  abc")).isEqualTo("abc");
    }
}
