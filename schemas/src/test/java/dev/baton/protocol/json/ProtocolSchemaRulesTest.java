package dev.baton.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conventions every protocol schema keeps so that it can evolve compatibly. */
class ProtocolSchemaRulesTest {

    static Stream<Schema> schemas() {
        return ProtocolSamples.all().stream().map(SpecificRecord::getSchema).distinct();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void livesInTheProtocolNamespace(Schema schema) {
        assertThat(schema.getNamespace()).isEqualTo("dev.baton.protocol");
        assertThat(schema.getDoc()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void optionalFieldsAreNullFirstWithNullDefault(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            assertThat(field.doc()).as(field.name()).isNotBlank();
            if (field.schema().getType() == Schema.Type.UNION) {
                assertThat(field.schema().getTypes().get(0).getType())
                        .as(field.name())
                        .isEqualTo(Schema.Type.NULL);
                assertThat(field.defaultVal()).as(field.name()).isEqualTo(JsonProperties.NULL_VALUE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void enumsFallBackToUnknown(Schema schema) {
        for (Schema.Field field : schema.getFields()) {
            Schema type = field.schema().isUnion() ? field.schema().getTypes().get(1) : field.schema();
            if (type.getType() == Schema.Type.ENUM) {
                assertThat(type.getEnumDefault()).as(type.getFullName()).isEqualTo("UNKNOWN");
                assertThat(type.getEnumSymbols()).last().isEqualTo("UNKNOWN");
            }
        }
    }
}
