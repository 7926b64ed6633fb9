package dev.baton.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.filters.SecurityFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Authentication end to end on running servers (real broker; the built-in registry at /registry is
 * the protected endpoint, Kafka Streams is off): off by default, then on with an API key, a static
 * token and the Conductor token exchange; refusals are Conductor's JSON error body; the run's logs
 * never contain a secret or an issued token.
 */
@KafkaCluster
class SecurityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String TOKEN_SECRET = "it-signing-secret-" + UUID.randomUUID();
    private static final String KEY_SECRET = "it-key-secret-" + UUID.randomUUID();
    private static final String STATIC_TOKEN = "it-static-token-" + UUID.randomUUID();

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final List<String> ISSUED = new CopyOnWriteArrayList<>();
    private static final Map<String, Level> SAVED_LEVELS = new HashMap<>();

    private static EmbeddedServer open;
    private static EmbeddedServer secured;

    record Reply(int status, String contentType, String wwwAuthenticate, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void start(KafkaTestCluster kafka) throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        LOGS.setContext(logging);
        LOGS.start();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(LOGS);
        for (String name : List.of(
                "io.micronaut.security",
                "dev.baton.orchestrator.security",
                "io.micronaut.context",
                "io.micronaut.http")) {
            // DEBUG for the loggers near credentials, captured but kept off the console
            Logger logger = logging.getLogger(name);
            SAVED_LEVELS.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(LOGS);
            logger.setAdditive(false);
        }

        open = ApplicationContext.run(EmbeddedServer.class, props(kafka, Map.of()));
        Map<String, Object> auth = new HashMap<>();
        auth.put("baton.auth.enabled", "true");
        auth.put("baton.auth.token-secret", TOKEN_SECRET);
        auth.put("baton.auth.token-expiry", "10m");
        auth.put(
                "baton.auth.api-keys",
                List.of(Map.of("id", "ci", "secret", KEY_SECRET), Map.of("id", "ops", "secret", KEY_SECRET + "-ops")));
        auth.put("baton.auth.tokens", List.of(STATIC_TOKEN));
        auth.put("baton.test.security-probe", "true");
        secured = ApplicationContext.run(EmbeddedServer.class, props(kafka, auth));
    }

    private static Map<String, Object> props(KafkaTestCluster kafka, Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put(
                "baton.data-dir", Files.createTempDirectory("baton-security-it").toString());
        props.put("baton.application-id", "baton-security-it-" + UUID.randomUUID());
        props.put("baton.runtime.enabled", "false");
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("micronaut.server.port", -1);
        props.putAll(extra);
        return props;
    }

    @AfterAll
    static void stopAndCheckTheLogs() {
        for (EmbeddedServer server : new EmbeddedServer[] {open, secured}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(LOGS);
        SAVED_LEVELS.forEach((name, level) -> {
            Logger logger = logging.getLogger(name);
            logger.setLevel(level);
            logger.detachAppender(LOGS);
            logger.setAdditive(true);
        });
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : LOGS.list) {
            lines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        // the capture works at DEBUG: the security filter's own decisions are in it
        assertThat(lines)
                .as("the run logged")
                .anyMatch(line -> line.startsWith("Unauthorized request GET /registry/subjects"));
        List<String> secrets = new ArrayList<>(List.of(TOKEN_SECRET, KEY_SECRET, STATIC_TOKEN));
        secrets.addAll(ISSUED);
        for (String secret : secrets) {
            assertThat(lines).as("log lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }

    private static Reply call(EmbeddedServer server, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("WWW-Authenticate").orElse(""),
                r.body());
    }

    private static Reply get(EmbeddedServer server, String path, String... headers) throws Exception {
        return call(server, "GET", path, null, headers);
    }

    private static String tokenFor(String keyId, String keySecret) throws Exception {
        Reply reply = call(
                secured,
                "POST",
                "/api/token",
                JSON.createObjectNode()
                        .put("keyId", keyId)
                        .put("keySecret", keySecret)
                        .toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        String token = reply.json().get("token").asText();
        ISSUED.add(token);
        return token;
    }

    private static void assertUnauthorized(Reply reply, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("retryable").asBoolean()).isFalse();
        assertThat(body.get("message").asText()).startsWith(message);
    }

    private static String jwt(String secret, String subject, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .issueTime(new Date())
                        .expirationTime(Date.from(expiry))
                        .build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void offByDefaultNothingAsksForCredentials() throws Exception {
        assertThat(open.getApplicationContext().containsBean(SecurityFilter.class))
                .isFalse();
        Reply subjects = get(open, "/registry/subjects");
        assertThat(subjects.status()).as(subjects.toString()).isEqualTo(200);
        assertThat(subjects.json().isArray()).isTrue();
        assertThat(get(open, "/registry/subjects", "X-Authorization", "anything")
                        .status())
                .isEqualTo(200);

        Reply token = call(open, "POST", "/api/token", "{\"keyId\":\"k\",\"keySecret\":\"s\"}");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token").asText()).isEqualTo(TokenController.AUTH_OFF_TOKEN);
        assertThat(open.getApplicationContext()
                        .getBean(InternalCredentials.class)
                        .header())
                .isEmpty();
        assertThat(open.getApplicationContext()
                        .getBean(InternalCredentials.class)
                        .headers())
                .isEmpty();
    }

    @Test
    void onWithoutCredentialsIsA401JsonError() throws Exception {
        assertThat(secured.getApplicationContext().containsBean(SecurityFilter.class))
                .isTrue();
        Reply none = get(secured, "/registry/subjects");
        assertUnauthorized(none, "Authentication required");
        assertThat(none.wwwAuthenticate()).startsWith("Bearer");
        assertUnauthorized(
                call(secured, "POST", "/registry/subjects/x-value/versions", "{\"schema\":\"\\\"string\\\"\"}"),
                "Authentication required");
        assertUnauthorized(get(secured, "/api/workflow/some-id"), "Authentication required");
        assertUnauthorized(get(secured, "/internal/security-probe"), "Authentication required");
        assertUnauthorized(get(secured, "/no-such-page"), "Authentication required");
        // the console's page and assets are open (they hold no data); without the console on the class path, none
        assertThat(get(secured, "/").status()).isEqualTo(404);
    }

    @Test
    void wrongOrForgedTokensAreRefused() throws Exception {
        assertUnauthorized(get(secured, "/registry/subjects", "X-Authorization", "not-a-token"), "Invalid or expired");
        assertUnauthorized(
                get(secured, "/registry/subjects", "Authorization", "Bearer " + STATIC_TOKEN + "x"),
                "Invalid or expired");
        String otherSecret = "another-secret-of-enough-length-" + UUID.randomUUID();
        assertUnauthorized(
                get(
                        secured,
                        "/registry/subjects",
                        "X-Authorization",
                        jwt(otherSecret, "ci", Instant.now().plusSeconds(600))),
                "Invalid or expired");
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("ci")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build())
                .serialize();
        assertUnauthorized(get(secured, "/registry/subjects", "X-Authorization", unsigned), "Invalid or expired");
        assertUnauthorized(
                get(secured, "/registry/subjects", "Authorization", "Bearer " + unsigned), "Invalid or expired");
        String expired = jwt(TOKEN_SECRET, "ci", Instant.now().minusSeconds(600));
        ISSUED.add(expired);
        assertUnauthorized(get(secured, "/registry/subjects", "X-Authorization", expired), "Invalid or expired");
        // the same claims with a live expiry and the configured secret are accepted: the check is the signature
        String live = jwt(TOKEN_SECRET, "ci", Instant.now().plusSeconds(600));
        ISSUED.add(live);
        assertThat(get(secured, "/registry/subjects", "X-Authorization", live).status())
                .isEqualTo(200);
    }

    @Test
    void conductorTokenExchangeThenXAuthorizationOrBearer() throws Exception {
        String token = tokenFor("ci", KEY_SECRET);
        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ci");
        long lifetime =
                (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertThat(lifetime).isEqualTo(600);

        Reply viaX = get(secured, "/registry/subjects", "X-Authorization", token);
        assertThat(viaX.status()).as(viaX.toString()).isEqualTo(200);
        assertThat(viaX.json().isArray()).isTrue();
        assertThat(get(secured, "/registry/subjects", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
        Reply probe = get(secured, "/internal/security-probe", "X-Authorization", token);
        assertThat(probe.json().get("caller").asText()).isEqualTo("ci");
        // the second key gets its own identity
        String ops = tokenFor("ops", KEY_SECRET + "-ops");
        assertThat(get(secured, "/internal/security-probe", "Authorization", "Bearer " + ops)
                        .json()
                        .get("caller")
                        .asText())
                .isEqualTo("ops");
    }

    @Test
    void staticBearerTokenForScripts() throws Exception {
        Reply reply = get(secured, "/registry/subjects", "Authorization", "Bearer " + STATIC_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(get(secured, "/internal/security-probe", "Authorization", "Bearer " + STATIC_TOKEN)
                        .json()
                        .get("caller")
                        .asText())
                .isEqualTo("static-token-1");
    }

    @Test
    void tokenEndpointRefusesWrongKeysWithA401AndNeverEchoesTheSecret() throws Exception {
        Reply wrongSecret = call(
                secured,
                "POST",
                "/api/token",
                JSON.createObjectNode()
                        .put("keyId", "ci")
                        .put("keySecret", KEY_SECRET + "-ops")
                        .toString());
        assertUnauthorized(wrongSecret, "Invalid key id or secret");
        Reply unknownId = call(
                secured,
                "POST",
                "/api/token",
                JSON.createObjectNode()
                        .put("keyId", "nobody")
                        .put("keySecret", KEY_SECRET)
                        .toString());
        assertUnauthorized(unknownId, "Invalid key id or secret");
        assertThat(wrongSecret.body()).doesNotContain(KEY_SECRET);

        Reply malformed = call(secured, "POST", "/api/token", "{\"keyId\":\"ci\",\"keySecret\":\"" + KEY_SECRET);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(malformed.body()).doesNotContain(KEY_SECRET);
        Reply missing = call(secured, "POST", "/api/token", "{\"keyId\":\"ci\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("validationErrors").get(0).get("path").asText())
                .isEqualTo("keySecret");
    }

    @Test
    void openPathsNeedNoCredentials() throws Exception {
        Reply health = get(secured, "/health/security-probe");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("caller").asText()).isEqualTo("anonymous");
        // nothing serves these in this module yet: security lets them through to the router (404, not 401)
        for (String path : List.of("/health", "/prometheus", "/openapi/baton.yml")) {
            Reply reply = get(secured, path);
            assertThat(reply.status()).as(path + " " + reply).isIn(200, 404);
        }
        assertUnauthorized(get(secured, "/health/../registry/subjects"), "Authentication required");
    }

    @Test
    void nodeToNodeCredentialIsAcceptedOnInternalPaths() throws Exception {
        InternalCredentials credentials = secured.getApplicationContext().getBean(InternalCredentials.class);
        InternalCredentials.Header header = credentials.header().orElseThrow();
        ISSUED.add(header.value());
        assertThat(header.name()).isEqualTo("X-Authorization");
        assertThat(credentials.header()).contains(header);
        assertThat(credentials.headers()).containsEntry("X-Authorization", header.value());
        Reply reply = get(secured, "/internal/security-probe", header.name(), header.value());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("caller").asText()).isEqualTo("node:baton");
    }

    @Test
    void enabledWithoutAUsableSecretFailsAtStartWithAClearMessage(KafkaTestCluster kafka) throws Exception {
        Map<String, Object> noSecret = props(kafka, Map.of("baton.auth.enabled", "true"));
        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, noSecret).stop())
                .hasStackTraceContaining("baton.auth.enabled is true but baton.auth.token-secret")
                .hasStackTraceContaining("at least 32 characters");
        Map<String, Object> securityOff = props(
                kafka,
                Map.of(
                        "baton.auth.enabled",
                        "true",
                        "baton.auth.token-secret",
                        TOKEN_SECRET,
                        "micronaut.security.enabled",
                        "false"));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, securityOff)
                        .stop())
                .hasStackTraceContaining("micronaut.security.enabled is false");
        String shortSecret = "short-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> tooShort =
                props(kafka, Map.of("baton.auth.enabled", "true", "baton.auth.token-secret", shortSecret));
        Throwable failure = null;
        try {
            ApplicationContext.run(EmbeddedServer.class, tooShort)
                    .getApplicationContext()
                    .close();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure)
                .isNotNull()
                .hasStackTraceContaining("baton.auth.token-secret is shorter than 32 characters");
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(shortSecret);
    }
}
