package dev.baton.registry.builtin;

import static dev.baton.registry.TestSchemas.ORDER_AMOUNT_STRING;
import static dev.baton.registry.TestSchemas.ORDER_REQUIRED_FIELD;
import static dev.baton.registry.TestSchemas.ORDER_V1;
import static dev.baton.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.test.Order;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema V1 = parse(ORDER_V1);
    private static final Schema V2 = Order.getClassSchema(); // adds currency with a default
    private static final Schema REQUIRED = parse(ORDER_REQUIRED_FIELD);

    private static List<RegisteredSchema> history(Schema... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new RegisteredSchema("s", i + 1, i + 1, schemas[i]))
                .toList();
    }

    private static boolean ok(CompatibilityLevel level, Schema candidate, Schema... existing) {
        return CompatibilityChecker.check(level, candidate, history(existing)).compatible();
    }

    @Test
    void addingAFieldWithDefaultIsFullyCompatible() {
        assertThat(ok(CompatibilityLevel.BACKWARD, V2, V1)).isTrue();
        assertThat(ok(CompatibilityLevel.FORWARD, V2, V1)).isTrue();
        assertThat(ok(CompatibilityLevel.FULL, V2, V1)).isTrue();
    }

    @Test
    void addingARequiredFieldIsForwardButNotBackwardCompatible() {
        assertThat(ok(CompatibilityLevel.BACKWARD, REQUIRED, V1)).isFalse();
        assertThat(ok(CompatibilityLevel.FORWARD, REQUIRED, V1)).isTrue();
        assertThat(ok(CompatibilityLevel.FULL, REQUIRED, V1)).isFalse();
        assertThat(ok(CompatibilityLevel.NONE, REQUIRED, V1)).isTrue();
    }

    @Test
    void removingAFieldWithoutDefaultIsBackwardButNotForwardCompatible() {
        assertThat(ok(CompatibilityLevel.BACKWARD, V1, REQUIRED)).isTrue();
        assertThat(ok(CompatibilityLevel.FORWARD, V1, REQUIRED)).isFalse();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        // history REQUIRED, V1: REQUIRED cannot read V2 data (no customer), V1 can.
        assertThat(ok(CompatibilityLevel.FORWARD, V2, REQUIRED, V1)).isTrue();
        assertThat(ok(CompatibilityLevel.FORWARD_TRANSITIVE, V2, REQUIRED, V1)).isFalse();
        assertThat(ok(CompatibilityLevel.FULL_TRANSITIVE, V2, V1, V2)).isTrue();
        assertThat(ok(CompatibilityLevel.BACKWARD, parse(ORDER_AMOUNT_STRING), V1, V2))
                .isFalse();
    }

    @Test
    void reportsWhatIsIncompatibleAndAgainstWhichVersion() {
        CompatibilityResult result = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, REQUIRED, history(V1));
        assertThat(result.compatible()).isFalse();
        assertThat(result.messages())
                .singleElement()
                .asString()
                .contains("oldSchemaVersion: 1", "READER_FIELD_MISSING_DEFAULT_VALUE", "customer");
    }

    @Test
    void anEmptySubjectAcceptsAnything() {
        assertThat(ok(CompatibilityLevel.FULL_TRANSITIVE, V1)).isTrue();
    }
}
