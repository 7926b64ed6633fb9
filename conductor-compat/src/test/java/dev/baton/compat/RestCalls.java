package dev.baton.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP calls to a server's Conductor API, as a script would make them: method, path, query, body. */
final class RestCalls {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;

    /** @param apiUrl the API's base, ending in {@code /api} */
    RestCalls(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** A response: status, content type (or empty) and body. */
    record Reply(int status, String contentType, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " [" + contentType + "] "
                    + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    Reply get(String path) {
        return call("GET", path, Map.of(), null);
    }

    Reply post(String path, String json) {
        return call("POST", path, Map.of(), json);
    }

    Reply put(String path, String json) {
        return call("PUT", path, Map.of(), json);
    }

    Reply delete(String path) {
        return call("DELETE", path, Map.of(), null);
    }

    /** A call to {@code /api<path>} with query parameters (encoded here) and an optional JSON (or text) body. */
    Reply call(String method, String path, Map<String, String> query, String body) {
        String q = query.isEmpty()
                ? ""
                : "?"
                        + query.entrySet().stream()
                                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path + q))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A path segment or query value, percent-encoded. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
