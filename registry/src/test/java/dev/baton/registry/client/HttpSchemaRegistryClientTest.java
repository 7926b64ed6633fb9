package dev.baton.registry.client;

import static dev.baton.registry.client.ScriptedHttpServer.error;
import static dev.baton.registry.client.ScriptedHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.registry.TestSchemas;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests the client sends and how it reads answers and errors. */
class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = TestSchemas.ORDER_V1;

    private static String quoted(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    @Test
    void registersUnderThePathPrefixWithTheRegistryContentTypeAndCaches() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> json(200, "{\"id\":21}"))) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(server.url() + "/apis/ccompat/v7/");
            assertThat(client.register("orders-value", SCHEMA)).isEqualTo(21);
            assertThat(client.register("orders-value", SCHEMA)).isEqualTo(21);

            assertThat(server.requests).hasSize(1);
            ScriptedHttpServer.Request request = server.requests.get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/apis/ccompat/v7/subjects/orders-value/versions");
            assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(SCHEMA);
            assertThat(request.authorization()).isNull();
        }
    }

    @Test
    void fetchesSchemasByIdOnceAndEncodesSubjects() throws Exception {
        String body = "{\"schema\":" + quoted(SCHEMA) + "}";
        String version = "{\"subject\":\"a b/c\",\"id\":3,\"version\":2,\"schema\":" + quoted(SCHEMA) + "}";
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                r -> r.rawPath().startsWith("/schemas/ids/") ? json(200, body) : json(200, version))) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(server.url());
            assertThat(client.getById(3).getFullName()).isEqualTo("dev.baton.registry.test.Order");
            assertThat(client.getById(3).getFields()).hasSize(2);
            RegisteredSchema v2 = client.getVersion("a b/c", 2);
            assertThat(v2).isEqualTo(new RegisteredSchema("a b/c", 3, 2, TestSchemas.parse(SCHEMA)));

            assertThat(server.requests)
                    .extracting(ScriptedHttpServer.Request::rawPath)
                    .containsExactly("/schemas/ids/3", "/subjects/a%20b%2Fc/versions/2");
        }
    }

    @Test
    void cachesTheLatestVersionForItsTtl() throws Exception {
        String latest = "{\"subject\":\"s\",\"id\":1,\"version\":1,\"schema\":" + quoted(SCHEMA) + "}";
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> json(200, latest))) {
            HttpSchemaRegistryClient cached = HttpSchemaRegistryClient.builder(server.url())
                    .latestCacheTtl(Duration.ofMinutes(1))
                    .build();
            cached.getLatest("s");
            cached.getLatest("s");
            assertThat(server.requests).hasSize(1);

            HttpSchemaRegistryClient uncached = HttpSchemaRegistryClient.builder(server.url())
                    .latestCacheTtl(Duration.ZERO)
                    .build();
            uncached.getLatest("s");
            uncached.getLatest("s");
            assertThat(server.requests).hasSize(3);
            assertThat(server.requests.get(2).rawPath()).isEqualTo("/subjects/s/versions/latest");
        }
    }

    @Test
    void turnsErrorsIntoExceptionsWithStatusAndErrorCode() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> switch (r.rawPath()) {
            case "/subjects/gone/versions/latest" -> error(404, 40401, "Subject 'gone' not found.");
            case "/subjects/s/versions" -> error(409, 409, "incompatible");
            case "/schemas/ids/9" -> json(500, "<html>oops</html>");
            case "/schemas/ids/10" ->
                json(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
            default -> error(422, 42201, "Invalid schema");
        })) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(server.url());
            assertThatThrownBy(() -> client.getLatest("gone"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40401);
                        assertThat(e.getMessage()).contains("Subject 'gone' not found.");
                    });
            assertThatThrownBy(() -> client.register("s", SCHEMA))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(409));
            assertThatThrownBy(() -> client.getById(9)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo(500);
            });
            assertThatThrownBy(() -> client.getById(10))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.getMessage()).contains("only AVRO"));
            assertThatThrownBy(() -> client.register("t", "{}"))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(42201));
        }
    }

    @Test
    void compatibilityAgainstAnUnknownSubjectIsTrue() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> r.rawPath().contains("/unknown/")
                ? error(404, 40401, "Subject not found")
                : json(200, "{\"is_compatible\":false}"))) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(server.url());
            assertThat(client.testCompatibility("unknown", SCHEMA)).isTrue();
            assertThat(client.testCompatibility("known", SCHEMA)).isFalse();
            assertThat(server.requests.get(1).rawPath()).isEqualTo("/compatibility/subjects/known/versions/latest");
        }
    }

    @Test
    void configAndListingCalls() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> switch (r.method() + " " + r.rawPath()) {
            case "GET /subjects" -> json(200, "[\"a\",\"b\"]");
            case "GET /subjects/a/versions" -> json(200, "[1,2]");
            case "GET /config" -> json(200, "{\"compatibilityLevel\":\"FULL\"}");
            case "GET /config/a?defaultToGlobal=true" -> error(404, 40408, "not configured");
            case "PUT /config/a" -> json(200, r.body());
            case "DELETE /subjects/a?permanent=true" -> json(200, "[1,2]");
            default -> error(404, 404, "no route " + r.rawPath());
        })) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(server.url());
            assertThat(client.getSubjects()).containsExactly("a", "b");
            assertThat(client.getVersions("a")).containsExactly(1, 2);
            assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL);
            assertThat(client.getCompatibility("a")).isEqualTo(CompatibilityLevel.FULL); // falls back to global
            client.setCompatibility("a", CompatibilityLevel.NONE);
            assertThat(server.requests.get(server.requests.size() - 1).body())
                    .isEqualTo("{\"compatibility\":\"NONE\"}");
            assertThat(client.deleteSubject("a", true)).containsExactly(1, 2);
        }
    }

    @Test
    void sendsBasicAuthOrBearerAndNeverPrintsThem() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> json(200, "[]"))) {
            HttpSchemaRegistryClient basic = HttpSchemaRegistryClient.builder(server.url())
                    .basicAuth("user:s3cret")
                    .build();
            basic.getSubjects();
            assertThat(server.requests.get(0).authorization())
                    .isEqualTo("Basic "
                            + Base64.getEncoder().encodeToString("user:s3cret".getBytes(StandardCharsets.UTF_8)));
            assertThat(basic.toString()).doesNotContain("s3cret");

            HttpSchemaRegistryClient fromUrl =
                    new HttpSchemaRegistryClient(server.url().replace("//", "//bob:pa%40ss@"));
            fromUrl.getSubjects();
            assertThat(server.requests.get(1).authorization())
                    .isEqualTo("Basic "
                            + Base64.getEncoder().encodeToString("bob:pa@ss".getBytes(StandardCharsets.UTF_8)));
            assertThat(fromUrl.toString()).doesNotContain("pa@ss").doesNotContain("bob");

            HttpSchemaRegistryClient bearer = HttpSchemaRegistryClient.fromConfig(
                    Map.of("schema.registry.url", server.url(), "bearer.auth.token", "tok-123"));
            bearer.getSubjects();
            assertThat(server.requests.get(2).authorization()).isEqualTo("Bearer tok-123");
            assertThat(bearer.toString()).doesNotContain("tok-123");
        }
    }

    @Test
    void failsOverToTheNextUrlAndReportsConnectionFailures() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closedPort;
        try (ScriptedHttpServer server = new ScriptedHttpServer(r -> json(200, "[\"x\"]"))) {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(dead + "," + server.url());
            assertThat(client.getSubjects()).containsExactly("x");
        }
        HttpSchemaRegistryClient onlyDead = HttpSchemaRegistryClient.builder(dead)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        assertThatThrownBy(onlyDead::getSubjects)
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.status()).isZero());
    }
}
