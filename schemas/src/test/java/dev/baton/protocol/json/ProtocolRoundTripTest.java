package dev.baton.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every protocol record survives JSON and Avro binary round trips unchanged. */
class ProtocolRoundTripTest {

    static Stream<SpecificRecord> samples() {
        return ProtocolSamples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void jsonRoundTripKeepsEveryField(SpecificRecord record) {
        String json = AvroJson.toJson(record);

        SpecificRecord back = AvroJson.fromJson(json, record.getClass());

        assertThat(back).isEqualTo(record);
        assertThat(AvroJson.toJson(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void jsonBytesRoundTripKeepsEveryField(SpecificRecord record) {
        byte[] json = AvroJson.toJsonBytes(record);

        assertThat(AvroJson.fromJson(json, record.getClass())).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void jsonHasNoUnionWrappersAndNamesEveryField(SpecificRecord record) {
        String json = AvroJson.toJson(record);

        assertThat(json).doesNotContain("{\"string\":", "{\"long\":", "{\"int\":", "{\"boolean\":");
        record.getSchema().getFields().forEach(field -> assertThat(json).contains("\"" + field.name() + "\":"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void avroBinaryRoundTripKeepsEveryField(SpecificRecord record) throws IOException {
        assertThat(binaryRoundTrip(record)).isEqualTo(record);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T binaryRoundTrip(T record) throws IOException {
        Class<T> type = (Class<T>) record.getClass();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(type).write(record, encoder);
        encoder.flush();
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
