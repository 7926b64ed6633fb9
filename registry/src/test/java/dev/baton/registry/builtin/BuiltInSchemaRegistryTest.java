package dev.baton.registry.builtin;

import static dev.baton.registry.TestSchemas.ORDER_REQUIRED_FIELD;
import static dev.baton.registry.TestSchemas.ORDER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryException;
import dev.baton.registry.test.Order;
import dev.baton.registry.test.OrderKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry semantics over the in-memory log. */
class BuiltInSchemaRegistryTest {

    private static final String V2 = Order.getClassSchema().toString();

    private InMemoryRegistryLog log;
    private BuiltInSchemaRegistry registry;

    @BeforeEach
    void setUp() {
        log = new InMemoryRegistryLog();
        registry = new BuiltInSchemaRegistry(log, CompatibilityLevel.BACKWARD);
        registry.start();
    }

    private static void assertError(ThrowingCallable call, int status, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }

    @Test
    void registersVersionsWithGlobalIds() {
        int id1 = registry.register("orders-value", ORDER_V1);
        int id2 = registry.register("orders-value", V2);

        assertThat(id1).isEqualTo(1);
        assertThat(id2).isEqualTo(2);
        assertThat(registry.getVersions("orders-value")).containsExactly(1, 2);
        RegisteredSchema latest = registry.getLatest("orders-value");
        assertThat(latest).isEqualTo(new RegisteredSchema("orders-value", 2, 2, Order.getClassSchema()));
        assertThat(registry.getVersion("orders-value", 1).schema().getFields()).hasSize(2);
        assertThat(registry.getById(1))
                .isEqualTo(registry.getVersion("orders-value", 1).schema());
        assertThat(registry.getSubjects()).containsExactly("orders-value");
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheExistingIdWithoutANewVersion() {
        int id = registry.register("orders-value", ORDER_V1);
        String reformatted = ORDER_V1.replace("\n", " ").replace(":", " : ");
        assertThat(registry.register("orders-value", reformatted)).isEqualTo(id);
        assertThat(registry.getVersions("orders-value")).containsExactly(1);
        assertThat(log.records()).hasSize(2); // one SCHEMA, one SUBJECT_VERSION
    }

    @Test
    void theSameSchemaUnderAnotherSubjectReusesItsId() {
        int id = registry.register("orders-value", ORDER_V1);
        RegisteredSchema other = registry.registerAndGet("archive-value", ORDER_V1);
        assertThat(other.id()).isEqualTo(id);
        assertThat(other.version()).isEqualTo(1);
        assertThat(registry.subjectsOf(id)).containsExactly("archive-value", "orders-value");
    }

    @Test
    void refusesIncompatibleSchemasWith409() {
        registry.register("orders-value", ORDER_V1);
        assertThatThrownBy(() -> registry.register("orders-value", ORDER_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("incompatible", "customer");
                });
        assertThat(registry.getVersions("orders-value")).containsExactly(1);
        assertThat(registry.testCompatibility("orders-value", ORDER_REQUIRED_FIELD))
                .isFalse();
        assertThat(registry.testCompatibility("orders-value", V2)).isTrue();
        assertThat(registry.testCompatibility("new-subject", ORDER_REQUIRED_FIELD))
                .isTrue();
    }

    @Test
    void refusesInvalidSchemasWith42201() {
        assertError(() -> registry.register("s", "{\"type\":\"record\",\"name\":\"X\"}"), 422, 42201);
        assertError(() -> registry.register("s", "not json"), 422, 42201);
        assertError(
                () -> registry.register(
                        "s",
                        "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}"),
                422,
                42201);
    }

    @Test
    void reportsMissingThingsWithConfluentCodes() {
        registry.register("orders-value", ORDER_V1);
        assertError(() -> registry.getLatest("nope"), 404, 40401);
        assertError(() -> registry.getVersions("nope"), 404, 40401);
        assertError(() -> registry.getVersion("orders-value", 7), 404, 40402);
        assertError(() -> registry.getById(99), 404, 40403);
        assertError(() -> registry.lookup("nope", ORDER_V1), 404, 40401);
        assertError(() -> registry.lookup("orders-value", V2), 404, 40403);
        assertThat(registry.lookup("orders-value", ORDER_V1).version()).isEqualTo(1);
    }

    @Test
    void compatibilityLevelsAreGlobalOrPerSubject() {
        assertThat(registry.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        registry.register("orders-value", ORDER_V1);

        registry.setCompatibility("orders-value", CompatibilityLevel.FORWARD);
        assertThat(registry.getCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(registry.getCompatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.register("orders-value", ORDER_REQUIRED_FIELD)).isEqualTo(2); // forward-compatible

        registry.setCompatibility(null, CompatibilityLevel.NONE);
        assertThat(registry.getCompatibility("other")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.getSubjectCompatibility("other")).isEmpty();

        assertThat(registry.deleteSubjectCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(registry.getCompatibility("orders-value")).isEqualTo(CompatibilityLevel.NONE);
        assertError(() -> registry.deleteSubjectCompatibility("orders-value"), 404, 40408);
        assertError(() -> CompatibilityLevel.parse("SIDEWAYS"), 422, 42203);
    }

    @Test
    void softDeleteHidesVersionsAndPermanentDeleteRemovesThem() {
        registry.register("orders-value", ORDER_V1);
        registry.register("orders-value", V2);

        assertError(() -> registry.deleteSubject("orders-value", true), 404, 40405);
        assertThat(registry.deleteSubject("orders-value", false)).containsExactly(1, 2);
        assertThat(registry.getSubjects()).isEmpty();
        assertThat(registry.getSubjects(true)).containsExactly("orders-value");
        assertError(() -> registry.getLatest("orders-value"), 404, 40401);
        assertThat(registry.getVersion("orders-value", 2, true).id()).isEqualTo(2);
        assertError(() -> registry.deleteSubject("orders-value", false), 404, 40404);

        // a deleted subject accepts anything and continues numbering
        assertThat(registry.registerAndGet("orders-value", ORDER_REQUIRED_FIELD).version())
                .isEqualTo(3);
        registry.deleteSubject("orders-value", false);
        assertThat(registry.deleteSubject("orders-value", true)).containsExactly(1, 2, 3);
        assertThat(registry.getSubjects(true)).isEmpty();
        assertError(() -> registry.deleteSubject("orders-value", false), 404, 40401);

        // ids stay resolvable (old data stays readable) and are not reused
        assertThat(registry.getById(1).getFields()).hasSize(2);
        assertThat(registry.register("fresh-value", OrderKey.getClassSchema().toString()))
                .isEqualTo(4);
    }

    @Test
    void deletesSingleVersions() {
        registry.register("orders-value", ORDER_V1);
        registry.register("orders-value", V2);
        assertError(() -> registry.deleteVersion("orders-value", 2, true), 404, 40407);
        assertThat(registry.deleteVersion("orders-value", -1, false)).isEqualTo(2);
        assertThat(registry.getLatest("orders-value").version()).isEqualTo(1);
        assertThat(registry.deleteVersion("orders-value", 2, true)).isEqualTo(2);
        assertThat(registry.getVersions("orders-value", true)).containsExactly(1);
        assertError(() -> registry.deleteVersion("orders-value", 5, false), 404, 40402);
    }

    @Test
    void stateIsRebuiltFromTheLogEvenAfterCompaction() {
        registry.register("orders-value", ORDER_V1);
        registry.register("orders-value", V2);
        registry.register("keys-key", OrderKey.getClassSchema().toString());
        registry.setCompatibility("keys-key", CompatibilityLevel.FULL);
        registry.deleteVersion("orders-value", 1, false);
        registry.register("archive-value", ORDER_V1);

        for (List<LogRecord> records : List.of(log.records(), compact(log.records()))) {
            InMemoryRegistryLog copy = new InMemoryRegistryLog();
            copy.appendExclusive(() -> records);
            BuiltInSchemaRegistry rebuilt = new BuiltInSchemaRegistry(copy, CompatibilityLevel.BACKWARD);
            rebuilt.start();
            assertThat(rebuilt.getSubjects()).containsExactly("archive-value", "keys-key", "orders-value");
            assertThat(rebuilt.getVersions("orders-value")).containsExactly(2);
            assertThat(rebuilt.getVersions("orders-value", true)).containsExactly(1, 2);
            assertThat(rebuilt.getLatest("archive-value").id()).isEqualTo(1);
            assertThat(rebuilt.getCompatibility("keys-key")).isEqualTo(CompatibilityLevel.FULL);
            assertThat(rebuilt.register("more-value", "\"string\"")).isEqualTo(4);
        }
    }

    @Test
    void twoRegistriesOnOneLogSeeEachOther() {
        BuiltInSchemaRegistry other = new BuiltInSchemaRegistry(log, CompatibilityLevel.BACKWARD);
        other.start();
        int id = registry.register("orders-value", ORDER_V1);
        assertThat(other.getById(id)).isEqualTo(registry.getById(id));
        assertThat(other.register("orders-value", V2)).isEqualTo(2);
        assertThat(registry.getLatest("orders-value").version()).isEqualTo(2);
    }

    /** Keeps the last record per key, in log order, and drops tombstones, as compaction does. */
    private static List<LogRecord> compact(List<LogRecord> records) {
        Map<String, Integer> lastIndex = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            lastIndex.put(records.get(i).key(), i);
        }
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            if (lastIndex.get(r.key()) == i && r.value() != null) {
                out.add(r);
            }
        }
        return out;
    }
}
