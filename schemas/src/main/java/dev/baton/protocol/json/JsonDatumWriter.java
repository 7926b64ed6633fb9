package dev.baton.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/** Walks an Avro datum along its schema and builds the plain JSON tree for it. */
final class JsonDatumWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private final GenericData model;

    JsonDatumWriter(GenericData model) {
        this.model = model;
    }

    JsonNode write(Object datum, Schema schema, String path) {
        if (schema.getType() == Schema.Type.UNION) {
            return writeUnion(datum, schema, path);
        }
        if (datum == null) {
            if (schema.getType() == Schema.Type.NULL) {
                return NODES.nullNode();
            }
            throw new AvroJsonException(path, "null value for non-nullable type " + describe(schema));
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null) {
            if (logicalType instanceof LogicalTypes.Decimal) {
                return NODES.numberNode(decimal(datum, schema, (LogicalTypes.Decimal) logicalType, path));
            }
            datum = toRaw(datum, schema, logicalType);
        }
        try {
            return writeRaw(datum, schema, path);
        } catch (ClassCastException e) {
            throw new AvroJsonException(
                    path, "value of " + datum.getClass().getName() + " does not fit type " + describe(schema), e);
        }
    }

    private JsonNode writeUnion(Object datum, Schema union, String path) {
        int branch;
        try {
            branch = model.resolveUnion(union, datum);
        } catch (AvroRuntimeException e) {
            throw new AvroJsonException(
                    path,
                    "value of "
                            + (datum == null ? "null" : datum.getClass().getName())
                            + " matches no branch of union " + describe(union),
                    e);
        }
        return write(datum, union.getTypes().get(branch), path);
    }

    private JsonNode writeRaw(Object datum, Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD:
                return writeRecord((IndexedRecord) datum, schema, path);
            case ENUM:
                return NODES.textNode(enumSymbol(datum, schema, path));
            case ARRAY:
                return writeArray((Collection<?>) datum, schema, path);
            case MAP:
                return writeMap((Map<?, ?>) datum, schema, path);
            case STRING:
                return NODES.textNode(datum.toString());
            case BYTES:
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) datum)));
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case INT:
                return NODES.numberNode(((Number) datum).intValue());
            case LONG:
                return NODES.numberNode(((Number) datum).longValue());
            case FLOAT:
                return NODES.numberNode(((Number) datum).floatValue());
            case DOUBLE:
                return NODES.numberNode(((Number) datum).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case NULL:
                throw new AvroJsonException(path, "non-null value for type null");
            default:
                throw new AvroJsonException(path, "unsupported Avro type " + schema.getType());
        }
    }

    private ObjectNode writeRecord(IndexedRecord record, Schema schema, String path) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            node.set(field.name(), write(record.get(field.pos()), field.schema(), path + "." + field.name()));
        }
        return node;
    }

    private ArrayNode writeArray(Collection<?> items, Schema schema, String path) {
        ArrayNode node = NODES.arrayNode(items.size());
        int index = 0;
        for (Object item : items) {
            node.add(write(item, schema.getElementType(), path + "[" + index++ + "]"));
        }
        return node;
    }

    private ObjectNode writeMap(Map<?, ?> entries, Schema schema, String path) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            node.set(key, write(entry.getValue(), schema.getValueType(), path + "." + key));
        }
        return node;
    }

    private static String enumSymbol(Object datum, Schema schema, String path) {
        String symbol = datum instanceof Enum<?>
                ? ((Enum<?>) datum).name()
                : datum instanceof GenericEnumSymbol<?> || datum instanceof CharSequence ? datum.toString() : null;
        if (symbol == null || !schema.hasEnumSymbol(symbol)) {
            throw new AvroJsonException(path, "not a symbol of enum " + schema.getFullName());
        }
        return symbol;
    }

    /** Turns a converted value (e.g. Instant, UUID) back into its underlying Avro type. */
    private Object toRaw(Object datum, Schema schema, LogicalType logicalType) {
        Conversion<?> conversion = model.getConversionByClass(datum.getClass(), logicalType);
        return conversion == null ? datum : Conversions.convertToRawType(datum, schema, logicalType, conversion);
    }

    private static BigDecimal decimal(Object datum, Schema schema, LogicalTypes.Decimal type, String path) {
        if (datum instanceof BigDecimal) {
            return (BigDecimal) datum;
        }
        if (datum instanceof ByteBuffer) {
            return DECIMALS.fromBytes(((ByteBuffer) datum).duplicate(), schema, type);
        }
        if (datum instanceof GenericFixed) {
            return DECIMALS.fromFixed((GenericFixed) datum, schema, type);
        }
        throw new AvroJsonException(
                path, "value of " + datum.getClass().getName() + " does not fit type " + describe(schema));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    static String describe(Schema schema) {
        switch (schema.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return schema.getFullName();
            case ARRAY:
                return "array<" + describe(schema.getElementType()) + ">";
            case MAP:
                return "map<" + describe(schema.getValueType()) + ">";
            case UNION:
                StringBuilder out = new StringBuilder("[");
                for (Schema branch : schema.getTypes()) {
                    out.append(out.length() > 1 ? ", " : "").append(describe(branch));
                }
                return out.append(']').toString();
            default:
                LogicalType logicalType = schema.getLogicalType();
                String base = schema.getType().getName();
                return logicalType == null ? base : base + "(" + logicalType.getName() + ")";
        }
    }
}
