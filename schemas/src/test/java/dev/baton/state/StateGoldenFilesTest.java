package dev.baton.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * State written by any earlier version restores into this one: every schema a state record has had
 * is kept, each reads into the current schema, and the records written by each version (golden
 * files, every field set) decode with no field lost.
 */
class StateGoldenFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src/test/resources/state-golden");

    private static final Map<Class<? extends SpecificRecord>, SpecificRecord> SAMPLES = Map.of(
            WorkflowRecord.class, GoldenSamples.workflow(),
            TaskRecord.class, GoldenSamples.task(),
            LoopPassRecord.class, GoldenSamples.pass());

    @Test
    void theCurrentSchemaOfEachRecordIsTheNewestInItsHistory() {
        for (Class<? extends SpecificRecord> type : StateSchemas.types()) {
            List<Schema> history = StateSchemas.history(type);
            Schema current = SpecificData.get().getSchema(type);
            assertThat(StateSchemas.fingerprint(history.get(history.size() - 1)))
                    .as(
                            "%s changed: add its schema as the next history file and count it in StateSchemas",
                            type.getSimpleName())
                    .isEqualTo(StateSchemas.fingerprint(current));
        }
    }

    @Test
    void everyEarlierSchemaReadsIntoTheCurrentOne() {
        for (Class<? extends SpecificRecord> type : StateSchemas.types()) {
            Schema current = SpecificData.get().getSchema(type);
            for (Schema old : StateSchemas.history(type)) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old)
                                .getType())
                        .as("%s: an earlier schema no longer reads into the current one", type.getSimpleName())
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void recordsWrittenByEveryVersionDecodeWithNoFieldLost() throws Exception {
        if (Boolean.getBoolean("baton.golden.write")) {
            writeGoldenFiles();
        }
        for (Class<? extends SpecificRecord> type : StateSchemas.types()) {
            List<Schema> history = StateSchemas.history(type);
            for (int v = 1; v <= history.size(); v++) {
                String name = type.getSimpleName() + "." + v;
                byte[] bytes = read(name + ".bin");
                JsonNode written = JSON.readTree(read(name + ".json"));
                assertThat(StateSchemas.fingerprintOf(bytes))
                        .as(name)
                        .isEqualTo(StateSchemas.fingerprint(history.get(v - 1)));
                SpecificRecord decoded = StateSchemas.decoder(type).decode(bytes);
                JsonNode now = JSON.readTree(decoded.toString());
                for (Schema.Field field : history.get(v - 1).getFields()) {
                    Schema.Field reader = readerField(decoded.getSchema(), field.name());
                    assertThat(reader)
                            .as("%s: field %s is no longer read (renamed without an alias?)", name, field.name())
                            .isNotNull();
                    assertThat(now.get(reader.name()))
                            .as("%s: field %s", name, field.name())
                            .isEqualTo(written.get(field.name()));
                }
            }
        }
    }

    @Test
    void aFieldRenamedWithoutAnAliasIsCaughtAndOneWithAnAliasIsNot() {
        String v1 = StateSchemas.history(TaskRecord.class).get(0).toString();
        Schema renamed = new Schema.Parser().parse(v1.replace("\"retryCount\"", "\"retries\""));
        Schema aliased = new Schema.Parser()
                .parse(v1.replace("\"name\":\"retryCount\"", "\"name\":\"retries\",\"aliases\":[\"retryCount\"]"));
        assertThat(readerField(renamed, "retryCount")).isNull();
        assertThat(readerField(aliased, "retryCount")).isNotNull();
    }

    private static Schema.Field readerField(Schema reader, String writerName) {
        Schema.Field byName = reader.getField(writerName);
        if (byName != null) {
            return byName;
        }
        return reader.getFields().stream()
                .filter(f -> f.aliases().contains(writerName))
                .findFirst()
                .orElse(null);
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = StateGoldenFilesTest.class.getResourceAsStream("/state-golden/" + file)) {
            assertThat(in)
                    .as("golden file %s (write it with -Dbaton.golden.write=true)", file)
                    .isNotNull();
            return in.readAllBytes();
        }
    }

    /** Writes this version's golden files (only for a schema version that has none yet). */
    @SuppressWarnings("unchecked")
    private static void writeGoldenFiles() throws IOException {
        Files.createDirectories(GOLDEN);
        for (Class<? extends SpecificRecord> type : StateSchemas.types()) {
            String name =
                    type.getSimpleName() + "." + StateSchemas.history(type).size();
            Path bin = GOLDEN.resolve(name + ".bin");
            if (Files.exists(bin)) {
                continue;
            }
            SpecificRecord sample = SAMPLES.get(type);
            ByteBuffer encoded =
                    StateSchemas.encoder((Class<SpecificRecord>) type).encode(sample);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Files.write(bin, bytes);
            Files.writeString(
                    GOLDEN.resolve(name + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(sample.toString())) + "\n");
        }
    }
}
