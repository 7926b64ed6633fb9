package dev.baton.orchestrator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP request a task asks for, read from Conductor's {@code http_request} input:
 * {@code uri}, {@code method}, {@code headers}, {@code body}, {@code contentType}, {@code accept},
 * {@code connectionTimeOut} and {@code readTimeOut} (milliseconds).
 *
 * @param uri            absolute http(s) URI
 * @param method         upper-case method
 * @param headers        header name/value pairs other than Content-Type and Accept
 * @param body           body bytes, or null for none
 * @param contentType    Content-Type sent with a body
 * @param accept         Accept header
 * @param connectTimeout connect timeout (clamped to the limit)
 * @param readTimeout    read timeout (clamped to the limit)
 */
record HttpCall(
        URI uri,
        String method,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String contentType,
        String accept,
        Duration connectTimeout,
        Duration readTimeout) {

    /** The input key Conductor's HTTP task reads its request from. */
    static final String INPUT_KEY = "http_request";

    static final String DEFAULT_MEDIA_TYPE = "application/json";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Reads the request from a task input. */
    static HttpCall from(JsonNode input, HttpTaskLimits limits, ObjectMapper mapper)
            throws InvalidHttpRequestException {
        JsonNode req = input == null ? null : input.get(INPUT_KEY);
        if (req == null || req.isNull() || req.isMissingNode()) {
            req = input; // as in Conductor: without http_request, the input itself is the request
        }
        if (req == null) {
            throw new InvalidHttpRequestException(ConductorHttpReasons.MISSING_URI);
        }
        if (!req.isObject()) {
            throw new InvalidHttpRequestException(INPUT_KEY + " must be a JSON object, not " + req.getNodeType());
        }
        URI uri = uri(req.get("uri"));
        String method = method(req.get("method"));

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String headerContentType = null;
        String headerAccept = null;
        JsonNode h = req.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new InvalidHttpRequestException(
                        field("headers") + " must be a JSON object, not " + h.getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                for (String value : headerValues(name, e.getValue())) {
                    if (name.equalsIgnoreCase("Content-Type")) {
                        headerContentType = value;
                    } else if (name.equalsIgnoreCase("Accept")) {
                        headerAccept = value;
                    } else {
                        headers.add(Map.entry(name, value));
                    }
                }
            }
        }
        String contentType = firstNonBlank(text(req, "contentType"), headerContentType, DEFAULT_MEDIA_TYPE);
        String accept = firstNonBlank(text(req, "accept"), headerAccept, DEFAULT_MEDIA_TYPE);
        byte[] body = body(req.get("body"), contentType, mapper);
        Duration connect =
                timeout(req, "connectionTimeOut", limits.defaultConnectTimeout(), limits.maxConnectTimeout());
        Duration read = timeout(req, "readTimeOut", limits.defaultReadTimeout(), limits.maxReadTimeout());
        return new HttpCall(uri, method, List.copyOf(headers), body, contentType, accept, connect, read);
    }

    /** Whether a media type is JSON: application/json, text/json or any {@code +json} type. */
    static boolean isJson(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
    }

    /** The charset parameter of a media type, UTF-8 when absent or unknown. */
    static Charset charset(String mediaType) {
        if (mediaType != null) {
            for (String param : mediaType.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** scheme://host[:port]/path of a URI, without user info, query or fragment (which may carry secrets). */
    static String describe(URI uri) {
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        return sb.toString();
    }

    private static URI uri(JsonNode node) throws InvalidHttpRequestException {
        if (node == null || node.isNull()) {
            throw new InvalidHttpRequestException(ConductorHttpReasons.MISSING_URI);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidHttpRequestException(field("uri") + " must be a non-empty string");
        }
        URI uri;
        try {
            uri = new URI(node.asText().trim());
        } catch (URISyntaxException e) {
            throw new InvalidHttpRequestException(
                    field("uri") + " is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new InvalidHttpRequestException(field("uri") + " must be an absolute http or https URI");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidHttpRequestException(field("uri") + " has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidHttpRequestException(
                    field("uri") + " must not carry user info; send credentials" + " in an Authorization header");
        }
        return uri;
    }

    private static String method(JsonNode node) throws InvalidHttpRequestException {
        if (node == null || node.isNull()) {
            return "GET";
        }
        if (!node.isTextual()) {
            throw new InvalidHttpRequestException(field("method") + " must be a string");
        }
        String m = node.asText().trim().toUpperCase(Locale.ROOT);
        if (m.isEmpty()) {
            return "GET";
        }
        if (!METHODS.contains(m)) {
            throw new InvalidHttpRequestException("Invalid HTTP method: " + abbreviate(node.asText()));
        }
        return m;
    }

    private static List<String> headerValues(String name, JsonNode value) throws InvalidHttpRequestException {
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isValueNode()) {
            out.add(value.asText());
            return out;
        }
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (v.isNull()) {
                    continue;
                }
                if (!v.isValueNode()) {
                    throw new InvalidHttpRequestException(
                            field("headers." + abbreviate(name)) + " must be a string or an array of strings");
                }
                out.add(v.asText());
            }
            return out;
        }
        throw new InvalidHttpRequestException(
                field("headers." + abbreviate(name)) + " must be a string or an array of strings");
    }

    private static byte[] body(JsonNode body, String contentType, ObjectMapper mapper)
            throws InvalidHttpRequestException {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (body.isTextual() && !isJson(contentType)) {
            return body.asText().getBytes(charset(contentType));
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new InvalidHttpRequestException(field("body") + " cannot be written as JSON");
        }
    }

    private static Duration timeout(JsonNode req, String name, Duration fallback, Duration max)
            throws InvalidHttpRequestException {
        JsonNode node = req.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        long ms;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            ms = node.asLong();
        } else if (node.isTextual() && node.asText().trim().matches("\\d{1,12}")) {
            ms = Long.parseLong(node.asText().trim());
        } else {
            throw new InvalidHttpRequestException(field(name) + " must be a whole number of milliseconds");
        }
        if (ms <= 0) {
            throw new InvalidHttpRequestException(field(name) + " must be positive");
        }
        Duration d = Duration.ofMillis(ms);
        return d.compareTo(max) > 0 ? max : d;
    }

    private static String text(JsonNode req, String name) throws InvalidHttpRequestException {
        JsonNode node = req.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidHttpRequestException(field(name) + " must be a string");
        }
        return node.asText();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    static String field(String name) {
        return INPUT_KEY + "." + name;
    }

    static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
