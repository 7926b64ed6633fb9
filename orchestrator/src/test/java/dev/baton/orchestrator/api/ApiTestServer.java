package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import dev.baton.testkit.TempDirs;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A real orchestrator with its HTTP server on a random port, on a given broker, and a plain HTTP client for it. */
final class ApiTestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedServer server;
    final String base;
    private final java.nio.file.Path dataDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, content type and body text. */
    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    private ApiTestServer(EmbeddedServer server, java.nio.file.Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.base = "http://127.0.0.1:" + server.getPort();
    }

    static ApiTestServer start(String bootstrap, Map<String, Object> extra) {
        try {
            Map<String, Object> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", bootstrap);
            java.nio.file.Path dataDir = Files.createTempDirectory("baton-api-it");
            props.put("baton.data-dir", dataDir.toString());
            props.put("baton.application-id", "baton-api-it-" + UUID.randomUUID());
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("micronaut.server.port", -1);
            props.putAll(extra);
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
            if (!server.getApplicationContext().getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(90))) {
                server.getApplicationContext().close();
                throw new IllegalStateException("Kafka Streams did not reach RUNNING");
            }
            return new ApiTestServer(server, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    Reply put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any method, any body (null: none), any content type (null: none). */
    Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
        TempDirs.delete(dataDir);
    }
}
