package dev.baton.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.protocol.testing.AllTypes;
import dev.baton.protocol.testing.Circle;
import dev.baton.protocol.testing.Color;
import dev.baton.protocol.testing.Hash4;
import dev.baton.protocol.testing.Inner;
import dev.baton.protocol.testing.Square;
import dev.baton.protocol.testing.StrictColor;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** AvroJson over every Avro type, using the test-only AllTypes schema. */
class AvroJsonTypesTest {

    private static final UUID ID = UUID.fromString("2f1c2b4e-8d5a-4f7e-9c3b-1a2b3c4d5e6f");
    private static final Schema AMOUNT =
            AllTypes.getClassSchema().getField("amount").schema();

    static AllTypes sample() {
        return AllTypes.newBuilder()
                .setS("text \"quoted\" ünïcode")
                .setI(-7)
                .setL(9_007_199_254_740_993L)
                .setF(1.5f)
                .setD(-0.25)
                .setB(true)
                .setRaw(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}))
                .setHash(new Hash4(new byte[] {9, 8, 7, 6}))
                .setColor(Color.GREEN)
                .setStrictColor(StrictColor.MAGENTA)
                .setTags(List.of("a", "b"))
                .setCounts(Map.of("x", 1L))
                .setInner(Inner.newBuilder().setName("in").setWeight(2.5).build())
                .setInners(List.of(Inner.newBuilder().setName("one").build()))
                .setChoice(42L)
                .setShape(Square.newBuilder().setSide(3).setLabel("sq").build())
                .setAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .setDay(LocalDate.of(2024, 2, 29))
                .setId(ID)
                .setAmount(amount("1234.50"))
                .setOptional(null)
                .build();
    }

    @Test
    void everyTypeRoundTrips() {
        AllTypes record = sample();

        AllTypes back = AvroJson.fromJson(AvroJson.toJson(record), AllTypes.class);

        assertThat(back).isEqualTo(record);
    }

    @Test
    void everyTypeHasAPlainRepresentation() {
        JsonNode json = AvroJson.toJsonNode(sample());

        assertThat(json.get("s").textValue()).isEqualTo("text \"quoted\" ünïcode");
        assertThat(json.get("l").longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(json.get("f").doubleValue()).isEqualTo(1.5);
        assertThat(json.get("b").booleanValue()).isTrue();
        assertThat(json.get("raw").textValue()).isEqualTo("AAEC/w==");
        assertThat(json.get("hash").textValue()).isEqualTo("CQgHBg==");
        assertThat(json.get("color").textValue()).isEqualTo("GREEN");
        assertThat(json.get("counts").get("x").longValue()).isEqualTo(1L);
        assertThat(json.get("inner").get("weight").doubleValue()).isEqualTo(2.5);
        assertThat(json.get("inners").get(0).get("weight").isNull()).isTrue();
        assertThat(json.get("choice").isIntegralNumber()).isTrue();
        assertThat(json.get("shape").get("label").textValue()).isEqualTo("sq");
        assertThat(json.get("at").longValue()).isEqualTo(1_700_000_000_123L);
        assertThat(json.get("day").intValue())
                .isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(json.get("id").textValue()).isEqualTo(ID.toString());
        assertThat(AvroJson.toJson(sample())).contains("\"amount\":1234.50");
    }

    @Test
    void unionsResolveByValue() {
        assertThat(readChoice("\"text\"")).isEqualTo("text");
        assertThat(readChoice("12")).isEqualTo(12L);
        assertThat(readChoice("false")).isEqualTo(false);
        assertThat(readChoice("null")).isNull();
        assertThat(read("\"shape\":{\"radius\":1.0}").getShape())
                .isEqualTo(Circle.newBuilder().setRadius(1.0).build());
        assertThat(read("\"shape\":{\"side\":2,\"label\":\"s\"}").getShape())
                .isEqualTo(Square.newBuilder().setSide(2).setLabel("s").build());
    }

    @Test
    void unionWithoutMatchingBranchIsAnError() {
        assertThatThrownBy(() -> read("\"choice\":[1]"))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.choice")
                .hasMessageContaining("matches no branch of union [null, long, string, boolean]");
        assertThatThrownBy(() -> read("\"shape\":{\"side\":2}"))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.shape");
    }

    @Test
    void missingFieldsTakeTheirDefaults() {
        AllTypes record = read("");

        assertThat(record.getWithDefault()).isEqualTo(42);
        assertThat(record.getTags()).isEmpty();
        assertThat(record.getCounts()).isEmpty();
        assertThat(record.getInner()).isNull();
        assertThat(record.getStrictColor()).isEqualTo(StrictColor.CYAN);
        assertThat(record.getOptional()).isNull();
    }

    @Test
    void unknownEnumSymbolUsesTheEnumDefaultOrFails() {
        assertThat(read("\"color\":\"PURPLE\"").getColor()).isEqualTo(Color.OTHER);
        assertThatThrownBy(() -> read("\"strictColor\":\"PURPLE\""))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.strictColor")
                .hasMessageContaining("unknown symbol 'PURPLE'")
                .hasMessageContaining("[CYAN, MAGENTA]");
    }

    @Test
    void numbersAreCheckedAgainstTheirType() {
        assertThat(read("\"i\":3.0").getI()).isEqualTo(3);
        assertThat(read("\"f\":\"NaN\"").getF()).isNaN();
        assertThatThrownBy(() -> read("\"i\":3000000000"))
                .hasMessageContaining("$.i: number out of range for type int");
        assertThatThrownBy(() -> read("\"l\":1.5")).hasMessageContaining("$.l: expected a whole number");
        assertThatThrownBy(() -> read("\"i\":\"3\"")).hasMessageContaining("$.i: expected int but got a JSON string");
        assertThatThrownBy(() -> read("\"amount\":1.234"))
                .hasMessageContaining("$.amount: not a decimal with at most 2 fraction digits");
    }

    @Test
    void nestedErrorsNameTheFullPath() {
        assertThatThrownBy(() -> read("\"inners\":[{\"name\":\"a\"},{\"name\":5}]"))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.inners[1].name: expected string but got a JSON number");
        assertThatThrownBy(() -> read("\"counts\":{\"k\":\"v\"}")).hasMessageContaining("$.counts.k: expected long");
        assertThatThrownBy(() -> read("\"hash\":\"AAE=\""))
                .hasMessageContaining("$.hash: fixed dev.baton.protocol.testing.Hash4 needs 4 bytes, got 2");
        assertThatThrownBy(() -> read("\"raw\":\"not base64!\"")).hasMessageContaining("$.raw: expected base64 text");
        assertThatThrownBy(() -> read("\"s\":null")).hasMessageContaining("$.s: null is not allowed for type string");
    }

    @Test
    void decimalsAcceptTextAndKeepTheirScale() {
        AllTypes record = read("\"amount\":\"7.1\"");

        assertThat(new Conversions.DecimalConversion().fromBytes(record.getAmount(), AMOUNT, AMOUNT.getLogicalType()))
                .isEqualByComparingTo("7.10");
        assertThat(AvroJson.toJsonNode(record).get("amount").decimalValue()).isEqualTo("7.10");
    }

    @Test
    void writingANullIntoANonNullableFieldIsAnErrorNamingThePath() {
        AllTypes record = sample();
        record.setS(null);

        assertThatThrownBy(() -> AvroJson.toJson(record))
                .isInstanceOf(AvroJsonException.class)
                .hasMessageContaining("$.s: null value for non-nullable type string");
    }

    @Test
    void genericRecordsUseTheSameJsonAsSpecificOnes() throws Exception {
        AllTypes specific = sample();
        GenericRecord generic = toGeneric(specific);

        assertThat(AvroJson.toJsonNode(generic)).isEqualTo(AvroJson.toJsonNode(specific));
        GenericRecord back = AvroJson.fromJson(AvroJson.toJson(specific), AllTypes.getClassSchema());
        assertThat(genericBytes(back)).isEqualTo(genericBytes(generic));
        assertThat(back.get("at")).isEqualTo(1_700_000_000_123L);
        assertThat(back.get("color")).isInstanceOf(GenericData.EnumSymbol.class);
    }

    @Test
    void anyDatumConvertsWithAnExplicitModel() {
        Schema dates = Schema.createArray(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)));
        GenericData model = new GenericDataWithDates();

        Object datum = AvroJson.fromJsonNode(AvroJson.parse("[0, 1]"), dates, model);

        assertThat(datum).isEqualTo(List.of(LocalDate.EPOCH, LocalDate.EPOCH.plusDays(1)));
        assertThat(AvroJson.toJsonNode(List.of(5, 6), dates).toString()).isEqualTo("[5,6]");
    }

    private static final class GenericDataWithDates extends GenericData {
        GenericDataWithDates() {
            addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        }
    }

    private static Object readChoice(String value) {
        return read("\"choice\":" + value).getChoice();
    }

    /** Reads the sample with some fields replaced (or all optional ones dropped for ""). */
    private static AllTypes read(String overrides) {
        ObjectNode base = (ObjectNode) AvroJson.toJsonNode(sample());
        if (overrides.isEmpty()) {
            for (String optional : List.of(
                    "tags", "counts", "inner", "inners", "choice", "day", "withDefault", "optional", "strictColor")) {
                base.remove(optional);
            }
        } else {
            base.setAll((ObjectNode) AvroJson.parse("{" + overrides + "}"));
        }
        return AvroJson.fromJson(base.toString(), AllTypes.class);
    }

    private static ByteBuffer amount(String value) {
        return new Conversions.DecimalConversion().toBytes(new BigDecimal(value), AMOUNT, AMOUNT.getLogicalType());
    }

    private static byte[] genericBytes(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord toGeneric(AllTypes record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(AllTypes.class).write(record, encoder);
        encoder.flush();
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(AllTypes.getClassSchema());
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
