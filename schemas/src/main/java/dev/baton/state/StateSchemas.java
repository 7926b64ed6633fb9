package dev.baton.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodings of the records Baton keeps in its state stores: Avro single-object encoding (a two-byte
 * marker, the writer schema's 64-bit fingerprint, then the Avro binary record). Every schema a
 * record type has ever had is kept under {@code dev/baton/state/history/<Record>.<n>.avsc}; the
 * decoder knows all of them and resolves old records to the current schema by Avro's rules, so
 * state written by an older version restores into a newer one. A schema change must add the next
 * history file (a test fails otherwise) and be a compatible evolution (new fields with defaults,
 * renames through aliases).
 */
public final class StateSchemas {
    /** The state record types and how many schema versions each has had. */
    private static final Map<Class<? extends SpecificRecord>, Integer> VERSIONS = Map.of(
            WorkflowRecord.class, 3,
            TaskRecord.class, 2,
            LoopPassRecord.class, 1);

    private StateSchemas() {}

    /** Every record type kept in state stores. */
    public static List<Class<? extends SpecificRecord>> types() {
        return List.copyOf(VERSIONS.keySet());
    }

    /** The schemas a record type has had, oldest first (the last is the one it is written with). */
    public static List<Schema> history(Class<? extends SpecificRecord> type) {
        List<Schema> out = new ArrayList<>();
        for (int v = 1; v <= VERSIONS.get(type); v++) {
            String path = "history/" + type.getSimpleName() + "." + v + ".avsc";
            try (InputStream in = StateSchemas.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema history file dev/baton/state/" + path);
                }
                out.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * An encoder of this type's current schema. The buffer its {@code encode} returns is the
     * thread's own and is reused by the next call on the thread: copy its bytes before that.
     */
    public static <T extends SpecificRecord> BinaryMessageEncoder<T> encoder(Class<T> type) {
        return new BinaryMessageEncoder<>(model(type), SpecificData.get().getSchema(type), false);
    }

    /**
     * The class's own Avro model, set to use the encoders and decoders generated into the class
     * (Avro's "custom coders": no per-field reflection; they resolve older schemas as well).
     */
    private static SpecificData model(Class<?> type) {
        SpecificData model = SpecificData.getForClass(type);
        model.setCustomCoders(true);
        return model;
    }

    /** A decoder that reads records written with any schema this type has had. */
    public static <T extends SpecificRecord> BinaryMessageDecoder<T> decoder(Class<T> type) {
        BinaryMessageDecoder<T> decoder =
                new BinaryMessageDecoder<>(model(type), SpecificData.get().getSchema(type));
        for (Schema old : history(type)) {
            decoder.addSchema(old);
        }
        return decoder;
    }

    /** The 64-bit fingerprint single-object encoding puts in front of a record. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprint a single-object-encoded record was written with. */
    public static long fingerprintOf(byte[] encoded) {
        return ByteBuffer.wrap(encoded, 2, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
    }
}
