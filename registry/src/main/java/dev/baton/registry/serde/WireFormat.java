package dev.baton.registry.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the datum.
 */
public final class WireFormat {

    /** The first byte of every framed message. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /**
     * @param bytes a framed message
     * @return the schema id in its header
     * @throws SerializationException if the bytes are too short or the magic byte is wrong
     */
    public static int schemaId(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new SerializationException("Not in the schema registry wire format: " + bytes.length
                    + " bytes is shorter than the " + HEADER_SIZE + "-byte header (magic byte + schema id)");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + bytes[0]
                    + ": not in the schema registry wire format (expected magic byte 0)");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /**
     * @param schemaId schema id
     * @param avro Avro binary payload
     * @return the framed message
     */
    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(HEADER_SIZE + avro.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avro)
                .array();
    }
}
