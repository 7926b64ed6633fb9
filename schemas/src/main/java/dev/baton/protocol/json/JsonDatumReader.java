package dev.baton.protocol.json;

import static dev.baton.protocol.json.JsonDatumWriter.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Walks plain JSON along an Avro schema and builds the datum for it, using the model's record,
 * enum and fixed classes and its logical-type conversions.
 */
final class JsonDatumReader {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final GenericData model;

    JsonDatumReader(GenericData model) {
        this.model = model;
    }

    /** Reads {@code node} as {@code schema}, applying the model's conversion for a logical type. */
    Object read(JsonNode node, Schema schema, String path) {
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
        return read(node, schema, conversion, path);
    }

    private Object read(JsonNode node, Schema schema, Conversion<?> conversion, String path) {
        if (schema.getType() == Schema.Type.UNION) {
            return readUnion(node, schema, path);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (schema.getType() == Schema.Type.NULL) {
                return null;
            }
            throw new AvroJsonException(path, "null is not allowed for type " + describe(schema));
        }
        Object raw = readRaw(node, schema, path);
        LogicalType logicalType = schema.getLogicalType();
        if (conversion == null || logicalType == null) {
            return raw;
        }
        try {
            return Conversions.convertToLogicalType(raw, schema, logicalType, conversion);
        } catch (RuntimeException e) {
            throw new AvroJsonException(path, "not a valid " + describe(schema), e);
        }
    }

    private Object readUnion(JsonNode node, Schema union, String path) {
        boolean isNull = node == null || node.isMissingNode() || node.isNull();
        AvroJsonException firstFailure = null;
        for (Schema branch : union.getTypes()) {
            if (isNull || branch.getType() == Schema.Type.NULL) {
                if (isNull && branch.getType() == Schema.Type.NULL) {
                    return null;
                }
                continue;
            }
            if (!looksLike(node, branch)) {
                continue;
            }
            try {
                return read(node, branch, path);
            } catch (AvroJsonException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null && countCandidates(node, union) == 1) {
            throw firstFailure;
        }
        throw new AvroJsonException(
                path,
                (isNull ? "null" : "a JSON " + kind(node)) + " matches no branch of union " + describe(union),
                firstFailure);
    }

    private static int countCandidates(JsonNode node, Schema union) {
        int count = 0;
        for (Schema branch : union.getTypes()) {
            count += branch.getType() != Schema.Type.NULL && looksLike(node, branch) ? 1 : 0;
        }
        return count;
    }

    /** Shallow check used to pick union branches by the JSON value's kind. */
    private static boolean looksLike(JsonNode node, Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return node.isNumber() || node.isTextual();
        }
        switch (schema.getType()) {
            case RECORD:
            case MAP:
                return node.isObject();
            case ARRAY:
                return node.isArray();
            case STRING:
            case BYTES:
            case FIXED:
                return node.isTextual();
            case ENUM:
                return node.isTextual() && (schema.hasEnumSymbol(node.textValue()) || schema.getEnumDefault() != null);
            case INT:
            case LONG:
                return node.isIntegralNumber();
            case FLOAT:
            case DOUBLE:
                return node.isNumber() || isNonFiniteText(node);
            case BOOLEAN:
                return node.isBoolean();
            default:
                return false;
        }
    }

    private Object readRaw(JsonNode node, Schema schema, String path) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return readDecimal(node, schema, (LogicalTypes.Decimal) schema.getLogicalType(), path);
        }
        switch (schema.getType()) {
            case RECORD:
                return readRecord(node, schema, path);
            case ENUM:
                return readEnum(node, schema, path);
            case ARRAY:
                return readArray(node, schema, path);
            case MAP:
                return readMap(node, schema, path);
            case STRING:
                return expect(node.isTextual(), node, schema, path).textValue();
            case BYTES:
                return ByteBuffer.wrap(base64(node, schema, path));
            case FIXED:
                return readFixed(node, schema, path);
            case INT:
                return integral(node, schema, path).intValueExact();
            case LONG:
                return integral(node, schema, path).longValueExact();
            case FLOAT:
                return (float) floating(node, schema, path);
            case DOUBLE:
                return floating(node, schema, path);
            case BOOLEAN:
                return expect(node.isBoolean(), node, schema, path).booleanValue();
            default:
                throw new AvroJsonException(path, "unsupported Avro type " + schema.getType());
        }
    }

    private IndexedRecord readRecord(JsonNode node, Schema schema, String path) {
        expect(node.isObject(), node, schema, path);
        Object created = model.newRecord(null, schema);
        if (!(created instanceof IndexedRecord)) {
            throw new AvroJsonException(path, "cannot create a record of " + schema.getFullName());
        }
        IndexedRecord record = (IndexedRecord) created;
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path + "." + field.name();
            JsonNode value = node.get(field.name());
            Object datum;
            if (value == null) {
                datum = missingField(field, fieldPath);
            } else if (record instanceof SpecificRecordBase && field.schema().getLogicalType() != null) {
                // generated classes decide per field whether a logical type is converted
                datum = read(
                        value, field.schema(), ((SpecificRecordBase) record).getConversion(field.pos()), fieldPath);
            } else {
                datum = read(value, field.schema(), fieldPath);
            }
            record.put(field.pos(), datum);
        }
        return record;
    }

    private Object missingField(Schema.Field field, String path) {
        if (field.hasDefaultValue()) {
            return model.deepCopy(field.schema(), model.getDefaultValue(field));
        }
        if (field.schema().isNullable()) {
            return null;
        }
        throw new AvroJsonException(path, "required field is missing (type " + describe(field.schema()) + ")");
    }

    private Object readEnum(JsonNode node, Schema schema, String path) {
        String symbol = expect(node.isTextual(), node, schema, path).textValue();
        if (!schema.hasEnumSymbol(symbol)) {
            if (schema.getEnumDefault() == null) {
                throw new AvroJsonException(
                        path,
                        "unknown symbol '" + symbol + "' of enum " + schema.getFullName() + ", expected one of "
                                + schema.getEnumSymbols());
            }
            symbol = schema.getEnumDefault();
        }
        return model.createEnum(symbol, schema);
    }

    private List<Object> readArray(JsonNode node, Schema schema, String path) {
        expect(node.isArray(), node, schema, path);
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(read(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return items;
    }

    private Map<String, Object> readMap(JsonNode node, Schema schema, String path) {
        expect(node.isObject(), node, schema, path);
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            entries.put(entry.getKey(), read(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
        }
        return entries;
    }

    private Object readFixed(JsonNode node, Schema schema, String path) {
        byte[] bytes = base64(node, schema, path);
        if (bytes.length != schema.getFixedSize()) {
            throw new AvroJsonException(
                    path,
                    "fixed " + schema.getFullName() + " needs " + schema.getFixedSize() + " bytes, got "
                            + bytes.length);
        }
        return model.createFixed(null, bytes, schema);
    }

    private Object readDecimal(JsonNode node, Schema schema, LogicalTypes.Decimal type, String path) {
        BigDecimal value;
        try {
            value = node.isNumber()
                    ? node.decimalValue()
                    : new BigDecimal(
                            expect(node.isTextual(), node, schema, path).textValue());
            value = value.setScale(type.getScale());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new AvroJsonException(path, "not a decimal with at most " + type.getScale() + " fraction digits", e);
        }
        if (value.precision() > type.getPrecision()) {
            throw new AvroJsonException(path, "decimal has more than " + type.getPrecision() + " digits");
        }
        return schema.getType() == Schema.Type.FIXED
                ? DECIMALS.toFixed(value, schema, type)
                : DECIMALS.toBytes(value, schema, type);
    }

    private static BigInteger integral(JsonNode node, Schema schema, String path) {
        expect(node.isNumber(), node, schema, path);
        BigInteger value;
        try {
            value = node.isIntegralNumber()
                    ? node.bigIntegerValue()
                    : node.decimalValue().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new AvroJsonException(path, "expected a whole number for type " + describe(schema), e);
        }
        boolean isInt = schema.getType() == Schema.Type.INT;
        BigInteger min = isInt ? BigInteger.valueOf(Integer.MIN_VALUE) : LONG_MIN;
        BigInteger max = isInt ? BigInteger.valueOf(Integer.MAX_VALUE) : LONG_MAX;
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new AvroJsonException(path, "number out of range for type " + describe(schema));
        }
        return value;
    }

    private static double floating(JsonNode node, Schema schema, String path) {
        if (isNonFiniteText(node)) {
            return Double.parseDouble(node.textValue());
        }
        return expect(node.isNumber(), node, schema, path).doubleValue();
    }

    private static boolean isNonFiniteText(JsonNode node) {
        return node.isTextual()
                && ("NaN".equals(node.textValue())
                        || "Infinity".equals(node.textValue())
                        || "-Infinity".equals(node.textValue()));
    }

    private static byte[] base64(JsonNode node, Schema schema, String path) {
        String text = expect(node.isTextual(), node, schema, path).textValue();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AvroJsonException(path, "expected base64 text for type " + describe(schema), e);
        }
    }

    private static JsonNode expect(boolean ok, JsonNode node, Schema schema, String path) {
        if (!ok) {
            throw new AvroJsonException(path, "expected " + describe(schema) + " but got a JSON " + kind(node));
        }
        return node;
    }

    static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return "object";
            case ARRAY:
                return "array";
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
