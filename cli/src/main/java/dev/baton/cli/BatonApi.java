package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small client for Baton's Conductor-compatible REST API: JSON in, JSON (or text) out, Conductor's
 * error body turned into an {@link ApiFailure}. Paths are relative to the base URL, which ends in
 * {@code /api}.
 */
final class BatonApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String token;

    BatonApi(String server, String token) {
        String trimmed = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new UsageFailure(
                        "--server must be an http(s) URL such as " + Baton.DEFAULT_SERVER + ", not '" + server + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageFailure("--server is not a URL: '" + server + "'");
        }
        this.base = trimmed;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A response with a 2xx status. */
    record Response(int status, String body) {
        /** The body as JSON; an empty body is JSON null. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return Json.MAPPER.nullNode();
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ApiFailure(
                        status,
                        null,
                        "the server answered with a body that is not JSON: " + ApiFailure.abbreviate(body),
                        null);
            }
        }
    }

    Response get(String path, Map<String, ?> query) {
        return send("GET", path, query, null);
    }

    Response post(String path, Map<String, ?> query, JsonNode body) {
        return send("POST", path, query, body);
    }

    Response put(String path, Map<String, ?> query, JsonNode body) {
        return send("PUT", path, query, body);
    }

    Response delete(String path, Map<String, ?> query) {
        return send("DELETE", path, query, null);
    }

    /** Sends one request; a non-2xx answer or a transport failure is an {@link ApiFailure}. */
    Response send(String method, String path, Map<String, ?> query, JsonNode body) {
        String url = base + path + queryString(query);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, text/plain");
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ApiFailure.transport(method + " " + url + " timed out");
        } catch (ConnectException e) {
            String why = describe(e);
            throw ApiFailure.transport("cannot reach the server at " + base + " ("
                    + (why.equals(e.getClass().getSimpleName()) ? "connection refused" : why) + ")");
        } catch (IOException e) {
            throw ApiFailure.transport(method + " " + url + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiFailure.transport(method + " " + url + " interrupted");
        }
        if (resp.statusCode() / 100 != 2) {
            throw ApiFailure.fromResponse(resp.statusCode(), resp.body());
        }
        return new Response(resp.statusCode(), resp.body());
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query map in insertion order, skipping null values. */
    static Map<String, Object> query(Object... keyValues) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                q.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
        }
        return q;
    }

    private static String queryString(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> {
            if (v != null) {
                j.add(URLEncoder.encode(k, StandardCharsets.UTF_8).replace("+", "%20") + "="
                        + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)
                                .replace("+", "%20"));
            }
        });
        return j.length() == 1 ? "" : j.toString();
    }

    /** The most specific message in the cause chain (the JDK client often wraps the useful one). */
    private static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }
}
