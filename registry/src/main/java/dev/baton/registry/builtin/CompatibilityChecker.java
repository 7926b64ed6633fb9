package dev.baton.registry.builtin;

import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Checks a candidate schema against existing versions under a compatibility level, with Avro's {@link SchemaCompatibility}. */
public final class CompatibilityChecker {

    private CompatibilityChecker() {}

    /**
     * @param level compatibility level
     * @param candidate the new schema
     * @param existing the subject's live versions, oldest first
     * @return the incompatibilities found (empty if compatible)
     */
    public static CompatibilityResult check(
            CompatibilityLevel level, Schema candidate, List<RegisteredSchema> existing) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return CompatibilityResult.of(List.of());
        }
        List<RegisteredSchema> against = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> messages = new ArrayList<>();
        for (RegisteredSchema old : against) {
            if (level.backward()) {
                describe(
                        messages,
                        "backward",
                        old,
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema())
                                .getResult());
            }
            if (level.forward()) {
                describe(
                        messages,
                        "forward",
                        old,
                        SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate)
                                .getResult());
            }
        }
        return CompatibilityResult.of(messages);
    }

    private static void describe(
            List<String> out, String direction, RegisteredSchema old, SchemaCompatibilityResult result) {
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getIncompatibilities()) {
            out.add("{oldSchemaVersion: " + old.version() + ", direction: " + direction + ", type: " + i.getType()
                    + ", location: " + i.getLocation() + ", message: " + i.getMessage() + "}");
        }
    }
}
