package dev.baton.orchestrator.runtime;

import dev.baton.worker.BatonHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.process.WorkflowEngine;
import dev.baton.protocol.WorkflowControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of workflow instances: loads an instance, hands one input (a control command,
 * a task reply, or a due timer) to the engine, and writes the resulting state, commands, history
 * events, timers and snapshot — all inside the stream task's exactly-once transaction. A record
 * that cannot be applied goes to the DLQ with its reason; the stream thread never stops for it.
 */
public final class WorkflowProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TIMERS_PER_SCAN = 5_000;
    /** The runtime's own timer: a finished instance's retention is over. */
    static final String RETENTION_TIMER = "baton/retention";

    private final ProtocolCodec codec;
    private final ReplyDecoder replies;
    private final CommandPayloads payloads;
    private final ReplyTopics replyTopics;
    private final Duration timerInterval;
    private final Duration retention;
    private final RuntimeMetrics metrics;
    private final dev.baton.engine.EngineSettings settings;

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, byte[]> instances;
    private KeyValueStore<String, byte[]> timers;
    private WorkflowEngine engine;
    private DefinitionsView definitions;
    private EffectWriter writer;

    public WorkflowProcessor(ProtocolCodec codec, ReplyDecoder replies, CommandPayloads payloads, ReplyTopics replyTopics,
                             Duration timerInterval, Duration retention, RuntimeMetrics metrics,
                             dev.baton.engine.EngineSettings settings) {
        this.settings = settings;
        this.codec = codec;
        this.replies = replies;
        this.payloads = payloads;
        this.replyTopics = replyTopics;
        this.timerInterval = timerInterval;
        this.retention = retention;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.instances = context.getStateStore(Topics.INSTANCE_STORE);
        this.timers = context.getStateStore(Topics.TIMER_STORE);
        this.definitions = new DefinitionsView(context.getStateStore(Topics.DEFINITION_STORE));
        this.engine = new WorkflowEngine(definitions, new dev.baton.engine.script.SandboxedScripts(), settings);
        this.writer = new EffectWriter(codec, payloads, replyTopics);
        context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            if (Topics.COMMANDS.equals(topic)) {
                onControl(record);
            } else {
                onReply(record);
            }
        } catch (PoisonRecordException | RejectedInputException e) {
            deadLetter(record, e.getMessage(), e);
        } catch (InfrastructureException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Unexpected error on a record from {}; sent to the DLQ", topic, e);
            deadLetter(record, "unexpected error: " + e, e);
        }
    }

    private void onControl(Record<String, byte[]> record) {
        WorkflowControl c;
        try {
            c = codec.decodeControl(record.value());
        } catch (SerializationException | IllegalArgumentException e) {
            throw new PoisonRecordException("not a WorkflowControl record: " + e.getMessage(), e);
        }
        String workflowId = c.getWorkflowId();
        long now = context.currentSystemTimeMs();
        switch (c.getType()) {
            case START -> {
                if (instances.get(workflowId) != null) {
                    throw new PoisonRecordException("workflow " + workflowId + " already exists");
                }
                WorkflowDef def = definitionFor(c, now);
                if (def == null) {
                    return;
                }
                EngineInput.Start start = new EngineInput.Start(workflowId, def, jsonObject(c.getInput(), "input"),
                        c.getCorrelationId(), c.getParentWorkflowId(), c.getParentTaskId());
                // dated by when it was asked for (never later than now): a bridge start by its BookingRequested event
                long at = eventTime(c.getTimestamp(), now);
                commit(engine.start(start, at), at);
                metrics.started(def.name());
                bridgeNotice("bind", def, def.name(), workflowId, c.getCorrelationId(), now);
            }
            case PAUSE -> apply(workflowId, new EngineInput.Pause(c.getReason()), now);
            case RESUME -> apply(workflowId, new EngineInput.Resume(c.getReason()), now);
            case TERMINATE -> apply(workflowId, new EngineInput.Terminate(c.getReason()), now);
            case SIGNAL -> {
                WorkflowInstance wf = require(workflowId);
                apply(wf, new EngineInput.Signal(signalRef(wf, c),
                        c.getTaskStatus() == null ? EngineInput.ReplyStatus.COMPLETED
                                : EngineInput.ReplyStatus.valueOf(c.getTaskStatus().name()),
                        jsonObject(c.getTaskOutput(), "taskOutput"), c.getReason()), now);
            }
            case RESTART -> apply(workflowId, new EngineInput.Restart(Boolean.TRUE.equals(c.getUseLatestDefinition())), now);
            case RETRY -> apply(workflowId, new EngineInput.Retry(Boolean.TRUE.equals(c.getResumeSubworkflowTasks())), now);
            case RERUN -> apply(workflowId, new EngineInput.Rerun(c.getTaskRef(), optionalObject(c.getTaskInput(), "taskInput"),
                    optionalObject(c.getInput(), "input")), now);
            case SKIP_TASK -> apply(workflowId, new EngineInput.SkipTask(c.getTaskRef(),
                    optionalObject(c.getTaskInput(), "taskInput"), optionalObject(c.getTaskOutput(), "taskOutput")), now);
            // A domain event is dated by when it happened, so that an observed step's timing is the services' own, not
            // when Baton happened to read the event; never later than now, nor earlier than the instance's last change
            // (an event that overtook its predecessor ends its step when the step is reached).
            case EVENT -> {
                WorkflowInstance wf = require(workflowId);
                apply(wf, new EngineInput.DomainEvent(c.getCommandId(), c.getRequestedBy(), c.getTaskRef(),
                        c.getTaskStatus() == null ? EngineInput.ReplyStatus.COMPLETED
                                : EngineInput.ReplyStatus.valueOf(c.getTaskStatus().name()),
                        jsonObject(c.getTaskOutput(), "taskOutput"), c.getReason()), eventTime(wf, c.getTimestamp(), now));
            }
            case CHILD_FINISHED -> apply(workflowId, new EngineInput.ChildFinished(c.getTaskId(), c.getChildWorkflowId(),
                    WorkflowStatus.valueOf(c.getChildStatus().name()), jsonObject(c.getTaskOutput(), "taskOutput"),
                    c.getReason()), now);
            case CONTINUE -> {
                WorkflowInstance wf = load(workflowId);
                if (wf != null) {
                    apply(wf, new EngineInput.Continue(), now); // an instance deleted meanwhile has nothing to go on with
                }
            }
            case UPDATE_VARIABLES -> apply(workflowId, new EngineInput.UpdateVariables(jsonObject(c.getInput(), "input"),
                    Boolean.TRUE.equals(c.getAppendArray())), now);
            case DELETE -> {
                WorkflowInstance wf = load(workflowId);
                if (wf == null) {
                    throw new PoisonRecordException("unknown workflow id " + workflowId);
                }
                wf.seq++;
                context.forward(new Record<>(workflowId, new Routed(Topics.EVENTS, codec.encodeEvent(ProtocolMapper.event(wf,
                        new Effect.HistoryEvent(wf.seq, now, dev.baton.engine.effect.EventType.WORKFLOW_DELETED, null, null,
                                null, null, String.valueOf(wf.status), null, c.getReason())))), now));
                remove(wf, now);
            }
            default -> throw new PoisonRecordException("control command " + c.getType() + " is not supported yet");
        }
    }

    /** A SIGNAL names its task by reference or, without one, by task id (resolved here to the reference). */
    private String signalRef(WorkflowInstance wf, WorkflowControl c) {
        String workflowId = wf.workflowId;
        if (c.getTaskRef() != null || c.getTaskId() == null) {
            return c.getTaskRef();
        }
        var task = wf.task(c.getTaskId()).orElseThrow(() ->
                new PoisonRecordException("workflow " + workflowId + " has no task " + c.getTaskId()));
        if (task.status.isTerminal()) {
            throw new PoisonRecordException("task " + c.getTaskId() + " of workflow " + workflowId + " is already "
                    + task.status);
        }
        return task.referenceTaskName;
    }

    /**
     * The definition a START names: inline, or registered. When it names none that exists, a
     * sub-workflow's parent learns that its child failed, and the command goes to the DLQ.
     */
    private WorkflowDef definitionFor(WorkflowControl c, long now) {
        if (c.getDefinition() != null) {
            try {
                return DefinitionParser.workflow(c.getDefinition());
            } catch (InvalidDefinitionException e) {
                throw new PoisonRecordException("inline definition is invalid: " + e.getMessage());
            }
        }
        WorkflowDef def = definitions.workflow(c.getWorkflowName(), c.getWorkflowVersion()).orElse(null);
        if (def != null) {
            return def;
        }
        String reason = "unknown workflow definition " + c.getWorkflowName()
                + (c.getWorkflowVersion() == null ? "" : " version " + c.getWorkflowVersion());
        if (c.getParentWorkflowId() != null && c.getParentTaskId() != null) {
            context.forward(new Record<>(c.getParentWorkflowId(), new Routed(Topics.COMMANDS, codec.encodeControl(
                    Controls.childFinished(new Effect.NotifyParent(c.getParentWorkflowId(), c.getParentTaskId(),
                            c.getWorkflowId(), dev.baton.engine.model.WorkflowStatus.FAILED, null, reason), now))), now));
        }
        throw new PoisonRecordException(reason);
    }

    private void onReply(Record<String, byte[]> record) {
        String workflowId = ReplyDecoder.workflowId(record.key(), record.headers());
        if (workflowId == null || workflowId.isBlank()) {
            throw new PoisonRecordException("missing header " + BatonHeaders.WORKFLOW_ID + " and no record key");
        }
        EngineInput result = replies.decodeInput(record.value(), record.headers());
        apply(workflowId, result, context.currentSystemTimeMs());
    }

    private static long eventTime(long occurred, long now) {
        return occurred > 0 && occurred < now ? occurred : now;
    }

    private static long eventTime(WorkflowInstance wf, long occurred, long now) {
        long at = eventTime(occurred, now);
        return at == now ? now : Math.min(now, Math.max(at, wf.updateTime));
    }

    private void apply(String workflowId, EngineInput input, long now) {
        apply(require(workflowId), input, now);
    }

    private void apply(WorkflowInstance wf, EngineInput input, long now) {
        commit(engine.apply(wf, input, now), now);
    }

    private WorkflowInstance require(String workflowId) {
        WorkflowInstance wf = load(workflowId);
        if (wf == null) {
            throw new PoisonRecordException("unknown workflow id " + workflowId);
        }
        return wf;
    }

    private WorkflowInstance load(String workflowId) {
        byte[] bytes = instances.get(workflowId);
        return bytes == null ? null : InstanceCodec.decode(bytes);
    }

    /** Encodes everything first, then writes: a step is carried out whole or not at all. */
    private void commit(Transition t, long now) {
        if (!t.changed()) {
            return;
        }
        EffectWriter.Output out = writer.encode(t, now);
        WorkflowInstance wf = t.instance();
        instances.put(wf.workflowId, InstanceCodec.encode(wf));
        for (String key : out.timerDeletes()) {
            timers.delete(key);
        }
        for (String key : out.timerPuts()) {
            timers.put(key, new byte[0]);
        }
        for (Record<String, Routed> r : out.records()) {
            context.forward(r);
        }
        if (wf.isTerminal() && wf.endTime == now) {
            // Finished instances are kept only for the retention time; then they are removed.
            timers.put(TimerKeys.key(now + retention.toMillis(), RETENTION_TIMER, wf.workflowId), new byte[0]);
        }
        metrics.transition(t);
        for (EffectWriter.Undeliverable u : out.undeliverable()) {
            LOG.warn("Task {} of workflow {} cannot be sent: {}", u.taskId(), wf.workflowId, u.reason());
            commit(engine.apply(wf, new EngineInput.TaskResult(u.taskId(), u.attempt(),
                    EngineInput.ReplyStatus.FAILED_WITH_TERMINAL_ERROR, null, u.reason(), null), now), now);
        }
    }

    private void fireDueTimers(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = timers.range(TimerKeys.lowerBound(), TimerKeys.upperBound(now))) {
            while (it.hasNext() && due.size() < MAX_TIMERS_PER_SCAN) {
                KeyValue<String, byte[]> kv = it.next();
                due.add(kv.key);
            }
        }
        long deadline = System.nanoTime() + timerInterval.toNanos() / 2;
        for (String key : due) {
            if (System.nanoTime() > deadline) {
                break;
            }
            timers.delete(key);
            WorkflowInstance wf = load(TimerKeys.workflowId(key));
            if (wf == null) {
                continue;
            }
            if (RETENTION_TIMER.equals(TimerKeys.timerId(key))) {
                expire(wf, now);
                continue;
            }
            try {
                commit(engine.apply(wf, new EngineInput.TimerFired(TimerKeys.timerId(key)), now), now);
            } catch (RejectedInputException e) {
                LOG.warn("Timer {} not applied: {}", key, e.getMessage());
            }
        }
    }

    /** Removes a finished instance whose retention is over, and tombstones it in baton.state. */
    private void expire(WorkflowInstance wf, long now) {
        if (!wf.isTerminal() || now < wf.endTime + retention.toMillis()) {
            return; // restarted or retried since: its new end sets a new retention timer
        }
        remove(wf, now);
        metrics.expired();
    }

    /** Removes an instance and its timers from the stores, and tombstones it in baton.state. */
    private void remove(WorkflowInstance wf, long now) {
        bridgeNotice("unbind", wf.definition != null ? wf.definition
                : definitions.workflow(wf.workflowName, wf.workflowVersion).orElse(null), wf.workflowName, wf.workflowId,
                wf.correlationId, now);
        instances.delete(wf.workflowId);
        for (var t : wf.timers.entrySet()) {
            timers.delete(TimerKeys.key(t.getValue(), t.getKey(), wf.workflowId));
        }
        context.forward(new Record<>(wf.workflowId, new Routed(Topics.STATE, null), now));
    }

    /**
     * Bridge: tells the correlation index on {@code baton.bridge} that an instance with a business key
     * (its correlation id) now exists ("bind": its domain events go to it) or is gone ("unbind").
     * Only for definitions with event bindings (an unknown definition still unbinds).
     */
    private void bridgeNotice(String action, WorkflowDef def, String workflowName, String workflowId, String correlationId,
                              long now) {
        if (correlationId == null || correlationId.isBlank() || workflowName == null
                || (def != null && !def.hasEventBindings())) {
            return;
        }
        ObjectNode notice = JSON.createObjectNode().put("action", action).put("workflowName", workflowName)
                .put("businessKey", correlationId).put("workflowId", workflowId).put("timestamp", now);
        context.forward(new Record<>(workflowName + "|" + correlationId,
                new Routed(Topics.BRIDGE, notice.toString().getBytes(StandardCharsets.UTF_8)), now));
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        metrics.deadLettered(meta.topic(), error);
        LOG.warn("Sending record {}-{}@{} to {}: {}", meta.topic(), meta.partition(), meta.offset(), Topics.DLQ, reason);
        context.forward(new Record<>(record.key(), new Routed(Topics.DLQ, record.value()), record.timestamp(),
                DeadLetters.headers(record.headers(), reason, meta, error)));
    }

    private static ObjectNode optionalObject(String text, String what) {
        return text == null ? null : jsonObject(text, what);
    }

    private static ObjectNode jsonObject(String text, String what) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
            if (node instanceof ObjectNode o) {
                return o;
            }
            throw new PoisonRecordException(what + " must be a JSON object");
        } catch (IOException e) {
            throw new PoisonRecordException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
