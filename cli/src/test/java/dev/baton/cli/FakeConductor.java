package dev.baton.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in Conductor server on 127.0.0.1 (random port): records every request and answers with
 * canned responses per "METHOD /path" (queued; the last one repeats), or a Conductor 404 body.
 */
final class FakeConductor implements AutoCloseable {

    /** A request as the server received it. */
    record Request(
            String method,
            String path,
            String rawQuery,
            Map<String, String> query,
            Map<String, List<String>> headers,
            String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A canned answer. */
    record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> answers = new HashMap<>();

    FakeConductor() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL a client uses, ending in /api. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** Queues a JSON answer for a method and path (under /api). */
    FakeConductor json(String method, String path, int status, String body) {
        return answer(method, path, new Answer(status, "application/json", body));
    }

    FakeConductor text(String method, String path, int status, String body) {
        return answer(method, path, new Answer(status, "text/plain", body));
    }

    FakeConductor answer(String method, String path, Answer answer) {
        synchronized (answers) {
            answers.computeIfAbsent(method + " /api" + path, k -> new ArrayDeque<>())
                    .add(answer);
        }
        return this;
    }

    /** Forgets every canned answer. */
    void clear() {
        synchronized (answers) {
            answers.clear();
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String raw = ex.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(k, v);
            }
        }
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request(ex.getRequestMethod(), path, raw, query, Map.copyOf(ex.getRequestHeaders()), body));
        Answer a;
        synchronized (answers) {
            Deque<Answer> q = answers.get(ex.getRequestMethod() + " " + path);
            a = q == null || q.isEmpty() ? null : (q.size() > 1 ? q.poll() : q.peek());
        }
        if (a == null) {
            a = new Answer(
                    404,
                    "application/json",
                    "{\"status\":404,\"code\":\"NOT_FOUND\",\"message\":\"no route " + ex.getRequestMethod() + " "
                            + path + "\",\"retryable\":false}");
        }
        byte[] bytes = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
        if (a.contentType() != null) {
            ex.getResponseHeaders().add("Content-Type", a.contentType());
        }
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
