package dev.baton.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts Avro records to plain, readable JSON and back.
 *
 * <p>The JSON has the shape a person would write by hand, not Avro's JSON encoding:
 * <ul>
 *   <li>records and maps are objects; arrays are arrays; fields appear in schema order and
 *       null fields are written as {@code null};</li>
 *   <li>unions are written as their value, without a {@code {"string": ...}} wrapper; on
 *       reading, the branch is chosen by the JSON value (null, text, whole number, number,
 *       boolean, object, array), first matching branch in schema order;</li>
 *   <li>enums are their symbol; an unknown symbol reads as the enum's default, if it has one;</li>
 *   <li>strings stay strings: a field holding JSON text (input, output, payload, variables) is
 *       a JSON string, never re-parsed;</li>
 *   <li>bytes and fixed are base64 text; decimals are JSON numbers (text accepted on read);
 *       other logical types use their underlying type (timestamp-millis is a number of
 *       milliseconds, uuid is text).</li>
 * </ul>
 * On reading, a missing field takes its schema default, a missing nullable field without a
 * default is null, a missing required field is an error, and unknown fields are ignored
 * (so newer writers stay readable). Errors are {@link AvroJsonException}s naming the JSON path.
 *
 * <p>All methods are thread-safe.
 */
public final class AvroJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** Generated classes' own models (with their logical-type conversions), looked up once. */
    private static final ClassValue<SpecificData> MODELS = new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
            return SpecificData.getForClass(type);
        }
    };

    private AvroJson() {}

    /** The JSON tree of {@code record}, using the record's own schema. */
    public static JsonNode toJsonNode(IndexedRecord record) {
        Objects.requireNonNull(record, "record");
        return toJsonNode(record, record.getSchema());
    }

    /** The JSON tree of any Avro datum (record, array, map, primitive...) of {@code schema}. */
    public static JsonNode toJsonNode(Object datum, Schema schema) {
        return new JsonDatumWriter(modelFor(datum)).write(datum, schema, "$");
    }

    /** Compact JSON text of {@code record}. */
    public static String toJson(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(record));
        } catch (JsonProcessingException e) {
            throw new AvroJsonException("$", "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON of {@code record} as UTF-8 bytes. */
    public static byte[] toJsonBytes(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsBytes(toJsonNode(record));
        } catch (JsonProcessingException e) {
            throw new AvroJsonException("$", "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a generated record class from JSON text. */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return fromJsonNode(parse(json), type);
    }

    /** Reads a generated record class from UTF-8 JSON bytes. */
    public static <T extends SpecificRecord> T fromJson(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return fromJsonNode(parse(json), type);
    }

    /** Reads a generated record class from a JSON tree. */
    public static <T extends SpecificRecord> T fromJsonNode(JsonNode json, Class<T> type) {
        SpecificData model = MODELS.get(type);
        Schema schema = model.getSchema(type);
        Object datum = new JsonDatumReader(model).read(requireObject(json), schema, "$");
        if (!type.isInstance(datum)) {
            throw new AvroJsonException(
                    "$",
                    "schema " + schema.getFullName() + " did not produce a " + type.getName()
                            + "; is the class on the class path?");
        }
        return type.cast(datum);
    }

    /** Reads a generic record of {@code schema} from JSON text. */
    public static GenericRecord fromJson(String json, Schema schema) {
        Objects.requireNonNull(json, "json");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("not a record schema: " + schema.getFullName());
        }
        return (GenericRecord) fromJsonNode(requireObject(parse(json)), schema, GenericData.get());
    }

    /**
     * Reads any datum of {@code schema} from a JSON tree, creating records, enums and fixed values
     * and applying logical-type conversions through {@code model} (e.g. {@link GenericData#get()}
     * or a {@link SpecificData}).
     */
    public static Object fromJsonNode(JsonNode json, Schema schema, GenericData model) {
        return new JsonDatumReader(model).read(json, schema, "$");
    }

    /** Parses JSON text strictly (no trailing content, no duplicate keys). */
    public static JsonNode parse(String json) {
        try {
            return checkPresent(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** Parses UTF-8 JSON bytes strictly (no trailing content, no duplicate keys). */
    public static JsonNode parse(byte[] json) {
        try {
            return checkPresent(MAPPER.readTree(json));
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    private static GenericData modelFor(Object datum) {
        return datum instanceof SpecificRecord ? MODELS.get(datum.getClass()) : GenericData.get();
    }

    private static JsonNode checkPresent(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new AvroJsonException("$", "empty JSON document");
        }
        return node;
    }

    private static JsonNode requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new AvroJsonException(
                    "$",
                    "expected a JSON object but got "
                            + (node == null ? "nothing" : "a JSON " + JsonDatumReader.kind(node)));
        }
        return node;
    }

    private static AvroJsonException invalid(IOException e) {
        String detail = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage()
                : e.getMessage();
        String where = e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null
                ? " (line " + ((JsonProcessingException) e).getLocation().getLineNr() + ", column "
                        + ((JsonProcessingException) e).getLocation().getColumnNr() + ")"
                : "";
        return new AvroJsonException("$", "invalid JSON" + where + ": " + detail, e);
    }
}
