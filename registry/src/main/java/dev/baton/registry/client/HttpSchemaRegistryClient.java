package dev.baton.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (works against
 * Confluent, Apicurio's ccompat API, Karapace, Redpanda and Baton's built-in registry).
 * The base URL may carry a path prefix ({@code http://host:8080/apis/ccompat/v7}); several URLs
 * may be given comma-separated and are tried in turn on connection failures. Credentials (basic
 * auth user info or a bearer token) are sent on every request and never logged or printed.
 * Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    /** Content type of the registry's API. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ClientCache cache;

    private HttpSchemaRegistryClient(Builder b) {
        List<String> urls = new ArrayList<>();
        String userInfoFromUrl = null;
        for (String raw : b.urls.split(",")) {
            String url = raw.trim();
            if (url.isEmpty()) {
                continue;
            }
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() != null) {
                userInfoFromUrl = decode(uri.getRawUserInfo());
                url = url.replaceFirst("//" + java.util.regex.Pattern.quote(uri.getRawUserInfo()) + "@", "//");
            }
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            urls.add(url);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        this.baseUrls = List.copyOf(urls);
        String userInfo = b.basicAuthUserInfo != null ? b.basicAuthUserInfo : userInfoFromUrl;
        if (b.bearerToken != null && !b.bearerToken.isEmpty()) {
            this.authorization = "Bearer " + b.bearerToken;
        } else if (userInfo != null && !userInfo.isEmpty()) {
            this.authorization =
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        } else {
            this.authorization = null;
        }
        this.requestTimeout = b.requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.cache = new ClientCache(b.latestCacheTtl, System::nanoTime);
    }

    /**
     * A client without authentication and with default timeouts.
     *
     * @param url base URL (comma-separated for several)
     */
    public HttpSchemaRegistryClient(String url) {
        this(builder(url));
    }

    /**
     * @param url base URL, may contain a path prefix; comma-separated for several
     * @return a builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** @return the base URLs this client talks to (without credentials) */
    public List<String> baseUrls() {
        return baseUrls;
    }

    @Override
    public int register(String subject, String schema) {
        Integer cached = cache.id(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + seg(subject) + "/versions", schemaBody(schema));
        int id = response.path("id").asInt();
        cache.putId(subject, schema, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = cache.schema(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parseAvro(response);
        cache.putSchema(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        RegisteredSchema cached = cache.latest(subject);
        if (cached != null) {
            return cached;
        }
        RegisteredSchema latest = fetchVersion(subject, "latest");
        cache.putLatest(latest);
        return latest;
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return fetchVersion(subject, Integer.toString(version));
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        JsonNode response = send("POST", "/subjects/" + seg(subject), schemaBody(schema));
        RegisteredSchema found = toRegistered(subject, response);
        cache.putId(subject, schema, found.id());
        return found;
    }

    @Override
    public boolean testCompatibility(String subject, String schema) {
        try {
            JsonNode response =
                    send("POST", "/compatibility/subjects/" + seg(subject) + "/versions/latest", schemaBody(schema));
            return response.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> getSubjects() {
        List<String> out = new ArrayList<>();
        send("GET", "/subjects", null).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return intList(send("GET", "/subjects/" + seg(subject) + "/versions", null));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        if (subject == null) {
            return level(send("GET", "/config", null));
        }
        try {
            return level(send("GET", "/config/" + seg(subject) + "?defaultToGlobal=true", null));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return level(send("GET", "/config", null));
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", subject == null ? "/config" : "/config/" + seg(subject), body);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> versions =
                intList(send("DELETE", "/subjects/" + seg(subject) + (permanent ? "?permanent=true" : ""), null));
        cache.invalidateSubject(subject);
        return versions;
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient" + baseUrls + (authorization == null ? "" : " (authenticated)");
    }

    private RegisteredSchema fetchVersion(String subject, String version) {
        RegisteredSchema found =
                toRegistered(subject, send("GET", "/subjects/" + seg(subject) + "/versions/" + version, null));
        cache.putSchema(found.id(), found.schema());
        return found;
    }

    private RegisteredSchema toRegistered(String subject, JsonNode n) {
        Schema schema = parseAvro(n);
        String s = n.hasNonNull("subject") ? n.get("subject").asText() : subject;
        return new RegisteredSchema(s, n.path("id").asInt(), n.path("version").asInt(), schema);
    }

    private static Schema parseAvro(JsonNode n) {
        String type = n.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(
                    422,
                    SchemaRegistryException.INVALID_SCHEMA,
                    "Schema is of type " + type + ", only AVRO is supported");
        }
        return AvroSchemas.parse(n.path("schema").asText());
    }

    private static CompatibilityLevel level(JsonNode n) {
        JsonNode v = n.hasNonNull("compatibilityLevel") ? n.get("compatibilityLevel") : n.get("compatibility");
        return CompatibilityLevel.parse(v == null ? null : v.asText());
    }

    private static List<Integer> intList(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asInt()));
        return out;
    }

    private static ObjectNode schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        SchemaRegistryException lastConnectFailure = null;
        for (String base : baseUrls) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(requestTimeout)
                    .header("Accept", ACCEPT);
            if (authorization != null) {
                rb.header("Authorization", authorization);
            }
            if (body != null) {
                rb.header("Content-Type", CONTENT_TYPE);
                rb.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.net.http.HttpTimeoutException e) {
                throw new SchemaRegistryException(
                        0,
                        SchemaRegistryException.OPERATION_TIMEOUT,
                        method + " " + base + path + " timed out after " + requestTimeout.toMillis() + " ms",
                        e);
            } catch (IOException e) {
                lastConnectFailure = new SchemaRegistryException(
                        0, SchemaRegistryException.STORE_ERROR, method + " " + base + path + " failed: " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        0, SchemaRegistryException.OPERATION_TIMEOUT, method + " " + base + path + " interrupted", e);
            }
            return handle(method, base + path, response);
        }
        throw Objects.requireNonNull(lastConnectFailure);
    }

    private static JsonNode handle(String method, String url, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = null;
        String text = response.body() == null ? "" : response.body();
        try {
            json = text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw new SchemaRegistryException(
                        status,
                        SchemaRegistryException.STORE_ERROR,
                        method + " " + url + " returned a body that is not JSON",
                        e);
            }
        }
        if (status / 100 == 2) {
            return json;
        }
        int code = status;
        String message = text.length() > 500 ? text.substring(0, 500) : text;
        if (json != null && json.isObject()) {
            code = json.path("error_code").asInt(status);
            message = json.path("message").asText(message);
        }
        throw new SchemaRegistryException(status, code, message + " (" + method + " " + url + ", HTTP " + status + ")");
    }

    private static String seg(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Builder of {@link HttpSchemaRegistryClient}. */
    public static final class Builder {
        private final String urls;
        private String basicAuthUserInfo;
        private String bearerToken;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration latestCacheTtl = Duration.ofSeconds(5);

        private Builder(String urls) {
            this.urls = Objects.requireNonNull(urls, "url");
        }

        /** @param userInfo "user:password" for HTTP basic auth @return this */
        public Builder basicAuth(String userInfo) {
            this.basicAuthUserInfo = userInfo;
            return this;
        }

        /** @param token bearer token (takes precedence over basic auth) @return this */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        /** @param timeout TCP connect timeout (default 10 s) @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** @param timeout timeout of a whole request (default 30 s) @return this */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** @param ttl how long the latest version of a subject is cached (default 5 s, zero disables) @return this */
        public Builder latestCacheTtl(Duration ttl) {
            this.latestCacheTtl = ttl;
            return this;
        }

        /** @return the client */
        public HttpSchemaRegistryClient build() {
            return new HttpSchemaRegistryClient(this);
        }
    }

    /**
     * Builds a client from serializer-style configuration: {@code schema.registry.url},
     * {@code basic.auth.user.info}, {@code bearer.auth.token},
     * {@code schema.registry.connect.timeout.ms}, {@code schema.registry.request.timeout.ms},
     * {@code latest.cache.ttl.sec}.
     *
     * @param config configuration map
     * @return the client
     */
    public static HttpSchemaRegistryClient fromConfig(Map<String, ?> config) {
        Object url = config.get("schema.registry.url");
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is required");
        }
        Builder b = builder(
                url instanceof List<?> l
                        ? String.join(",", l.stream().map(Object::toString).toList())
                        : url.toString());
        Object userInfo = config.containsKey("basic.auth.user.info")
                ? config.get("basic.auth.user.info")
                : config.get("schema.registry.basic.auth.user.info");
        if (userInfo != null && !"URL".equalsIgnoreCase(String.valueOf(config.get("basic.auth.credentials.source")))) {
            b.basicAuth(userInfo.toString());
        }
        Object token = config.get("bearer.auth.token");
        if (token != null) {
            b.bearerToken(token.toString());
        }
        Object connect = config.get("schema.registry.connect.timeout.ms");
        if (connect != null) {
            b.connectTimeout(Duration.ofMillis(Long.parseLong(connect.toString())));
        }
        Object request = config.get("schema.registry.request.timeout.ms");
        if (request != null) {
            b.requestTimeout(Duration.ofMillis(Long.parseLong(request.toString())));
        }
        Object ttl = config.get("latest.cache.ttl.sec");
        if (ttl != null) {
            b.latestCacheTtl(Duration.ofSeconds(Math.max(0, Long.parseLong(ttl.toString()))));
        }
        return b.build();
    }
}
