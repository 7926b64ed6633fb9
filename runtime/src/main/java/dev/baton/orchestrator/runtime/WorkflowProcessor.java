package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.process.WorkflowEngine;
import dev.baton.engine.script.SandboxedScripts;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.limiter.LimiterRecords;
import dev.baton.orchestrator.state.InstanceCache;
import dev.baton.orchestrator.state.InstanceStore;
import dev.baton.orchestrator.state.StateKeys;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.WorkflowControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * events, timers and snapshots — all inside the stream task's exactly-once transaction.
 *
 * <p>Nothing a record or a workflow holds can stop the stream thread: a record that cannot be
 * applied goes to the DLQ with its reason; a failure while a workflow's step is carried out
 * (a bug, a record Baton may not write) ends that workflow FAILED with the reason and sends the
 * record that caused it to the DLQ. Due timers go through the same path. Only infrastructure
 * failures (the schema registry is unreachable) stop processing, to be retried.
 */
public final class WorkflowProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TIMERS_PER_SCAN = 5_000;

    private final ProcessorSettings settings;
    private final ProtocolCodec codec;
    private final ReplyDecoder replies;
    private final CommandPayloads payloads;
    private final RuntimeMetrics metrics;
    private final InstanceCache cache;
    private final EagerCommits eager;
    /**
     * Whether the record in hand led to a record someone waits on — a command for a worker or for another workflow, a
     * reply, an event — or ended its workflow; a step that only fed the views (events, snapshots, task rows) does not
     * need an early commit: reads on this node see it at once.
     */
    private boolean awaited;

    private final AppliedNotices applied;
    private final DefinitionsFeed definitionsFeed;

    private ProcessorContext<String, Routed> context;
    private InstanceStore store;
    private KeyValueStore<String, byte[]> timers;
    private final DueTimers dueTimers = new DueTimers();
    private WorkflowEngine engine;
    private DefinitionsView definitions;
    private EffectWriter writer;
    private StateCheck check;
    /** The instance the current record or timer is about (to forget, or fail, when its step fails). */
    private String current;
    /** The generation in which this processor's partition is served ({@link ServedPartitions}). */
    private long served;

    public WorkflowProcessor(
            ProtocolCodec codec,
            ReplyDecoder replies,
            CommandPayloads payloads,
            ProcessorSettings settings,
            RuntimeMetrics metrics,
            InstanceCache cache,
            EagerCommits eager,
            AppliedNotices applied,
            DefinitionsFeed definitionsFeed) {
        this.codec = codec;
        this.replies = replies;
        this.payloads = payloads;
        this.settings = settings;
        this.metrics = metrics;
        this.cache = cache;
        this.eager = eager;
        this.applied = applied;
        this.definitionsFeed = definitionsFeed;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        KeyValueStore<String, byte[]> workflows = context.getStateStore(Topics.WORKFLOW_STORE);
        KeyValueStore<String, byte[]> instances = context.getStateStore(Topics.INSTANCE_STORE);
        this.store =
                new InstanceStore(workflows, instances, cache, context.taskId().partition(), settings.state());
        this.store.forgetAll();
        this.check = StateCheck.enabled() ? new StateCheck(workflows, instances) : null;
        this.timers = context.getStateStore(Topics.TIMER_STORE);
        this.definitions = DefinitionsView.timestamped(
                context.getStateStore(Topics.DEFINITION_STORE), definitionsFeed::generation);
        this.engine = new WorkflowEngine(definitions, new SandboxedScripts(), settings.engine());
        this.writer = new EffectWriter(
                codec,
                payloads,
                settings.replyTopics(),
                settings.maxRecordBytes(),
                new DomainRouter(context.getStateStore(Topics.POLLER_STORE)));
        context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
        this.served = metrics.served().opened(context.taskId().partition());
    }

    @Override
    public void close() {
        if (context != null) {
            metrics.served().closed(context.taskId().partition(), served);
        }
        if (store != null) {
            store.forgetAll(); // another node may own these instances next
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        awaited = false;
        guarded(
                "a record from " + topic,
                () -> {
                    if (Topics.COMMANDS.equals(topic)) {
                        onControl(record);
                    } else {
                        onReply(record);
                    }
                },
                (reason, error) -> deadLetter(record, reason, error));
        if (eager.afterRecord(context.currentSystemTimeMs(), awaited)) {
            context.commit();
        }
    }

    /** Where the input of a step that could not be carried out goes: the DLQ, with the reason. */
    @FunctionalInterface
    private interface DeadLetterSink {
        void send(String reason, Throwable error);
    }

    /**
     * Carries out one step, for a record or a due timer alike. An input that cannot be applied goes to the DLQ with its
     * reason; an unexpected failure sends it to the DLQ too and ends its workflow FAILED; only infrastructure failures
     * propagate (to be retried). Nothing else leaves: the stream thread goes on with the next input.
     */
    private void guarded(String what, Runnable step, DeadLetterSink dead) {
        current = null;
        try {
            step.run();
        } catch (PoisonRecordException | RejectedInputException e) {
            forgetCurrent();
            dead.send(e.getMessage(), e);
        } catch (InfrastructureException e) {
            forgetCurrent();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            String failed = forgetCurrent();
            LOG.error("Unexpected error on {} (workflow {}); it goes to the DLQ", what, failed, e);
            dead.send("unexpected error: " + e, e);
            failWorkflow(failed, e);
        } finally {
            current = null;
        }
    }

    private String forgetCurrent() {
        String id = current;
        if (id != null) {
            store.forget(id);
        }
        return id;
    }

    /** A step of this workflow could not be carried out: it ends FAILED with the reason, if it still can. */
    private void failWorkflow(String workflowId, Throwable error) {
        if (workflowId == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        try {
            current = workflowId;
            WorkflowInstance wf = store.load(workflowId);
            if (wf != null && !wf.isTerminal()) {
                String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
                commit(
                        engine.apply(
                                wf,
                                new EngineInput.Fail("Baton could not carry out a step of this workflow: " + why),
                                now),
                        now);
                metrics.internalFailure();
            }
        } catch (RuntimeException | StackOverflowError again) {
            forgetCurrent();
            LOG.error("Workflow {} could not be failed after an error; it stays as it was", workflowId, again);
        } finally {
            current = null;
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
        if (!StateKeys.valid(workflowId)) {
            throw new PoisonRecordException("not a valid workflow id: " + workflowId);
        }
        current = workflowId;
        long now = context.currentSystemTimeMs();
        switch (c.getType()) {
            case START -> start(c, now);
            case PAUSE -> apply(workflowId, new EngineInput.Pause(c.getReason()), now);
            case RESUME -> apply(workflowId, new EngineInput.Resume(c.getReason()), now);
            case RESET_CALLBACKS -> apply(workflowId, new EngineInput.ResetCallbacks(), now);
            case TERMINATE -> apply(workflowId, new EngineInput.Terminate(c.getReason()), now);
            case SIGNAL -> {
                WorkflowInstance wf = require(workflowId);
                apply(
                        wf,
                        new EngineInput.Signal(
                                signalRef(wf, c),
                                c.getTaskStatus() == null
                                        ? EngineInput.ReplyStatus.COMPLETED
                                        : EngineInput.ReplyStatus.valueOf(
                                                c.getTaskStatus().name()),
                                jsonObject(c.getTaskOutput(), "taskOutput"),
                                c.getReason(),
                                Boolean.TRUE.equals(c.getReplaceOutput())),
                        now);
            }
            case RESTART ->
                apply(workflowId, new EngineInput.Restart(Boolean.TRUE.equals(c.getUseLatestDefinition())), now);
            case RETRY ->
                apply(workflowId, new EngineInput.Retry(Boolean.TRUE.equals(c.getResumeSubworkflowTasks())), now);
            case RERUN ->
                apply(
                        workflowId,
                        new EngineInput.Rerun(
                                c.getTaskRef(),
                                optionalObject(c.getTaskInput(), "taskInput"),
                                optionalObject(c.getInput(), "input"),
                                c.getCorrelationId()),
                        now);
            case SKIP_TASK ->
                apply(
                        workflowId,
                        new EngineInput.SkipTask(
                                c.getTaskRef(),
                                optionalObject(c.getTaskInput(), "taskInput"),
                                optionalObject(c.getTaskOutput(), "taskOutput")),
                        now);
            // A domain event is dated by when it happened, so that an observed step's timing is the services' own, not
            // when Baton happened to read the event; never later than now, nor earlier than the instance's last change
            // (an event that overtook its predecessor ends its step when the step is reached).
            case EVENT -> {
                WorkflowInstance wf = require(workflowId);
                apply(
                        wf,
                        new EngineInput.DomainEvent(
                                c.getCommandId(),
                                c.getRequestedBy(),
                                c.getTaskRef(),
                                c.getTaskStatus() == null
                                        ? EngineInput.ReplyStatus.COMPLETED
                                        : EngineInput.ReplyStatus.valueOf(
                                                c.getTaskStatus().name()),
                                jsonObject(c.getTaskOutput(), "taskOutput"),
                                c.getReason()),
                        eventTime(wf, c.getTimestamp(), now));
            }
            case CHILD_FINISHED ->
                apply(
                        workflowId,
                        new EngineInput.ChildFinished(
                                c.getTaskId(),
                                c.getChildWorkflowId(),
                                WorkflowStatus.valueOf(c.getChildStatus().name()),
                                jsonObject(c.getTaskOutput(), "taskOutput"),
                                c.getReason()),
                        now);
            case UPDATE_VARIABLES ->
                apply(
                        workflowId,
                        new EngineInput.UpdateVariables(
                                jsonObject(c.getInput(), "input"), Boolean.TRUE.equals(c.getAppendArray())),
                        now);
            case CONTINUE -> {
                WorkflowInstance wf = store.load(workflowId);
                if (wf != null) {
                    apply(
                            wf,
                            new EngineInput.Continue(),
                            now); // an instance deleted meanwhile has nothing to go on with
                }
            }
            case DELETE -> delete(workflowId, c.getReason(), now);
            default -> throw new PoisonRecordException("control command " + c.getType() + " is not supported yet");
        }
    }

    private void start(WorkflowControl c, long now) {
        String workflowId = c.getWorkflowId();
        if (store.exists(workflowId)) {
            throw new PoisonRecordException("workflow " + workflowId + " already exists");
        }
        WorkflowDef def = definitionFor(c, now);
        EngineInput.Start start = new EngineInput.Start(
                workflowId,
                def,
                jsonObject(c.getInput(), "input"),
                c.getCorrelationId(),
                c.getParentWorkflowId(),
                c.getParentTaskId(),
                c.getTaskToDomain());
        // dated by when it was asked for (never later than now): a bridge start by its BookingRequested event
        long at = eventTime(c.getTimestamp(), now);
        commit(engine.start(start, at), at, true);
        metrics.started(def.name());
    }

    /** DELETE: the instance and everything it stored go; WORKFLOW_DELETED and a tombstone record it. */
    private void delete(String workflowId, String reason, long now) {
        removal(engine.apply(require(workflowId), new EngineInput.Delete(reason), now), now);
    }

    /**
     * Carries out a transition that may remove its instance (DELETE, retention over): its history event, then the
     * removal. Returns whether the instance was removed.
     */
    private boolean removal(Transition t, long now) {
        WorkflowInstance wf = t.instance();
        boolean removed = false;
        for (Effect e : t.effects()) {
            if (e instanceof Effect.HistoryEvent h) {
                context.forward(new Record<>(
                        wf.workflowId, new Routed(Topics.EVENTS, codec.encodeEvent(ProtocolMapper.event(wf, h))), now));
            } else if (e instanceof Effect.BusinessKeyBinding b) {
                context.forward(BridgeNotices.record(b, wf.workflowId, now));
            } else if (e instanceof Effect.RemoveInstance) {
                remove(wf, now);
                removed = true;
            } else {
                throw new IllegalStateException("unexpected effect of a removal: " + e);
            }
        }
        if (!removed) {
            store.forget(wf.workflowId);
        }
        return removed;
    }

    /** A SIGNAL names its task by reference or, without one, by task id (resolved here to the reference). */
    private String signalRef(WorkflowInstance wf, WorkflowControl c) {
        String workflowId = wf.workflowId;
        if (c.getTaskRef() != null || c.getTaskId() == null) {
            return c.getTaskRef();
        }
        var task = wf.task(c.getTaskId())
                .orElseThrow(
                        () -> new PoisonRecordException("workflow " + workflowId + " has no task " + c.getTaskId()));
        if (task.status.isTerminal()) {
            throw new PoisonRecordException(
                    "task " + c.getTaskId() + " of workflow " + workflowId + " is already " + task.status);
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
        WorkflowDef def = definitions
                .workflow(c.getWorkflowName(), c.getWorkflowVersion())
                .orElse(null);
        if (def != null) {
            return def;
        }
        String reason = "unknown workflow definition " + c.getWorkflowName()
                + (c.getWorkflowVersion() == null ? "" : " version " + c.getWorkflowVersion());
        for (Effect e :
                WorkflowEngine.startRefused(c.getWorkflowId(), c.getParentWorkflowId(), c.getParentTaskId(), reason)) {
            if (e instanceof Effect.NotifyParent np) {
                context.forward(new Record<>(
                        np.parentWorkflowId(),
                        new Routed(Topics.COMMANDS, codec.encodeControl(Controls.childFinished(np, now))),
                        now));
            } else {
                throw new IllegalStateException("unexpected effect of a refused start: " + e);
            }
        }
        throw new PoisonRecordException(reason);
    }

    private void onReply(Record<String, byte[]> record) {
        String workflowId = ReplyDecoder.workflowId(record.key(), record.headers());
        if (workflowId == null || workflowId.isBlank()) {
            throw new PoisonRecordException("missing header " + BatonHeaders.WORKFLOW_ID + " and no record key");
        }
        if (!StateKeys.valid(workflowId)) {
            throw new PoisonRecordException("not a valid workflow id: " + workflowId);
        }
        EngineInput result = replies.decodeInput(
                record.value(), record.headers(), settings.engine().payloads().taskOutput());
        current = workflowId;
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
        WorkflowInstance wf = store.load(workflowId);
        if (wf == null) {
            throw new PoisonRecordException("unknown workflow id " + workflowId);
        }
        return wf;
    }

    /**
     * Carries out a step: the store writes are prepared, the records encoded, and only then is
     * anything written, so that a step is carried out whole or not at all.
     */
    private void commit(Transition t, long now) {
        commit(t, now, false);
    }

    /** {@code isNew}: the instance was just started (no stored instance has its id). */
    private void commit(Transition t, long now, boolean isNew) {
        WorkflowInstance wf = t.instance();
        if (!t.changed()) {
            store.forget(wf.workflowId); // the engine may have touched it in memory without a change worth storing
            applied.applied(wf); // nothing more will come of the input (a late reply, say): a wait on it may end now
            return;
        }
        InstanceStore.Pending stored = store.write(wf, isNew);
        EffectWriter.Output out;
        try {
            out = writer.encode(t, stored, now);
        } catch (SerializationException e) {
            throw new InfrastructureException("cannot encode the records of workflow " + wf.workflowId, e);
        }
        stored.commit();
        metrics.stored(stored.storeWrites(), stored.storeBytes());
        for (String key : out.timerDeletes()) {
            timers.delete(key);
        }
        for (String key : out.timerPuts()) {
            timers.put(key, new byte[0]);
            dueTimers.put(TimerKeys.dueAt(key));
        }
        long bytes = 0;
        for (Record<String, Routed> r : out.records()) {
            context.forward(r);
            bytes += r.value().bytes() == null ? 0 : r.value().bytes().length;
        }
        awaited |= out.awaited() || wf.isTerminal();
        metrics.written(bytes);
        metrics.transition(t);
        applied.applied(wf);
        if (check != null) {
            check.verify(wf);
        }
        for (EffectWriter.Undeliverable u : out.undeliverable()) {
            LOG.warn("Task {} of workflow {} cannot be sent: {}", u.taskId(), wf.workflowId, u.reason());
            commit(
                    engine.apply(
                            wf,
                            new EngineInput.TaskResult(
                                    u.taskId(),
                                    u.attempt(),
                                    EngineInput.ReplyStatus.FAILED_WITH_TERMINAL_ERROR,
                                    null,
                                    u.reason(),
                                    null),
                            now),
                    now);
        }
    }

    /**
     * Due timers, each handled as a record is: a failure ends its workflow, never the thread. The store is read only when
     * a timer may be due, from where the last scan ended ({@link DueTimers}).
     */
    private void fireDueTimers(long now) {
        if (!dueTimers.worthScanning(now)) {
            return;
        }
        dueTimers.scanning();
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it =
                timers.range(TimerKeys.lowerBound(dueTimers.scanFrom()), TimerKeys.upperBound(now))) {
            while (it.hasNext() && due.size() < MAX_TIMERS_PER_SCAN) {
                KeyValue<String, byte[]> kv = it.next();
                due.add(kv.key);
            }
        }
        long deadline = System.nanoTime() + settings.timerInterval().toNanos() / 2;
        for (int i = 0; i < due.size(); i++) {
            if (System.nanoTime() > deadline) {
                long left = TimerKeys.dueAt(due.get(i)); // the rest at the next punctuation
                dueTimers.scanned(left - 1, left);
                return;
            }
            timers.delete(due.get(i));
            fire(due.get(i), now);
        }
        if (due.size() >= MAX_TIMERS_PER_SCAN) {
            long last = TimerKeys.dueAt(due.get(due.size() - 1)); // more may be due at that time, or up to now
            dueTimers.scanned(last - 1, last);
            return;
        }
        dueTimers.scanned(now, nextTimer(now));
    }

    /** The due time of the first timer after {@code now} in the store; Long.MAX_VALUE when there is none. */
    private long nextTimer(long now) {
        try (KeyValueIterator<String, byte[]> it = timers.range(TimerKeys.upperBound(now), TimerKeys.end())) {
            return it.hasNext() ? TimerKeys.dueAt(it.next().key) : Long.MAX_VALUE;
        }
    }

    /** A due timer, handled as a record is ({@link #guarded}): a failure goes to the DLQ, never stops the thread. */
    private void fire(String key, long now) {
        guarded("timer " + key, () -> fireStep(key, now), (reason, error) -> deadLetterTimer(key, reason, error, now));
    }

    private void fireStep(String key, long now) {
        String workflowId = TimerKeys.workflowId(key);
        String timerId = TimerKeys.timerId(key);
        current = workflowId;
        WorkflowInstance wf = store.load(workflowId);
        if (wf == null) {
            return;
        }
        Transition t = engine.apply(wf, new EngineInput.TimerFired(timerId), now);
        if (t.effects().stream().anyMatch(Effect.RemoveInstance.class::isInstance)) {
            // a finished instance's retention timer: its retention is over
            if (removal(t, now)) {
                metrics.expired();
            }
            return;
        }
        commit(t, now);
    }

    /** Removes an instance and its timers from the stores, and tombstones it in baton.state and baton.tasks. */
    private void remove(WorkflowInstance wf, long now) {
        for (var task : wf.tasks) {
            context.forward(new Record<>(task.taskId, new Routed(Topics.TASKS, null), now));
        }
        if (wf.limitedTasks != null) {
            // a running instance deleted: its tasks' slots are free
            wf.limitedTasks.forEach((taskId, limitKey) -> context.forward(LimiterRecords.end(limitKey, taskId, now)));
        }
        store.remove(wf.workflowId);
        for (var t : wf.timers.entrySet()) {
            timers.delete(TimerKeys.key(t.getValue(), t.getKey(), wf.workflowId));
        }
        applied.removed(wf.workflowId);
        context.forward(new Record<>(wf.workflowId, new Routed(Topics.STATE, null), now));
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        metrics.deadLettered(meta.topic(), error);
        LOG.warn(
                "Sending record {}-{}@{} to {}: {}", meta.topic(), meta.partition(), meta.offset(), Topics.DLQ, reason);
        context.forward(new Record<>(
                record.key(),
                new Routed(Topics.DLQ, DeadLetters.bounded(record.value(), settings.maxRecordBytes())),
                record.timestamp(),
                DeadLetters.headers(record.headers(), reason, meta, error, record.value())));
    }

    /** A due timer whose step failed: recorded on the DLQ (key: the timer's key), since no input record carried it. */
    private void deadLetterTimer(String timerKey, String reason, Throwable error, long now) {
        metrics.deadLettered(Topics.TIMER_STORE, error);
        LOG.warn("Sending due timer {} to {}: {}", timerKey, Topics.DLQ, reason);
        context.forward(new Record<>(
                timerKey, new Routed(Topics.DLQ, new byte[0]), now, DeadLetters.timerHeaders(reason, error)));
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
