package dev.baton.orchestrator.http;

import static dev.baton.orchestrator.http.TestHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTaskHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTaskHandler handler = new HttpTaskHandler();
    private final CountDownLatch release = new CountDownLatch(1);
    private TestHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer()
                .route("/items/7", ex -> respond(ex, 200, "application/json", "{\"id\":7,\"tags\":[\"a\",\"b\"]}"))
                .route("/orders", ex -> respond(ex, 201, "application/json; charset=utf-8", "{\"orderId\":\"o-1\"}"))
                .route("/missing", ex -> respond(ex, 404, "application/json", "{\"error\":\"no such thing\"}"))
                .route("/boom", ex -> respond(ex, 500, "text/plain", "database down"))
                .route("/busy", ex -> respond(ex, 429, null, ""))
                .route("/lines", ex -> respond(ex, 502, "text/plain", "line one\nline two\r\n"))
                .route("/big-error", ex -> respond(ex, 500, "text/plain", "e".repeat(5000)))
                .route("/text", ex -> respond(ex, 200, "text/plain; charset=utf-8", "hello, wörld"))
                .route("/empty", ex -> respond(ex, 204, null, ""))
                .route("/slow", ex -> {
                    awaitRelease();
                    respond(ex, 200, "application/json", "{}");
                })
                .route("/big", ex -> respond(ex, 200, "application/json", "\"" + "x".repeat(4096) + "\""))
                .route("/chunked", ex -> {
                    ex.sendResponseHeaders(200, 0); // no Content-Length: the limit applies while reading
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 64; i++) {
                            out.write("y".repeat(1024).getBytes());
                        }
                    }
                })
                .route("/see-other", ex -> {
                    ex.getResponseHeaders().add("Location", "/items/7");
                    respond(ex, 303, null, "");
                })
                .route("/to-https", ex -> {
                    ex.getResponseHeaders().add("Location", "https://127.0.0.1:1/secure");
                    respond(ex, 302, null, "");
                })
                .route("/loop", ex -> {
                    ex.getResponseHeaders().add("Location", "/loop");
                    respond(ex, 307, null, "");
                });
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.close();
    }

    @Test
    void getReturnsTheJsonResponse() {
        TaskResult r = handle(request(server.url("/items/7")));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        JsonNode response = r.output().get("response");
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("reasonPhrase").asText()).isEqualTo("OK");
        assertThat(response.get("body")).isEqualTo(json("{\"id\":7,\"tags\":[\"a\",\"b\"]}"));
        assertThat(header(response, "content-type")).isEqualTo("application/json");
        // named as the server sends them over HTTP/1.1, as Conductor shows them
        assertThat(response.get("headers").get("Content-Type").get(0).asText()).isEqualTo("application/json");
        TestHttpServer.Received req = server.last();
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.headers().getFirst("Accept")).isEqualTo("application/json");
        assertThat(req.body()).isEmpty();
    }

    @Test
    void postSendsTheBodyAsJsonWithTheHeaders() {
        ObjectNode input = request(server.url("/orders?src=test"));
        ObjectNode req = (ObjectNode) input.get("http_request");
        req.put("method", "post");
        req.set("body", json("{\"item\":\"book\",\"qty\":2,\"gift\":true}"));
        ObjectNode headers = req.putObject("headers");
        headers.put("X-Request-Id", "r-42");
        headers.putArray("X-Tags").add("one").add("two");
        headers.put("Authorization", "Bearer s3cr3t");

        TaskResult r = handle(input);

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/statusCode").asInt()).isEqualTo(201);
        assertThat(r.output().at("/response/reasonPhrase").asText()).isEqualTo("Created");
        assertThat(r.output().at("/response/body/orderId").asText()).isEqualTo("o-1");
        TestHttpServer.Received got = server.last();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.query()).isEqualTo("src=test");
        assertThat(json(got.body())).isEqualTo(json("{\"item\":\"book\",\"qty\":2,\"gift\":true}"));
        assertThat(got.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(got.headers().getFirst("X-Request-Id")).isEqualTo("r-42");
        assertThat(got.headers().get("X-Tags")).containsExactly("one", "two");
        assertThat(got.headers().getFirst("Authorization")).isEqualTo("Bearer s3cr3t");
    }

    @Test
    void theRequestCarriesTheSecretsItsInputNamesWhileTheInputKeepsTheReferences() {
        HttpTaskHandler withSecrets = new HttpTaskHandler(HttpTaskLimits.DEFAULTS, new dev.baton.engine.Environment() {
            @Override
            public String secret(String name) {
                return "HTTP_TOKEN".equals(name) ? "s3cr3t" : null;
            }

            @Override
            public String env(String name) {
                return null;
            }
        });
        ObjectNode input = request(server.url("/orders"));
        ObjectNode req = (ObjectNode) input.get("http_request");
        req.put("method", "POST");
        req.putObject("headers").put("X-Secret", "${workflow.secrets.HTTP_TOKEN}");
        req.putObject("body").put("auth", "Bearer ${workflow.secrets.HTTP_TOKEN}");

        TaskResult r = withSecrets.handle(ctx(input));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        TestHttpServer.Received got = server.last();
        assertThat(got.headers().getFirst("X-Secret")).isEqualTo("s3cr3t");
        assertThat(json(got.body())).isEqualTo(json("{\"auth\":\"Bearer s3cr3t\"}"));
        assertThat(input.at("/http_request/headers/X-Secret").asText()).isEqualTo("${workflow.secrets.HTTP_TOKEN}");
    }

    @Test
    void aStringBodyWithATextContentTypeIsSentAsIs() {
        ObjectNode input = request(server.url("/orders"));
        ObjectNode req = (ObjectNode) input.get("http_request");
        req.put("method", "PUT");
        req.put("contentType", "text/plain; charset=utf-8");
        req.put("body", "plain words");

        assertThat(handle(input).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(server.last().body()).isEqualTo("plain words");
        assertThat(server.last().headers().getFirst("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void aStringBodyWithAJsonContentTypeIsSentAsAJsonString() {
        ObjectNode input = request(server.url("/orders"));
        ((ObjectNode) input.get("http_request")).put("method", "POST").put("body", "quoted");

        assertThat(handle(input).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(server.last().body()).isEqualTo("\"quoted\"");
    }

    /**
     * Conductor 3.32.1 fails a 404 (retryable) with Spring's message for it; its output's {@code response} is the
     * exception's text, not the response.
     */
    @Test
    void notFoundIsAFailureWithConductorsReasonAndOutput() {
        TaskResult r = handle(request(server.url("/missing?token=secret")));

        String reason = "Failed to invoke HTTP task due to: java.lang.Exception: 404 Not Found on GET request for \""
                + server.url("/missing") + "\": \"{\"error\":\"no such thing\"}\"";
        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason()).isEqualTo(reason).doesNotContain("secret");
        assertThat(r.output().toString())
                .isEqualTo(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("response", reason.substring("Failed to invoke HTTP task due to: ".length()))
                        .toString());
    }

    @Test
    void serverErrorIsARetryableFailure() {
        TaskResult r = handle(request(server.url("/boom")));

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .isEqualTo("Failed to invoke HTTP task due to: java.lang.Exception: 500 Internal Server"
                        + " Error on GET request for \"" + server.url("/boom") + "\": \"database down\"");
        assertThat(r.output().get("response").asText()).startsWith("java.lang.Exception: 500 Internal Server Error");
    }

    @Test
    void aFailureWithoutABodySaysSoAndNewlinesInABodyAreMarked() {
        TaskResult busy = handle(request(server.url("/busy")));
        TaskResult lines = handle(request(server.url("/lines")));

        assertThat(busy.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(busy.reason())
                .endsWith("429 Too Many Requests on GET request for \"" + server.url("/busy") + "\": [no body]");
        assertThat(lines.reason()).endsWith(": \"line one<EOL>line two<EOL><EOL>\"");
        TaskResult big = handle(request(server.url("/big-error")));
        assertThat(big.reason()).endsWith(": \"" + "e".repeat(500) + "\"");
    }

    @Test
    void aSlowServerIsARetryableTimeout() {
        ObjectNode input = request(server.url("/slow"));
        ((ObjectNode) input.get("http_request")).put("readTimeOut", 300).put("connectionTimeOut", 200);

        long start = System.nanoTime();
        TaskResult r = handle(input);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .isEqualTo("Failed to invoke HTTP task due to: java.lang.Exception: I/O error on GET"
                        + " request for \"http://127.0.0.1:" + server.port() + "/slow\": Read timed out");
    }

    @Test
    void aRefusedConnectionIsARetryableFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TaskResult r = handle(request("http://127.0.0.1:" + port + "/x?token=secret"));

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .isEqualTo("Failed to invoke HTTP task due to: java.lang.Exception: I/O error on GET"
                        + " request for \"http://127.0.0.1:" + port + "/x\": Connect to http://127.0.0.1:" + port
                        + " failed: Connection refused");
    }

    @Test
    void anUnknownHostIsARetryableFailure() {
        TaskResult r = handle(request("http://no-such-host.invalid/x"));

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .isEqualTo(
                        "Failed to invoke HTTP task due to: java.lang.Exception: I/O error on GET"
                                + " request for \"http://no-such-host.invalid/x\": no-such-host.invalid: Name or service not known");
    }

    @Test
    void aNonJsonBodyIsReturnedAsText() {
        TaskResult r = handle(request(server.url("/text")));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/body").isTextual()).isTrue();
        assertThat(r.output().at("/response/body").asText()).isEqualTo("hello, wörld");
    }

    @Test
    void anEmptyBodyIsNull() {
        TaskResult r = handle(request(server.url("/empty")));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/statusCode").asInt()).isEqualTo(204);
        assertThat(r.output().at("/response/body").isNull()).isTrue();
    }

    @Test
    void aResponseOverTheLimitIsATerminalFailure() {
        HttpTaskHandler small = new HttpTaskHandler(HttpTaskLimits.DEFAULTS.withMaxResponseBytes(1024));

        TaskResult declared = small.handle(ctx(request(server.url("/big"))));
        TaskResult streamed = small.handle(ctx(request(server.url("/chunked"))));

        assertThat(declared.status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(declared.reason()).isEqualTo("response larger than 1024 bytes");
        assertThat(declared.output().at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(streamed.status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(streamed.reason()).isEqualTo("response larger than 1024 bytes");
    }

    @Test
    void aMissingUriFailsInConductorsWords() {
        TaskResult r = handle(json("{\"http_request\":{\"method\":\"GET\"}}"));

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .isEqualTo("Missing HTTP URI.  See documentation for HttpTask for required input parameters");
        assertThat(handle(json("{}")).reason()).isEqualTo(r.reason());
    }

    @Test
    void withoutHttpRequestTheInputItselfIsTheRequest() {
        TaskResult r = handle(json("{\"uri\":\"" + server.url("/items/7") + "\",\"method\":\"GET\"}"));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/body/id").asInt()).isEqualTo(7);
    }

    @Test
    void aMalformedRequestFailsNamingTheField() {
        String prefix = "Failed to invoke HTTP task due to: java.lang.IllegalArgumentException: ";
        assertThat(handle(json("{\"http_request\":\"GET /\"}")).reason())
                .isEqualTo(prefix + "http_request must be a JSON object, not STRING");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"ftp://127.0.0.1/x\"}}"))
                        .reason())
                .startsWith(prefix + "http_request.uri must be an absolute http or https URI");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"/relative\"}}")).reason())
                .startsWith(prefix + "http_request.uri must be an absolute http or https URI");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"http://127.0.0.1/\",\"method\":\"FETCH\"}}"))
                        .reason())
                .isEqualTo(prefix + "Invalid HTTP method: FETCH");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"http://127.0.0.1/\",\"readTimeOut\":\"soon\"}}"))
                        .reason())
                .isEqualTo(prefix + "http_request.readTimeOut must be a whole number of milliseconds");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"http://127.0.0.1/\",\"headers\":[\"a\"]}}"))
                        .reason())
                .isEqualTo(prefix + "http_request.headers must be a JSON object, not ARRAY");
        assertThat(handle(json("{\"http_request\":{\"uri\":\"http://127.0.0.1/\",\"headers\":{\"X\":{\"a\":1}}}}"))
                        .status())
                .isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aRestrictedHeaderIsRefusedWithoutEchoingItsValue() {
        ObjectNode input = request(server.url("/items/7"));
        ((ObjectNode) input.get("http_request")).putObject("headers").put("Host", "evil.example");

        TaskResult r = handle(input);

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(r.reason())
                .startsWith("Failed to invoke HTTP task due to: java.lang.IllegalArgumentException:"
                        + " http_request.headers.Host cannot be sent")
                .doesNotContain("evil.example");
        assertThat(server.received).isEmpty();
    }

    @Test
    void aRedirectWithinTheSchemeIsFollowedAndSeeOtherBecomesGet() {
        ObjectNode input = request(server.url("/see-other"));
        ((ObjectNode) input.get("http_request")).put("method", "POST").set("body", json("{\"a\":1}"));

        TaskResult r = handle(input);

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/body/id").asInt()).isEqualTo(7);
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().path()).isEqualTo("/items/7");
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() {
        TaskResult r = handle(request(server.url("/to-https")));

        assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(r.output().at("/response/statusCode").asInt()).isEqualTo(302);
        assertThat(header(r.output().get("response"), "location")).isEqualTo("https://127.0.0.1:1/secure");
    }

    @Test
    void credentialsAreNotSentToAnotherOrigin() throws IOException {
        try (TestHttpServer other = new TestHttpServer()
                .route("/landing", ex -> respond(ex, 200, "application/json", "{\"landed\":true}"))) {
            server.route("/elsewhere", ex -> {
                ex.getResponseHeaders().add("Location", other.url("/landing"));
                respond(ex, 302, null, "");
            });
            ObjectNode input = request(server.url("/elsewhere"));
            ((ObjectNode) input.get("http_request"))
                    .putObject("headers")
                    .put("Authorization", "Bearer s3cr3t")
                    .put("X-Kept", "yes");

            TaskResult r = handle(input);

            assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(r.output().at("/response/body/landed").asBoolean()).isTrue();
            assertThat(server.last().headers().getFirst("Authorization")).isEqualTo("Bearer s3cr3t");
            assertThat(other.last().headers().containsKey("Authorization")).isFalse();
            assertThat(other.last().headers().getFirst("X-Kept")).isEqualTo("yes");
        }
    }

    @Test
    void redirectLoopsEndInATerminalFailure() {
        TaskResult r = handle(request(server.url("/loop")));

        assertThat(r.status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(r.reason()).startsWith("too many redirects: more than 5");
        assertThat(server.received).hasSize(6);
    }

    private TaskResult handle(JsonNode input) {
        return handler.handle(ctx(input));
    }

    private static TaskContext ctx(JsonNode input) {
        return new TaskContext(
                "wf-1",
                "task-1",
                "call_api",
                "HTTP",
                0,
                null,
                null,
                "baton.replies",
                (ObjectNode) input,
                new RecordHeaders(),
                HttpTaskWorker.COMMAND_TOPIC,
                0,
                0L);
    }

    private static ObjectNode request(String uri) {
        ObjectNode input = JSON.createObjectNode();
        input.putObject("http_request").put("uri", uri);
        return input;
    }

    private static String header(JsonNode response, String name) {
        var fields = response.get("headers").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().get(0).asText();
            }
        }
        return null;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void headerNamesAreSpelledAsHttp11ServersSpellThem() {
        assertThat(HttpTaskHandler.canonical("content-type")).isEqualTo("Content-Type");
        assertThat(HttpTaskHandler.canonical("x-request-id")).isEqualTo("X-Request-Id");
        assertThat(HttpTaskHandler.canonical("etag")).isEqualTo("Etag");
    }
}
