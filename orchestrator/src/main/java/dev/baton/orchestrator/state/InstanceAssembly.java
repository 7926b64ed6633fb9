package dev.baton.orchestrator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.state.LoopPassRecord;
import dev.baton.state.TaskRecord;
import dev.baton.state.WorkflowRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/** Puts an instance together from its header and the entries of the task store under its prefix. */
final class InstanceAssembly {
    private InstanceAssembly() {
    }

    /**
     * @param entries the task store's entries under the instance's prefix (tasks and loop passes)
     * @param into    receives what was read: each task's bytes, the stored passes, the header's write count
     */
    static WorkflowInstance assemble(byte[] header, List<KeyValue<String, byte[]>> entries, JsonFields fields, Loaded into) {
        WorkflowRecord h = StateCodec.decodeHeader(header);
        WorkflowInstance wf = StateCodec.header(h, fields);
        into.writes = h.getWrites();
        List<TaskState> tasks = new ArrayList<>(Math.max(h.getTaskCount(), 0));
        Map<String, TreeMap<Integer, JsonNode>> passes = new HashMap<>();
        for (KeyValue<String, byte[]> e : entries) {
            String[] parts = StateKeys.taskKeyParts(e.key);
            if (parts.length == 1) {
                TaskRecord r = StateCodec.decodeTask(e.value);
                if (r.getWritten() > h.getWrites()) {
                    throw new TornReadException(wf.workflowId);
                }
                TaskState t = StateCodec.task(r, e.key, fields);
                tasks.add(t);
                into.taskBytes.put(t.taskId, e.value);
                into.taskStamps.put(t.taskId, r.getWritten());
                into.weight += e.value.length;
            } else {
                LoopPassRecord p = StateCodec.decodePass(e.value);
                if (p.getWritten() > h.getWrites()) {
                    throw new TornReadException(wf.workflowId);
                }
                passes.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(p.getPass(), fields.read(e.key, p.getOutput()));
                into.passes.computeIfAbsent(parts[0], k -> new HashSet<>()).add(p.getPass());
            }
        }
        tasks.sort(Comparator.comparingInt(t -> t.pos));
        for (TaskState t : tasks) {
            TreeMap<Integer, JsonNode> mine = passes.get(t.taskId);
            if (mine != null && !mine.isEmpty()) {
                ObjectNode out = t.outputData == null ? StateCodec.JSON.createObjectNode() : t.outputData;
                mine.forEach((pass, output) -> out.set(Integer.toString(pass), output));
                t.outputData = out;
            }
        }
        wf.tasks = tasks;
        if (tasks.size() != h.getTaskCount()) {
            throw new TornReadException(wf.workflowId);
        }
        return wf;
    }

    /** Reads documents without keeping track of anything (for queries). */
    static JsonFields readOnly(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, byte[]> payloads,
                               String workflowId) {
        return new JsonFields() {
            @Override
            public Object write(String owner, Object document) {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public JsonNode read(String owner, Object value) {
                if (value == null) {
                    return null;
                }
                try {
                    if (value instanceof dev.baton.state.PayloadRef ref) {
                        byte[] doc = PayloadChunks.read(payloads, workflowId, ref);
                        if (doc == null) {
                            throw new StateCorruptException("payload " + ref.getId() + " of workflow " + workflowId
                                    + " is missing chunks", null);
                        }
                        return StateCodec.JSON.readTree(doc);
                    }
                    return StateCodec.JSON.readTree(value.toString());
                } catch (java.io.IOException e) {
                    throw new StateCorruptException("a stored document of workflow " + workflowId + " is not JSON", e);
                }
            }
        };
    }
}
