package dev.baton.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void framesMagicByteAndBigEndianId() {
        byte[] framed = WireFormat.frame(0x01020304, new byte[] {9, 8});
        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
        assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
    }

    @Test
    void rejectsShortInput() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes is shorter than the 5-byte header");
    }

    @Test
    void rejectsWrongMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId("{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 123");
    }
}
