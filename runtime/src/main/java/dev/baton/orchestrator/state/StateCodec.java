package dev.baton.orchestrator.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.PendingEvent;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.state.LoopPassRecord;
import dev.baton.state.PendingEventRecord;
import dev.baton.state.StateSchemas;
import dev.baton.state.TaskLogRecord;
import dev.baton.state.TaskRecord;
import dev.baton.state.TimerRecord;
import dev.baton.state.WorkflowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Maps the engine's instance and tasks to the records of the state stores and back. The records
 * have Avro schemas with a kept history ({@link StateSchemas}), so that a field renamed or added
 * in a later version never silently loses state on restore.
 */
final class StateCodec {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final BinaryMessageEncoder<WorkflowRecord> WORKFLOW_OUT = StateSchemas.encoder(WorkflowRecord.class);
    private static final BinaryMessageDecoder<WorkflowRecord> WORKFLOW_IN = StateSchemas.decoder(WorkflowRecord.class);
    private static final BinaryMessageEncoder<TaskRecord> TASK_OUT = StateSchemas.encoder(TaskRecord.class);
    private static final BinaryMessageDecoder<TaskRecord> TASK_IN = StateSchemas.decoder(TaskRecord.class);
    private static final BinaryMessageEncoder<LoopPassRecord> PASS_OUT = StateSchemas.encoder(LoopPassRecord.class);
    private static final BinaryMessageDecoder<LoopPassRecord> PASS_IN = StateSchemas.decoder(LoopPassRecord.class);

    private StateCodec() {}

    // ---- tasks ------------------------------------------------------------------------------

    /** A task's record; a DO_WHILE task's output leaves out its passes (each has its own record). */
    static TaskRecord task(TaskState t, String owner, JsonFields fields) {
        TaskRecord r = new TaskRecord(); // not the builder: it validates and copies defaults on every record
        r.setTaskId(t.taskId);
        r.setPos(t.pos);
        r.setReferenceTaskName(t.referenceTaskName);
        r.setTaskDefName(t.taskDefName);
        r.setTaskType(t.taskType);
        r.setStatus(t.status.name());
        r.setRetryCount(t.retryCount);
        r.setDefIndex(t.defIndex);
        r.setDefRef(t.defRef);
        r.setIteration(t.iteration);
        r.setSeq(t.seq);
        r.setRetriedTaskId(t.retriedTaskId);
        r.setCallbackAfterSeconds(t.callbackAfterSeconds);
        r.setPollCount(t.pollCount);
        r.setSubWorkflowId(t.subWorkflowId);
        r.setCompensationOf(t.compensationOf);
        r.setExecuted(t.executed);
        r.setInputData(fields.write(owner, t.inputData));
        r.setOutputData(fields.write(owner, LoopPasses.isLoop(t) ? LoopPasses.base(t.outputData) : t.outputData));
        r.setReasonForIncompletion(t.reasonForIncompletion);
        r.setScheduledTime(t.scheduledTime);
        r.setStartTime(t.startTime);
        r.setEndTime(t.endTime);
        r.setRetried(t.retried);
        r.setAwaitingDispatch(t.awaitingDispatch);
        r.setLogs(
                t.logs == null
                        ? null
                        : t.logs.stream()
                                .map(l -> new TaskLogRecord(l.log(), l.createdTime()))
                                .toList());
        r.setSlaBreached(t.slaBreached);
        r.setStartDelayInSeconds(t.startDelayInSeconds);
        r.setFirstScheduledTime(t.firstScheduledTime);
        return r;
    }

    static TaskState task(TaskRecord r, String owner, JsonFields fields) {
        TaskState t = new TaskState();
        t.taskId = r.getTaskId();
        t.pos = r.getPos();
        t.referenceTaskName = r.getReferenceTaskName();
        t.taskDefName = r.getTaskDefName();
        t.taskType = r.getTaskType();
        t.status = TaskStatus.valueOf(r.getStatus());
        t.retryCount = r.getRetryCount();
        t.defIndex = r.getDefIndex();
        t.defRef = r.getDefRef();
        t.iteration = r.getIteration();
        t.seq = r.getSeq();
        t.retriedTaskId = r.getRetriedTaskId();
        t.callbackAfterSeconds = r.getCallbackAfterSeconds();
        t.pollCount = r.getPollCount();
        t.subWorkflowId = r.getSubWorkflowId();
        t.compensationOf = r.getCompensationOf();
        t.executed = r.getExecuted();
        t.inputData = object(fields.read(owner, r.getInputData()));
        t.outputData = object(fields.read(owner, r.getOutputData()));
        t.reasonForIncompletion = r.getReasonForIncompletion();
        t.scheduledTime = r.getScheduledTime();
        t.startTime = r.getStartTime();
        t.endTime = r.getEndTime();
        t.retried = r.getRetried();
        t.awaitingDispatch = r.getAwaitingDispatch();
        t.logs = r.getLogs() == null
                ? null
                : new ArrayList<>(r.getLogs().stream()
                        .map(l -> new TaskLog(l.getLog(), l.getCreatedTime()))
                        .toList());
        t.slaBreached = r.getSlaBreached();
        t.startDelayInSeconds = r.getStartDelayInSeconds();
        t.firstScheduledTime = r.getFirstScheduledTime();
        return t;
    }

    // ---- the header -------------------------------------------------------------------------

    static WorkflowRecord header(WorkflowInstance wf, long writes, JsonFields fields) {
        return header(wf, writes, fields, List.of());
    }

    /** The header, carrying the records of the tasks kept in it (encoded, oldest first). */
    static WorkflowRecord header(WorkflowInstance wf, long writes, JsonFields fields, List<byte[]> inlineTasks) {
        String owner = wf.workflowId;
        List<TimerRecord> timers = new ArrayList<>(wf.timers.size());
        wf.timers.forEach((id, due) -> timers.add(new TimerRecord(id, due)));
        WorkflowRecord r = new WorkflowRecord();
        r.setWorkflowId(wf.workflowId);
        r.setWorkflowName(wf.workflowName);
        r.setWorkflowVersion(wf.workflowVersion);
        r.setStatus(wf.status == null ? null : wf.status.name());
        r.setCorrelationId(wf.correlationId);
        r.setInput(fields.write(owner, wf.input));
        r.setOutput(fields.write(owner, wf.output));
        r.setVariables(fields.write(owner, wf.variables));
        r.setReasonForIncompletion(wf.reasonForIncompletion);
        r.setStartTime(wf.startTime);
        r.setUpdateTime(wf.updateTime);
        r.setEndTime(wf.endTime);
        r.setSeq(wf.seq);
        r.setIdCounter(wf.idCounter);
        r.setParentWorkflowId(wf.parentWorkflowId);
        r.setParentTaskId(wf.parentTaskId);
        r.setLastRetriedTime(wf.lastRetriedTime);
        r.setCompensationReason(wf.compensationReason);
        r.setCompensationQueue(wf.compensationQueue == null ? null : List.copyOf(wf.compensationQueue));
        r.setDefinition(fields.write(owner, wf.definition));
        r.setFailureWorkflowId(wf.failureWorkflowId);
        r.setPendingEvents(
                wf.pendingEvents == null
                        ? null
                        : wf.pendingEvents.stream()
                                .map(e -> pending(e, owner, fields))
                                .toList());
        r.setTimers(timers);
        r.setTaskCount(wf.tasks.size());
        r.setWrites(writes);
        r.setTaskToDomain(wf.taskToDomain == null ? null : new LinkedHashMap<>(wf.taskToDomain));
        r.setLimitedTasks(wf.limitedTasks == null ? null : new LinkedHashMap<>(wf.limitedTasks));
        List<ByteBuffer> inline = new ArrayList<>(inlineTasks.size());
        inlineTasks.forEach(b -> inline.add(ByteBuffer.wrap(b)));
        r.setInlineTasks(inline);
        return r;
    }

    /** The instance without its tasks. */
    static WorkflowInstance header(WorkflowRecord r, JsonFields fields) {
        String owner = r.getWorkflowId();
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = r.getWorkflowId();
        wf.workflowName = r.getWorkflowName();
        wf.workflowVersion = r.getWorkflowVersion();
        wf.status = r.getStatus() == null ? null : WorkflowStatus.valueOf(r.getStatus());
        wf.correlationId = r.getCorrelationId();
        wf.input = object(fields.read(owner, r.getInput()));
        wf.output = object(fields.read(owner, r.getOutput()));
        wf.variables = object(fields.read(owner, r.getVariables()));
        wf.reasonForIncompletion = r.getReasonForIncompletion();
        wf.startTime = r.getStartTime();
        wf.updateTime = r.getUpdateTime();
        wf.endTime = r.getEndTime();
        wf.seq = r.getSeq();
        wf.idCounter = r.getIdCounter();
        wf.parentWorkflowId = r.getParentWorkflowId();
        wf.parentTaskId = r.getParentTaskId();
        wf.lastRetriedTime = r.getLastRetriedTime();
        wf.compensationReason = r.getCompensationReason();
        wf.compensationQueue = r.getCompensationQueue() == null ? null : new ArrayList<>(r.getCompensationQueue());
        JsonNode def = fields.read(owner, r.getDefinition());
        wf.definition = def == null ? null : definition(def);
        if (def != null) {
            fields.alias(owner, def, wf.definition);
        }
        wf.failureWorkflowId = r.getFailureWorkflowId();
        wf.pendingEvents = r.getPendingEvents() == null
                ? null
                : new ArrayList<>(r.getPendingEvents().stream()
                        .map(e -> pending(e, owner, fields))
                        .toList());
        Map<String, Long> timers = new LinkedHashMap<>();
        r.getTimers().forEach(t -> timers.put(t.getId(), t.getDueAt()));
        wf.timers = timers;
        wf.taskToDomain = r.getTaskToDomain() == null ? null : new java.util.TreeMap<>(r.getTaskToDomain());
        wf.limitedTasks = r.getLimitedTasks() == null ? null : new java.util.TreeMap<>(r.getLimitedTasks());
        return wf;
    }

    private static PendingEventRecord pending(PendingEvent e, String owner, JsonFields fields) {
        return new PendingEventRecord(
                e.eventId(),
                e.source(),
                e.taskRef(),
                e.status(),
                fields.write(owner, e.payload()),
                e.reason(),
                e.receivedAt());
    }

    private static PendingEvent pending(PendingEventRecord r, String owner, JsonFields fields) {
        return new PendingEvent(
                r.getEventId(),
                r.getSource(),
                r.getTaskRef(),
                r.getStatus(),
                object(fields.read(owner, r.getPayload())),
                r.getReason(),
                r.getReceivedAt());
    }

    // ---- encodings ----------------------------------------------------------------------------

    static byte[] encode(WorkflowRecord r) {
        return bytes(() -> WORKFLOW_OUT.encode(r));
    }

    static byte[] encode(TaskRecord r) {
        return bytes(() -> TASK_OUT.encode(r));
    }

    static byte[] encode(LoopPassRecord r) {
        return bytes(() -> PASS_OUT.encode(r));
    }

    /** The length of the header {@link BinaryMessageEncoder} puts before a record: marker and schema fingerprint. */
    private static final int MESSAGE_HEADER = 10;

    /**
     * Whether two encoded task records are the same but for their {@code written} stamp: a step
     * then need not write the task again. (The record's first fields are {@code taskId},
     * {@code pos}, {@code written}; the test of this method breaks if that order changes.)
     */
    static boolean sameTaskButStamp(byte[] a, byte[] b) {
        int startA = stampStart(a);
        int endA = varintEnd(a, startA);
        int startB = stampStart(b);
        int endB = varintEnd(b, startB);
        return startA == startB
                && Arrays.equals(a, 0, startA, b, 0, startB)
                && Arrays.equals(a, endA, a.length, b, endB, b.length);
    }

    private static int stampStart(byte[] r) {
        int i = MESSAGE_HEADER;
        long raw = 0;
        int shift = 0;
        byte x;
        do {
            x = r[i++];
            raw |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        long idLength = (raw >>> 1) ^ -(raw & 1); // zig-zag
        return varintEnd(r, i + (int) idLength); // then pos; written begins after it
    }

    private static int varintEnd(byte[] r, int at) {
        int i = at;
        while ((r[i++] & 0x80) != 0) {
            // continuation bit set: the varint goes on
        }
        return i;
    }

    static WorkflowRecord decodeHeader(byte[] b) {
        return decoded(() -> WORKFLOW_IN.decode(b));
    }

    static TaskRecord decodeTask(byte[] b) {
        return decoded(() -> TASK_IN.decode(b));
    }

    static LoopPassRecord decodePass(byte[] b) {
        return decoded(() -> PASS_IN.decode(b));
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private static byte[] bytes(Io<ByteBuffer> encoding) {
        try {
            ByteBuffer buffer = encoding.run();
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decoded(Io<T> decoding) {
        try {
            return decoding.run();
        } catch (IOException e) {
            throw new StateCorruptException("a state record cannot be decoded: " + e.getMessage(), e);
        }
    }

    static ObjectNode object(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new StateCorruptException(
                "a state record holds " + node.getNodeType() + " where an object belongs", null);
    }

    static WorkflowDef definition(JsonNode node) {
        try {
            return JSON.treeToValue(node, WorkflowDef.class);
        } catch (IOException e) {
            throw new StateCorruptException("a stored workflow definition cannot be read: " + e.getMessage(), e);
        }
    }
}
