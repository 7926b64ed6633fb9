package dev.baton.orchestrator.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** JSON bodies of the Confluent-compatible registry API, built and parsed with Jackson directly. */
final class RegistryJson {

    /** Content type of every response. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryJson() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array(Collection<?> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(v -> array.add(JSON.valueToTree(v)));
        return array;
    }

    static ObjectNode version(RegisteredSchema r) {
        return object().put("subject", r.subject())
                .put("version", r.version())
                .put("id", r.id())
                .put("schema", r.schemaString());
    }

    static MutableHttpResponse<String> ok(JsonNode body) {
        return respond(HttpStatus.OK, body.toString());
    }

    static MutableHttpResponse<String> respond(HttpStatus status, String json) {
        return HttpResponse.<String>status(status).contentType(CONTENT_TYPE).body(json);
    }

    static MutableHttpResponse<String> error(int status, int errorCode, String message) {
        HttpStatus httpStatus;
        try {
            httpStatus = HttpStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            httpStatus = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return respond(
                httpStatus,
                object().put("error_code", errorCode).put("message", message).toString());
    }

    /** Parses a request body; a missing or malformed body is a 400/422 registry error. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new SchemaRegistryException(
                    422, SchemaRegistryException.UNPROCESSABLE_ENTITY, "Request body is required");
        }
        try {
            JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException(
                        422, SchemaRegistryException.UNPROCESSABLE_ENTITY, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(400, 400, "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SchemaRegistryException(400, 400, "Unreadable body: " + e.getMessage());
        }
    }

    /** The {@code schema} of a registration/lookup/compatibility body; only AVRO without references. */
    static String schemaOf(byte[] body) {
        JsonNode node = parse(body);
        String type = node.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw SchemaRegistryException.invalidSchema(
                    "schemaType " + type + " is not supported; this registry holds AVRO only");
        }
        if (node.path("references").size() > 0) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported");
        }
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw SchemaRegistryException.invalidSchema("the body needs a \"schema\" string");
        }
        return schema.asText();
    }

    /** Parses {version}: 1..2^31-1, "latest" or -1 (latest, returned as -1). */
    static int version(String version) {
        if ("latest".equalsIgnoreCase(version)) {
            return -1;
        }
        try {
            int v = Integer.parseInt(version);
            if (v == -1 || v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw SchemaRegistryException.invalidVersion(version);
    }
}
