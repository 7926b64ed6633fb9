package dev.baton.orchestrator.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskIndex;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.state.LoopPassRecord;
import dev.baton.state.PayloadRef;
import dev.baton.state.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processor's view of its instances in the state stores: an instance's header under its id in
 * {@code baton-workflows} (which searches read too), and everything else under its id in
 * {@code baton-instances} — a record per task and per loop pass, large documents in chunks
 * ({@link StateKeys}). The newest tasks ride along in the header while they fit its budget
 * ({@link StateLimits#headerTaskBytes()}); older ones are moved out into entries of their own. A step
 * writes only what it changed: the header, the tasks that were open or are new (or that the engine
 * reports it touched) and live in entries, new loop passes, and the chunks of new large documents. So a step's cost follows what it touches, not the size of
 * the instance. Instances stay in a cache between steps, checked against the stored header.
 */
public final class InstanceStore {
    /** Headers, by workflow id: written last in a step, read first (searches read them alone). */
    private final KeyValueStore<String, byte[]> workflows;
    /** Everything else of each instance under its id: tasks, passes, chunks ({@link StateKeys}). */
    private final KeyValueStore<String, byte[]> instances;

    private final InstanceCache cache;
    private final int partition;
    private final StateLimits limits;

    public InstanceStore(
            KeyValueStore<String, byte[]> workflows,
            KeyValueStore<String, byte[]> instances,
            InstanceCache cache,
            int partition,
            StateLimits limits) {
        this.workflows = workflows;
        this.instances = instances;
        this.cache = cache;
        this.partition = partition;
        this.limits = limits;
    }

    /**
     * A step's writes, prepared but not yet carried out: {@link #commit()} carries them out (once
     * the step's records are encoded too); dropped, they change nothing.
     */
    public final class Pending {
        private final StoreOps ops;
        private final Loaded loaded;
        private final List<TaskState> written;
        private final Map<Object, String> paths;
        private final Map<Object, String> texts;

        private Pending(
                StoreOps ops,
                Loaded loaded,
                List<TaskState> written,
                Map<Object, String> paths,
                Map<Object, String> texts) {
            this.ops = ops;
            this.loaded = loaded;
            this.written = written;
            this.paths = paths;
            this.texts = texts;
        }

        /** The tasks whose records changed. */
        public List<TaskState> tasks() {
            return written;
        }

        /** The client path of a document this instance stores out of line, or null. */
        public String pathOf(Object document) {
            return paths.get(document);
        }

        /**
         * The JSON text of a document this step wrote inline (the very object, unchanged since), or null:
         * the snapshots of the step reuse it rather than write the document again.
         */
        public String textOf(Object document) {
            return texts.get(document);
        }

        /** How many store entries this step writes or deletes, and their bytes. */
        public int storeWrites() {
            return ops.count();
        }

        public long storeBytes() {
            return ops.bytes();
        }

        public void commit() {
            ops.apply();
            cache.put(partition, loaded.wf.workflowId, loaded);
        }

        /**
         * Stores a document no record of the instance holds (a large event payload, say) out of line
         * until the instance is removed; returns its client path.
         */
        public String stash(Object document) {
            String workflowId = loaded.wf.workflowId;
            byte[] bytes;
            try {
                bytes = StateCodec.JSON.writeValueAsBytes(document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a document of workflow " + workflowId, e);
            }
            String id = UUID.randomUUID().toString().replace("-", "");
            PayloadChunks.write(ops, instances, workflowId, id, bytes, limits.chunkBytes());
            String path = StateKeys.payloadPath(workflowId, id);
            paths.put(document, path);
            return path;
        }

        /** The largest a document may be to stay inside a record. */
        public int inlineBytes() {
            return limits.inlineBytes();
        }
    }

    public boolean exists(String workflowId) {
        return workflows.get(workflowId) != null;
    }

    /** The instance, or null when there is none. The engine may change it in place; then call {@link #write}. */
    public WorkflowInstance load(String workflowId) {
        byte[] header = workflows.get(workflowId);
        if (header == null) {
            cache.invalidate(partition, workflowId);
            return null;
        }
        Loaded cached = cache.get(partition, workflowId);
        if (cached != null && Arrays.equals(cached.headerBytes, header)) {
            return cached.wf;
        }
        Loaded loaded = read(workflowId, header);
        if (loaded == null) {
            return null;
        }
        cache.put(partition, workflowId, loaded);
        return loaded.wf;
    }

    /** Forgets the in-memory copy of an instance (after a step that failed or did not store its changes). */
    public void forget(String workflowId) {
        cache.invalidate(partition, workflowId);
    }

    /** Forgets every in-memory instance of this partition. */
    public void forgetAll() {
        cache.invalidate(partition);
    }

    private Loaded read(String workflowId, byte[] header) {
        Loaded l = new Loaded(null);
        List<KeyValue<String, byte[]>> entries = PayloadChunks.instance(instances, workflowId);
        WorkflowInstance wf =
                InstanceAssembly.assemble(header, entries, chunks -> new Tracking(l, workflowId, null, chunks), l);
        if (wf == null) {
            return null;
        }
        Loaded loaded = new Loaded(wf);
        loaded.headerBytes = l.headerBytes;
        loaded.writes = l.writes;
        loaded.taskBytes.putAll(l.taskBytes);
        loaded.taskStamps.putAll(l.taskStamps);
        loaded.inline.addAll(l.inline);
        loaded.passes.putAll(l.passes);
        loaded.refs.putAll(l.refs);
        loaded.taskCount = wf.tasks.size();
        loaded.openIds = openIds(wf);
        loaded.weight = l.headerBytes.length + l.weight;
        return loaded;
    }

    /**
     * Stores an instance after a step: a new one whole, an existing one by what changed.
     *
     * @return what was written, for the snapshot topics
     */
    public Pending write(WorkflowInstance wf) {
        return write(wf, false);
    }

    /**
     * As {@link #write(WorkflowInstance)}; {@code isNew}: the caller knows that no instance of this
     * id is stored (it just looked), so nothing stored needs replacing.
     */
    public Pending write(WorkflowInstance wf, boolean isNew) {
        Loaded l = cache.get(partition, wf.workflowId);
        StoreOps ops = new StoreOps();
        boolean fresh = l == null || l.wf != wf;
        if (fresh) {
            l = new Loaded(wf);
            if (!isNew && workflows.get(wf.workflowId) != null) {
                // written before but not cached (an evicted entry): compare against nothing, rewrite all
                for (String key : PayloadChunks.keys(instances, StateKeys.prefix(wf.workflowId))) {
                    ops.delete(instances, key);
                }
            }
        }
        TaskIndex index = wf.index();
        boolean all = fresh || wf.restructured();
        LinkedHashMap<String, TaskState> candidates = new LinkedHashMap<>();
        if (all) {
            wf.tasks.forEach(t -> candidates.put(t.taskId, t));
        } else {
            for (String id : l.openIds) {
                TaskState t = index.byId(id);
                if (t != null) {
                    candidates.put(id, t);
                }
            }
            for (int i = l.taskCount; i < wf.tasks.size(); i++) {
                candidates.put(wf.tasks.get(i).taskId, wf.tasks.get(i));
            }
            for (String id : wf.touchedTaskIds()) {
                TaskState t = index.byId(id);
                if (t != null) {
                    candidates.put(id, t);
                }
            }
        }
        Tracking fields = new Tracking(l, wf.workflowId, ops, Map.of());
        List<TaskState> written = new ArrayList<>();
        for (TaskState t : candidates.values()) {
            if (writeTask(l, fields, wf.workflowId, t, all)) {
                written.add(t);
            }
        }
        if (all) {
            Set<String> present = new HashSet<>(candidates.keySet());
            for (String gone : List.copyOf(l.taskBytes.keySet())) {
                if (!present.contains(gone)) {
                    removeTask(l, fields, wf.workflowId, gone);
                }
            }
        }
        spill(l, wf.workflowId, ops);
        l.writes++;
        List<byte[]> inline = new ArrayList<>(l.inline.size());
        for (String id : l.inline) {
            inline.add(l.taskBytes.get(id));
        }
        byte[] header = StateCodec.encode(StateCodec.header(wf, l.writes, fields.owner(wf.workflowId), inline));
        fields.release(wf.workflowId);
        ops.put(workflows, wf.workflowId, header); // after the entries: the header closes the step
        l.weight += header.length - (l.headerBytes == null ? 0 : l.headerBytes.length);
        l.headerBytes = header;
        l.taskCount = wf.tasks.size();
        l.openIds = openIds(wf);
        wf.clearChanges();
        Map<Object, String> paths = new IdentityHashMap<>();
        l.refs.values()
                .forEach(m ->
                        m.forEach((doc, ref) -> paths.put(doc, StateKeys.payloadPath(wf.workflowId, ref.getId()))));
        return new Pending(ops, l, written, paths, fields.texts);
    }

    /** Writes a task's record if it changed, and a loop task's new passes; true when the task record was written. */
    private boolean writeTask(Loaded l, Tracking fields, String workflowId, TaskState t, boolean all) {
        String key = StateKeys.task(workflowId, t.taskId);
        TaskRecord record = StateCodec.task(t, key, fields.owner(key));
        fields.release(key);
        if (LoopPasses.isLoop(t)) {
            writePasses(l, fields, workflowId, t, all);
        }
        record.setWritten(l.writes + 1);
        byte[] bytes = StateCodec.encode(record);
        byte[] before = l.taskBytes.get(t.taskId);
        if (before != null && StateCodec.sameTaskButStamp(before, bytes)) {
            return false;
        }
        l.taskStamps.put(t.taskId, l.writes + 1);
        if (before != null && !l.inline.contains(t.taskId)) {
            fields.ops.put(instances, key, bytes); // an entry of its own already
        } else {
            l.inline.add(t.taskId); // new (or in the header already): the header carries it
        }
        l.taskBytes.put(t.taskId, bytes);
        l.weight += bytes.length - (before == null ? 0 : before.length);
        return true;
    }

    /**
     * Moves the oldest tasks the header carries out into entries of their own until what is left fits
     * the header's budget; a task once moved stays an entry. So a header carries at most a few KiB of
     * tasks, and a short workflow's tasks are never written anywhere but in its header.
     */
    private void spill(Loaded l, String workflowId, StoreOps ops) {
        long bytes = 0;
        for (String id : l.inline) {
            bytes += l.taskBytes.get(id).length;
        }
        for (Iterator<String> it = l.inline.iterator();
                it.hasNext() && (bytes > limits.headerTaskBytes() || l.inline.size() > limits.headerTasks()); ) {
            String id = it.next();
            byte[] record = l.taskBytes.get(id);
            ops.put(instances, StateKeys.task(workflowId, id), record);
            bytes -= record.length;
            it.remove();
        }
    }

    private void writePasses(Loaded l, Tracking fields, String workflowId, TaskState loop, boolean all) {
        TreeMap<Integer, JsonNode> now = LoopPasses.passes(loop.outputData);
        Set<Integer> stored = l.passes.computeIfAbsent(loop.taskId, k -> new HashSet<>());
        for (Map.Entry<Integer, JsonNode> e : now.entrySet()) {
            if (all || !stored.contains(e.getKey())) {
                String key = StateKeys.pass(workflowId, loop.taskId, e.getKey());
                byte[] bytes = StateCodec.encode(new LoopPassRecord(
                        e.getKey(), l.writes + 1, fields.owner(key).write(key, e.getValue())));
                fields.release(key);
                fields.ops.put(instances, key, bytes);
                stored.add(e.getKey());
                l.weight += bytes.length;
            }
        }
        for (Integer gone : List.copyOf(stored)) {
            if (!now.containsKey(gone)) {
                String key = StateKeys.pass(workflowId, loop.taskId, gone);
                fields.ops.delete(instances, key);
                fields.dropAll(key);
                stored.remove(gone);
            }
        }
    }

    private void removeTask(Loaded l, Tracking fields, String workflowId, String taskId) {
        String key = StateKeys.task(workflowId, taskId);
        if (!l.inline.remove(taskId)) {
            fields.ops.delete(instances, key);
        }
        fields.dropAll(key);
        byte[] before = l.taskBytes.remove(taskId);
        l.taskStamps.remove(taskId);
        l.weight -= before == null ? 0 : before.length;
        Set<Integer> passes = l.passes.remove(taskId);
        if (passes != null) {
            for (int p : passes) {
                String passKey = StateKeys.pass(workflowId, taskId, p);
                fields.ops.delete(instances, passKey);
                fields.dropAll(passKey);
            }
        }
    }

    /** Removes an instance and everything it stored. */
    public void remove(String workflowId) {
        StoreOps ops = new StoreOps();
        for (String key : PayloadChunks.keys(instances, StateKeys.prefix(workflowId))) {
            ops.delete(instances, key);
        }
        if (instances.get(workflowId) != null) {
            ops.delete(instances, workflowId); // the copy of its header that earlier versions kept here
        }
        ops.delete(workflows, workflowId);
        ops.apply();
        cache.invalidate(partition, workflowId);
    }

    private static Set<String> openIds(WorkflowInstance wf) {
        Set<String> ids = new HashSet<>();
        for (TaskState t : wf.index().openSnapshot()) {
            ids.add(t.taskId);
        }
        return ids;
    }

    /**
     * Writes documents inline or out of line, remembering by identity what each record key stored
     * out of line; a document that is still the same object is not serialized again. A record's
     * payloads that it no longer refers to are deleted when it is written ({@link #release}).
     */
    private final class Tracking implements JsonFields {
        private final Loaded l;
        private final String workflowId;
        private final StoreOps ops;
        /** The instance's chunks as read with it (documents read while loading come from these). */
        private final Map<String, byte[]> chunks;

        private final Map<String, Set<String>> used = new HashMap<>();
        /** The text of each document written inline, by identity. */
        private final Map<Object, String> texts = new IdentityHashMap<>();

        Tracking(Loaded l, String workflowId, StoreOps ops, Map<String, byte[]> chunks) {
            this.l = l;
            this.workflowId = workflowId;
            this.ops = ops;
            this.chunks = chunks;
        }

        /** The fields of one record: everything it stores out of line is counted as its own. */
        JsonFields owner(String key) {
            used.put(key, new HashSet<>());
            return this;
        }

        /** After a record was encoded: its payloads it no longer uses are deleted. */
        void release(String key) {
            Set<String> keep = used.remove(key);
            IdentityHashMap<Object, PayloadRef> mine = l.refs.get(key);
            if (mine == null || keep == null) {
                return;
            }
            mine.values().removeIf(ref -> {
                if (keep.contains(ref.getId())) {
                    return false;
                }
                PayloadChunks.delete(ops, instances, workflowId, ref);
                l.weight -= ref.getSize();
                return true;
            });
        }

        void dropAll(String key) {
            IdentityHashMap<Object, PayloadRef> mine = l.refs.remove(key);
            if (mine != null) {
                mine.values().forEach(ref -> {
                    PayloadChunks.delete(ops, instances, workflowId, ref);
                    l.weight -= ref.getSize();
                });
            }
        }

        @Override
        public Object write(String owner, Object document) {
            if (document == null) {
                return null;
            }
            IdentityHashMap<Object, PayloadRef> mine = l.refs(owner);
            PayloadRef known = mine.get(document);
            if (known != null) {
                used.computeIfAbsent(owner, k -> new HashSet<>()).add(known.getId());
                return known;
            }
            byte[] bytes;
            try {
                bytes = StateCodec.JSON.writeValueAsBytes(document);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a document of workflow " + workflowId, e);
            }
            if (bytes.length <= limits.inlineBytes()) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                texts.put(document, text);
                return text;
            }
            String id = UUID.randomUUID().toString().replace("-", "");
            PayloadRef ref = PayloadChunks.write(ops, instances, workflowId, id, bytes, limits.chunkBytes());
            mine.put(document, ref);
            used.computeIfAbsent(owner, k -> new HashSet<>()).add(id);
            l.weight += bytes.length;
            return ref;
        }

        @Override
        public JsonNode read(String owner, Object value) {
            JsonNode node = InstanceAssembly.parse(chunks, workflowId, value);
            if (value instanceof PayloadRef ref) {
                l.refs(owner).put(node, ref);
                l.weight += ref.getSize();
            } else if (value != null) {
                l.weight += value.toString().length();
            }
            return node;
        }

        @Override
        public void alias(String owner, JsonNode read, Object value) {
            IdentityHashMap<Object, PayloadRef> mine = l.refs.get(owner);
            PayloadRef ref = mine == null ? null : mine.remove(read);
            if (ref != null) {
                mine.put(value, ref);
            }
        }
    }
}
