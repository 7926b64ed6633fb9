package dev.baton.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Baton (Micronaut HTTP server on 127.0.0.1, Kafka Streams) on the test's broker, with
 * authentication on: the browser signs in with an API key, the test's own REST calls send a
 * static token. The console's assets are on the class path (target/classes/baton-console).
 */
final class BatonUnderTest implements AutoCloseable {
    static final String KEY_ID = "console";
    static final String KEY_SECRET = "console-key-secret-" + UUID.randomUUID();
    private static final String STATIC_TOKEN = "console-static-token-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BatonUnderTest(EmbeddedServer server) {
        this.server = server;
    }

    static BatonUnderTest start(String bootstrap) {
        try {
            Map<String, Object> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", bootstrap);
            props.put(
                    "baton.data-dir", Files.createTempDirectory("baton-console").toString());
            props.put("baton.application-id", "baton-console-" + UUID.randomUUID());
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("micronaut.server.port", -1);
            props.put("baton.auth.enabled", "true");
            props.put("baton.auth.token-secret", "console-test-token-secret-" + UUID.randomUUID());
            props.put("baton.auth.api-keys", List.of(Map.of("id", KEY_ID, "secret", KEY_SECRET)));
            props.put("baton.auth.tokens", List.of(STATIC_TOKEN));
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            if (!server.getApplicationContext().getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
                server.close();
                throw new IllegalStateException("Kafka Streams did not reach RUNNING");
            }
            return new BatonUnderTest(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bean of the Baton under test (e.g. its WorkflowClient, to start many instances through Kafka). */
    <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    /** The console's address: Baton's own HTTP port. */
    String url() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    /** A REST call under /api with the static token; the body as JSON (or text), failing on a non-2xx answer. */
    JsonNode call(String method, String path, String body) {
        HttpResponse<String> r = send(method, path, body, true);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, String body) {
        return call("POST", path, body);
    }

    /** The status of a call made without any credential. */
    int statusWithoutCredentials(String path) {
        return send("GET", path, null, false).statusCode();
    }

    /** A server-sent event stream: each event as its lines joined ("event:NAME\ndata:..."), comments left out. */
    static final class EventStream implements AutoCloseable {
        private final java.util.concurrent.BlockingQueue<String> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final InputStream body;
        private final Thread reader;

        EventStream(InputStream body) {
            this.body = body;
            this.reader = new Thread(this::read, "console-sse");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            StringBuilder event = new StringBuilder();
            try (java.io.BufferedReader in =
                    new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        if (event.length() > 0) {
                            events.add(event.toString());
                            event.setLength(0);
                        }
                    } else if (!line.startsWith(":")) {
                        event.append(event.length() > 0 ? "\n" : "").append(line.replaceFirst(": ?", ":"));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        String next(Duration timeout) throws InterruptedException {
            String e = events.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new IllegalStateException("no server-sent event within " + timeout);
            }
            return e;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Follows a server-sent event stream under /api with the static token. */
    EventStream stream(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/api" + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + STATIC_TOKEN)
                .GET()
                .build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode());
        }
        return new EventStream(r.body());
    }

    /** The status of a GET with the static token. */
    int statusWithToken(String path) {
        return send("GET", path, null, true).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getPort() + "/api" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", "Bearer " + STATIC_TOKEN);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    static String resource(String path) {
        try (InputStream in = BatonUnderTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
