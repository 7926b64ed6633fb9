package dev.baton.orchestrator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.state.LoopPassRecord;
import dev.baton.state.PayloadRef;
import dev.baton.state.TaskRecord;
import dev.baton.state.WorkflowRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;

/** Puts an instance together from the entries of one scan of the instance store. */
final class InstanceAssembly {
    private InstanceAssembly() {}

    /**
     * @param header    the instance's header, read before the entries (so that a step written in between
     *                  shows as entries newer than the header: a torn read), or null when there is none
     * @param entries   every entry of the instance in {@code baton-instances} (tasks, passes, chunks), from one scan;
     *                  the newest tasks are in the header itself
     * @param fieldsFor the way documents are read, given the instance's chunks by key
     * @param into      receives what was read: each task's bytes and stamp, the stored passes, the write count
     * @return the instance, or null when there is no header
     */
    static WorkflowInstance assemble(
            byte[] header,
            List<KeyValue<String, byte[]>> entries,
            Function<Map<String, byte[]>, JsonFields> fieldsFor,
            Loaded into) {
        if (header == null) {
            return null;
        }
        Map<String, byte[]> chunks = new HashMap<>();
        for (KeyValue<String, byte[]> e : entries) {
            if (StateKeys.kind(e.key) == StateKeys.Kind.CHUNK) {
                chunks.put(e.key, e.value);
            }
        }
        JsonFields fields = fieldsFor.apply(chunks);
        WorkflowRecord h = StateCodec.decodeHeader(header);
        WorkflowInstance wf = StateCodec.header(h, fields);
        into.writes = h.getWrites();
        into.headerBytes = header;
        List<TaskState> tasks = new ArrayList<>(Math.max(h.getTaskCount(), 0));
        for (ByteBuffer b : h.getInlineTasks()) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            TaskRecord r = StateCodec.decodeTask(bytes);
            TaskState t = StateCodec.task(r, StateKeys.task(wf.workflowId, r.getTaskId()), fields);
            tasks.add(t);
            into.inline.add(t.taskId);
            into.taskBytes.put(t.taskId, bytes);
            into.taskStamps.put(t.taskId, r.getWritten());
            into.weight += bytes.length;
        }
        Map<String, TreeMap<Integer, JsonNode>> passes = new HashMap<>();
        for (KeyValue<String, byte[]> e : entries) {
            StateKeys.Kind kind = StateKeys.kind(e.key);
            if (kind == StateKeys.Kind.TASK) {
                TaskRecord r = StateCodec.decodeTask(e.value);
                if (r.getWritten() > h.getWrites() || into.inline.contains(r.getTaskId())) {
                    // newer than the header, or moved out of it since: a step came in between
                    throw new TornReadException(wf.workflowId);
                }
                TaskState t = StateCodec.task(r, e.key, fields);
                tasks.add(t);
                into.taskBytes.put(t.taskId, e.value);
                into.taskStamps.put(t.taskId, r.getWritten());
                into.weight += e.value.length;
            } else if (kind == StateKeys.Kind.PASS) {
                LoopPassRecord p = StateCodec.decodePass(e.value);
                if (p.getWritten() > h.getWrites()) {
                    throw new TornReadException(wf.workflowId);
                }
                String taskId = StateKeys.taskId(e.key);
                passes.computeIfAbsent(taskId, k -> new TreeMap<>())
                        .put(p.getPass(), fields.read(e.key, p.getOutput()));
                into.passes.computeIfAbsent(taskId, k -> new HashSet<>()).add(p.getPass());
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

    /** Reads documents from the instance's chunks without keeping track of anything (for queries). */
    static JsonFields readOnly(Map<String, byte[]> chunks, String workflowId) {
        return new JsonFields() {
            @Override
            public Object write(String owner, Object document) {
                throw new UnsupportedOperationException("read-only");
            }

            @Override
            public JsonNode read(String owner, Object value) {
                return parse(chunks, workflowId, value);
            }
        };
    }

    /** A record's document value: its text parsed, or its chunks joined and parsed. */
    static JsonNode parse(Map<String, byte[]> chunks, String workflowId, Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof PayloadRef ref) {
                byte[] doc = PayloadChunks.read(chunks, workflowId, ref);
                if (doc == null) {
                    throw new StateCorruptException(
                            "payload " + ref.getId() + " of workflow " + workflowId + " is missing chunks", null);
                }
                return StateCodec.JSON.readTree(doc);
            }
            return StateCodec.JSON.readTree(value.toString());
        } catch (IOException e) {
            throw new StateCorruptException("a stored document of workflow " + workflowId + " is not JSON", e);
        }
    }
}
