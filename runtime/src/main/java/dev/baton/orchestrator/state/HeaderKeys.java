package dev.baton.orchestrator.state;

import dev.baton.state.StateSchemas;
import dev.baton.state.WorkflowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * What a search filters and sorts on, read from a stored instance header without the rest of it:
 * Avro resolves the header against a reader schema of these few fields only, so the documents
 * (input, output, variables, definition) are skipped over, never copied or parsed, and large ones
 * are never fetched from the payload store.
 */
public final class HeaderKeys {
    /** The fields of the projection; each exists in every schema the header has had. */
    private static final List<String> FIELDS =
            List.of("workflowId", "workflowName", "status", "correlationId", "startTime");

    private static final Schema PROJECTION = projection();
    private static final BinaryMessageDecoder<GenericRecord> DECODER = decoder();

    private HeaderKeys() {}

    /** The search keys of one instance header. */
    public record Key(String workflowId, String workflowName, String status, String correlationId, long startTime) {}

    /** The keys of an encoded header (as the baton-workflows store holds it). */
    public static Key read(byte[] header) {
        GenericRecord r;
        try {
            r = DECODER.decode(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Key(text(r.get(0)), text(r.get(1)), text(r.get(2)), text(r.get(3)), (Long) r.get(4));
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Schema projection() {
        Schema full = WorkflowRecord.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (String name : FIELDS) {
            Schema.Field f = full.getField(name);
            fields.add(new Schema.Field(f, f.schema()));
        }
        return Schema.createRecord(
                full.getName(), "search keys of a workflow header", full.getNamespace(), false, fields);
    }

    private static BinaryMessageDecoder<GenericRecord> decoder() {
        BinaryMessageDecoder<GenericRecord> d = new BinaryMessageDecoder<>(GenericData.get(), PROJECTION);
        d.addSchema(WorkflowRecord.getClassSchema());
        for (Schema old : StateSchemas.history(WorkflowRecord.class)) {
            d.addSchema(old);
        }
        return d;
    }
}
