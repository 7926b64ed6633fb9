package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.dsl.TaskDef;
import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.PostponedTasks;
import dev.baton.orchestrator.api.Waits;
import dev.baton.orchestrator.api.model.PollData;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.TaskExecLog;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.ProcessEnvironment;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.runtime.AppliedNotices;
import dev.baton.orchestrator.runtime.PoisonRecordException;
import dev.baton.orchestrator.runtime.ReplyDecoder;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.TaskReplyStatus;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conductor's task API on Kafka: polls hand out commands read from the task type's command topic
 * (and tell the engine with a {@code POLLED} signal that a worker took the task), updates become
 * reply records, logs travel as {@code LOG} signals and live with the task in its instance.
 * Tasks are looked up in the instances through {@link TaskLocator}.
 */
public final class TaskGateway implements PostponedTasks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_WORKERS_REMEMBERED = 1_000;
    /** Takes per poll while commands taken turn out to be for tasks that have ended. */
    private static final int MAX_TAKE_ROUNDS = 20;
    /** How long a wait for a step applied on this node trusts the stream thread's word before reading for itself. */
    private static final long NOTICE_FALLBACK_MS = 100;

    private final TaskGatewayConfig config;
    private final TaskQueues queues;
    private final ReplySender sender;
    private final ReplyDecoder decoder;
    private final TaskLocator locator;
    private final WorkflowClient client;
    private final TaskDefinitions definitions;
    private final QueueSizes sizes;
    private final Admin admin;
    private final String replyTopic;
    private final Cache<String, HandedOut> handedOut;
    private final PollActivity pollActivity;
    private volatile java.util.function.Supplier<org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, byte[]>>
            pollers;
    private final HandOutRate rate = new HandOutRate();
    /** Task type → worker id → last poll (this node's polls). */
    private final Map<String, Map<String, PollInfo>> polls = new ConcurrentHashMap<>();

    private record PollInfo(String domain, long lastPollTime) {}

    /**
     * The task a request names, its instance, and the command this node handed out for it (or null). An update of a
     * task handed out here reads no instance: then {@code workflow} and {@code task} are null.
     */
    private record Target(WorkflowInstance workflow, TaskState task, HandedOut handedOut) {}

    TaskGateway(
            TaskGatewayConfig config,
            Map<String, Object> clientProperties,
            String replyTopic,
            long maxOutputBytes,
            ReplyDecoder decoder,
            TaskLocator locator,
            WorkflowClient client,
            TaskDefinitions definitions) {
        this(
                config,
                clientProperties,
                replyTopic,
                maxOutputBytes,
                decoder,
                locator,
                client,
                definitions,
                topic -> client.createTopics(List.of(topic)));
    }

    /** @param createTopic creates a domain's command topic that a poll names and that does not exist yet */
    TaskGateway(
            TaskGatewayConfig config,
            Map<String, Object> clientProperties,
            String replyTopic,
            long maxOutputBytes,
            ReplyDecoder decoder,
            TaskLocator locator,
            WorkflowClient client,
            TaskDefinitions definitions,
            java.util.function.Consumer<String> createTopic) {
        this.config = config;
        this.decoder = decoder;
        this.locator = locator;
        this.client = client;
        this.definitions = definitions;
        this.replyTopic = replyTopic;
        this.admin = Admin.create(clientProperties);
        this.sender = new ReplySender(clientProperties, maxOutputBytes);
        this.queues = new TaskQueues(config, clientProperties, definitions::commandTopic, admin, createTopic);
        this.pollActivity = new PollActivity(clientProperties);
        this.sizes = new QueueSizes(admin, clientProperties);
        this.handedOut = Caffeine.newBuilder()
                .maximumSize(config.getHandedOutCacheSize())
                .expireAfterWrite(Duration.ofMillis(config.getHandedOutTtlMs()))
                .build();
    }

    // ---- polls -----------------------------------------------------------------------------

    /**
     * Up to {@code count} tasks of a type in a domain (null: the default queue), waiting up to
     * {@code timeoutMs} for the first; empty when there is none (also when the type's command topic
     * does not exist). A rate-limited type hands out no more than its window has room for.
     */
    public List<Task> poll(String taskType, String workerId, String domain, int count, long timeoutMs) {
        if (count < 1) {
            return List.of(); // as Conductor: nothing asked for, nothing handed out
        }
        if (timeoutMs < 0) {
            timeoutMs = 0; // as Conductor, which does not wait then
        }
        String d = domain == null || domain.isBlank() ? null : domain.trim();
        if (d != null) {
            String problem = dev.baton.worker.TaskDomains.problem(d, "");
            if (problem != null) {
                throw ApiException.badField("domain", problem, d);
            }
        }
        // As Conductor, a poll counts as the domain's worker being active even when it finds nothing.
        pollActivity.polled(taskType, d, workerId, System.currentTimeMillis());
        Optional<TaskQueue> queue = queues.forType(taskType, d);
        if (queue.isEmpty()) {
            return List.of();
        }
        remember(taskType, workerId, d);
        long deadline = System.currentTimeMillis() + Math.min(timeoutMs, config.getMaxPollTimeoutMs());
        int wanted = Math.min(count, config.getMaxBatchSize());
        List<Task> out = new ArrayList<>();
        for (int round = 0; round < MAX_TAKE_ROUNDS && out.size() < wanted; round++) {
            // once a task is handed out the poll waits no more: it only makes up for the commands passed over
            long waitMs = out.isEmpty() ? Math.max(0, deadline - System.currentTimeMillis()) : 0;
            List<CommandRecord> taken;
            try {
                taken = queue.get().take(wanted - out.size(), waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
            if (taken.isEmpty()) {
                return out;
            }
            TaskLimits limits =
                    definitions.definition(taskType).map(TaskLimits::of).orElse(null);
            int allowed = rate.reserve(taskType, limits, taken.size(), System.currentTimeMillis());
            if (allowed < taken.size()) {
                queue.get().retry(taken.subList(allowed, taken.size())); // over the rate: they stay queued
                taken = taken.subList(0, allowed);
                if (taken.isEmpty()) {
                    return out;
                }
            }
            List<Task> tasks;
            try {
                tasks = handOut(queue.get(), taken, workerId);
            } catch (RuntimeException e) {
                if (out.isEmpty()) {
                    throw e;
                }
                return out; // the tasks handed out already are the workers' now
            }
            rate.unreserve(taskType, allowed - tasks.size());
            out.addAll(tasks);
            if (tasks.size() == taken.size()) {
                return out;
            }
            // some commands taken were for tasks that have ended: take the next ones in their place
        }
        return out;
    }

    /** Poll data of the types served here (bounded: a client cannot grow it with made-up worker ids). */
    private void remember(String taskType, String workerId, String domain) {
        Map<String, PollInfo> workers = polls.computeIfAbsent(taskType, t -> new ConcurrentHashMap<>());
        String worker = workerId == null ? "" : workerId;
        if (workers.size() < MAX_WORKERS_REMEMBERED || workers.containsKey(worker)) {
            workers.put(worker, new PollInfo(domain, System.currentTimeMillis()));
        }
    }

    private List<Task> handOut(TaskQueue queue, List<CommandRecord> taken, String workerId) {
        List<Task> tasks;
        try {
            tasks = tell(taken, workerId);
        } catch (RuntimeException e) {
            // The engine may not have learnt of the poll: the commands stay uncommitted and are offered again.
            queue.retry(taken);
            throw e;
        }
        // Only now, with the engine able to time the tasks out, may the commands' offsets be committed.
        queue.confirm(taken);
        return tasks;
    }

    /**
     * Tells the engine (durably) that a worker took each command; returns them as Conductor tasks.
     * Commands whose task has ended meanwhile are skipped (their offsets are committed all the same).
     */
    private List<Task> tell(List<CommandRecord> taken, String workerId) {
        long now = System.currentTimeMillis();
        List<PolledTaskView.Taken> handed = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        EndedTasks ended = new EndedTasks(locator);
        for (CommandRecord c : taken) {
            if (c.taskId() == null || c.workflowId() == null) {
                LOG.warn("Skipping a command of {} without task or workflow id: it cannot be answered", c.partition());
                continue;
            }
            String endedBecause = ended.reason(c);
            if (endedBecause != null) {
                LOG.debug("Not handing out the command of task {}: {}", c.taskId(), endedBecause);
                continue;
            }
            ReplyTarget target = ReplyTarget.of(c, replyTopic);
            ObjectNode input;
            try {
                input = decoder.payload(c.value());
            } catch (PoisonRecordException e) {
                // As the Kafka worker library does: a command no worker can read fails for good.
                acks.add(sender.result(
                        target,
                        ReplyStatus.FAILED_WITH_TERMINAL_ERROR,
                        null,
                        "task input cannot be read: " + e.getMessage(),
                        null,
                        List.of()));
                continue;
            }
            HandedOut previous = handedOut.getIfPresent(c.taskId());
            HandedOut h = new HandedOut(c, workerId, now, previous == null ? 1 : previous.pollCount() + 1, null);
            handedOut.put(c.taskId(), h);
            acks.add(sender.polled(target));
            handed.add(new PolledTaskView.Taken(c, input, h));
        }
        await(acks);
        // the poll answers before the stream thread applies it: reads on this node wait for it, as Conductor's store
        // shows the task IN_PROGRESS at once
        for (PolledTaskView.Taken t : handed) {
            String taskId = t.command().taskId();
            int pollsBefore = ended.instance(t.command().workflowId())
                    .flatMap(wf -> wf.task(taskId))
                    .map(task -> task.pollCount)
                    .orElse(0);
            locator.sent(t.command().workflowId(), wf -> AppliedWhen.polledSince(wf, taskId, pollsBefore));
        }
        // each instance read once
        return PolledTaskView.of(handed, ended::instance, definitions.lookup(), ProcessEnvironment.INSTANCE);
    }

    // ---- updates ---------------------------------------------------------------------------

    /** Applies a worker's TaskResult; returns the task id. A late update (the task or its workflow has ended) is ignored. */
    public String update(TaskUpdate u) {
        updated(u);
        return u.taskId();
    }

    /** Applies a worker's TaskResult, then hands out the next task of the same type if one is ready (update-v2). */
    public Optional<Task> updateAndPoll(TaskUpdate u) {
        Target t = updated(u);
        String type = t.handedOut() != null
                ? t.handedOut().command().taskType()
                : t.task().conductorType();
        // as Conductor: the next task comes from the updated task's domain
        return poll(type, u.workerId(), domainOf(t), 1, 0).stream().findFirst();
    }

    /** The domain a task's command went to: from the command this node handed out, else from its workflow's map. */
    private String domainOf(Target t) {
        if (t.handedOut() != null) {
            return t.handedOut().command().header(BatonHeaders.DOMAIN);
        }
        List<String> candidates =
                dev.baton.engine.dispatch.TaskDomains.candidates(t.workflow().taskToDomain, t.task().taskDefName);
        // a list whose choice depended on the workers then: the first domain served here now, else the fallback
        return dev.baton.engine.dispatch.TaskDomains.choose(
                candidates, d -> queues.existing(t.task().conductorType(), d).isPresent());
    }

    private Target updated(TaskUpdate u) {
        HandedOut h = handedOut.getIfPresent(u.taskId());
        String workflowId = u.workflowInstanceId();
        if (h != null) {
            if (workflowId != null && !workflowId.equals(h.command().workflowId())) {
                throw ApiException.badField(
                        "workflowInstanceId",
                        "task " + u.taskId() + " belongs to workflow "
                                + h.command().workflowId(),
                        workflowId);
            }
            workflowId = h.command().workflowId();
            if (u.status() != ReplyStatus.IN_PROGRESS) {
                finishHandedOut(u, h);
                return new Target(null, null, h);
            }
        }
        Target t = target(u.taskId(), workflowId, h, false);
        boolean wait = u.status() != ReplyStatus.IN_PROGRESS && config.getUpdateWaitMs() > 0;
        String wfId = t.workflow().workflowId;
        String taskId = t.task().taskId;
        // made before the reply is sent, so that the step applying it cannot be missed
        try (AppliedNotices.Watch watch = wait ? locator.watch(wfId, w -> AppliedWhen.ended(w, taskId)) : null) {
            boolean sent = apply(
                    t,
                    u.status(),
                    u.outputData(),
                    u.reasonForIncompletion(),
                    u.callbackAfterSeconds(),
                    u.logs(),
                    u.extendLease(),
                    true);
            if (wait && sent) {
                awaitApplied(wfId, taskId, watch);
            }
        }
        return t;
    }

    /**
     * Ends a task this node handed out: its command says where the result goes, so no instance is read. Should the
     * task have ended meanwhile (timed out, canceled with its workflow), the engine ignores the result, as Conductor
     * ignores a late update; a second update of a task already updated here is ignored at once.
     */
    private void finishHandedOut(TaskUpdate u, HandedOut h) {
        String wfId = h.command().workflowId();
        String taskId = u.taskId();
        if (h.finalStatus() != null) {
            LOG.info(
                    "Update {} of task {} of workflow {} ignored: it was already updated to {}",
                    u.status(),
                    taskId,
                    wfId,
                    h.finalStatus());
            return;
        }
        boolean wait = config.getUpdateWaitMs() > 0;
        try (AppliedNotices.Watch watch = wait ? locator.watch(wfId, w -> AppliedWhen.ended(w, taskId)) : null) {
            await(List.of(sender.result(
                    ReplyTarget.of(h.command(), replyTopic),
                    u.status(),
                    u.outputData(),
                    u.reasonForIncompletion(),
                    u.callbackAfterSeconds(),
                    u.logs())));
            // a read on this node after this call shows the update, as Conductor's would
            locator.sent(wfId, w -> AppliedWhen.ended(w, taskId));
            handedOut.put(taskId, h.finished(u.status().name()));
            if (wait) {
                awaitApplied(wfId, taskId, watch);
            }
        }
    }

    /**
     * Waits (at most {@code baton.task-gateway.update-wait-ms}) until the workflow shows the task
     * ended, as Conductor's update answers only once the workflow has moved on: a read right after
     * it sees the next task scheduled, or the workflow ended. Past the wait the update still stands:
     * it is in Kafka and will be applied. When this node applies the workflow's steps, the stream
     * thread tells the watch once the task shows ended, and nothing is read; otherwise the instance
     * is read with a back-off.
     */
    private void awaitApplied(String workflowId, String taskId, AppliedNotices.Watch watch) {
        long deadline = System.nanoTime() + config.getUpdateWaitMs() * 1_000_000L;
        // applied here: the watch is woken, and a read is only the fallback should the partition move meanwhile
        long pause = locator.appliedHere(workflowId) ? NOTICE_FALLBACK_MS : 4;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || watch.await(Math.min(pause, left))) {
                    return;
                }
                Optional<WorkflowInstance> wf;
                try {
                    wf = locator.workflowNow(workflowId);
                } catch (ApiException e) {
                    return; // not readable right now: the update stands all the same
                }
                if (wf.isEmpty() || AppliedWhen.ended(wf.get(), taskId)) {
                    return;
                }
                pause = Math.min(Math.max(40, pause), pause * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Updates the pending task with this reference name (Conductor's update by reference); returns its id. */
    public String updateByRef(String workflowId, String taskRef, String status, String workerId, ObjectNode output) {
        ReplyStatus s = TaskUpdate.status(status, "status");
        WorkflowInstance wf = locator.workflow(workflowId)
                .orElseThrow(() -> ApiException.notFound("workflow " + workflowId + " not found"));
        TaskState task = wf.latest(taskRef)
                .orElseThrow(() -> ApiException.notFound("workflow " + workflowId + " has no task " + taskRef));
        Target t = new Target(wf, task, handedOut.getIfPresent(task.taskId));
        // as Conductor's update by reference, which starts from the task's output: the output given is added to it
        ObjectNode merged = output;
        if (task.kind().isSentToWorker() && task.outputData != null && !task.outputData.isEmpty()) {
            merged = task.outputData.deepCopy();
            if (output != null) {
                merged.setAll(output);
            }
        }
        apply(t, s, merged, null, 0, List.of(), false, false);
        return task.taskId;
    }

    /**
     * Conductor's workflow-level signal: updates the task the workflow is blocked on (its first WAIT
     * not ended, else one in a running child) with the status and output. Returns that task as it
     * was before the update, or empty when nothing blocks. 404 for an unknown workflow.
     */
    public Optional<BlockingTasks.Found> signal(String workflowId, String status, ObjectNode output) {
        ReplyStatus s = TaskUpdate.status(status, "status");
        WorkflowInstance wf = locator.workflow(workflowId)
                .orElseThrow(() -> ApiException.notFound("No such workflow found by id: " + workflowId));
        Optional<BlockingTasks.Found> found = BlockingTasks.signalTarget(wf, locator::workflow);
        found.ifPresent(f -> apply(
                new Target(f.workflow(), f.task(), handedOut.getIfPresent(f.task().taskId)),
                s,
                output,
                null,
                0,
                List.of(),
                false,
                false));
        return found;
    }

    /** A workflow instance, wherever it lives. */
    public Optional<WorkflowInstance> workflow(String workflowId) {
        return locator.workflow(workflowId);
    }

    /**
     * Sends the update; false when it comes too late and is dropped. {@code replaceOutput}: the output given replaces a
     * waiting task's (Conductor's update by task id) rather than being added to it.
     */
    private boolean apply(
            Target t,
            ReplyStatus status,
            ObjectNode output,
            String reason,
            long callbackAfterSeconds,
            List<TaskLog> logs,
            boolean extendLease,
            boolean replaceOutput) {
        WorkflowInstance wf = t.workflow();
        TaskState task = t.task();
        HandedOut h = t.handedOut();
        String late = lateReason(wf, task, h);
        if (late != null) {
            // As Conductor's WorkflowExecutor.updateTask: a late update is dropped, and the answer is still 200.
            LOG.info("Update {} of task {} of workflow {} ignored: {}", status, task.taskId, wf.workflowId, late);
            return false;
        }
        ReplyTarget target = h != null ? ReplyTarget.of(h.command(), replyTopic) : ReplyTarget.of(wf, task, replyTopic);
        if (task.kind().isSentToWorker()) {
            await(List.of(sender.result(target, status, output, reason, callbackAfterSeconds, logs)));
            // a read on this node after this call shows the update, as Conductor's would
            if (status != ReplyStatus.IN_PROGRESS) {
                locator.sent(wf.workflowId, w -> AppliedWhen.ended(w, task.taskId));
            } else if (!extendLease) {
                int polls = task.status == TaskStatus.SCHEDULED && h != null ? task.pollCount + 1 : task.pollCount;
                long callback = Math.max(0, callbackAfterSeconds);
                locator.sent(wf.workflowId, w -> AppliedWhen.backInQueue(w, task.taskId, callback, polls));
            }
        } else {
            // WAIT, HUMAN and other tasks that wait for the outside world: Baton completes them with a signal.
            if (status == ReplyStatus.CANCELED) {
                // the signal protocol (TaskReplyStatus) has no CANCELED: refused before anything is sent
                throw ApiException.badField(
                        "status",
                        "CANCELED applies to tasks served by workers; a " + task.kind() + " task cannot be canceled so",
                        status.name());
            }
            if (!logs.isEmpty()) {
                await(List.of(sender.logs(target, logs)));
            }
            client.signal(
                    wf.workflowId,
                    task.referenceTaskName,
                    TaskReplyStatus.valueOf(status.name()),
                    output,
                    reason,
                    replaceOutput);
            client.flush();
            // As in Conductor, where the update is stored before the call returns: answer once the instance shows it,
            // so that what the caller does next (read it, signal again) sees the task updated.
            Waits.until(
                    () -> locator.workflowNow(wf.workflowId),
                    w -> w.isEmpty() || w.get().seq > wf.seq,
                    config.getSignalWaitMs());
        }
        if (status != ReplyStatus.IN_PROGRESS) {
            if (h != null) {
                handedOut.put(task.taskId, h.finished(status.name()));
            }
        } else if (!extendLease && task.kind().isSentToWorker()) {
            // As in Conductor: the task goes back to its queue, to be polled again after callbackAfterSeconds.
            CommandRecord command = h != null ? h.command() : CommandRecord.fromInstance(wf, task, replyTopic);
            queues.forType(command.taskType(), domainOf(t))
                    .ifPresent(q -> q.reoffer(command, callbackAfterSeconds * 1000));
        }
        return true;
    }

    /** Why an update comes too late to apply (the task or its workflow has ended), or null when it applies. */
    private static String lateReason(WorkflowInstance wf, TaskState task, HandedOut h) {
        if (h != null && h.finalStatus() != null) {
            return "it was already updated to " + h.finalStatus();
        }
        if (task.status.isTerminal()) {
            return "the task is already " + task.status;
        }
        if (wf.isTerminal()) {
            return "the workflow is already " + wf.status;
        }
        return null;
    }

    /**
     * The workflow's worker tasks waiting out a callback delay on this node become available to
     * polls now. The delayed commands live on the node that took the IN_PROGRESS update.
     */
    @Override
    public int releaseNow(WorkflowInstance wf) {
        Map<String, Set<String>> byType = new HashMap<>();
        for (TaskState t : wf.tasks) {
            // Not only SCHEDULED tasks with a callback: the IN_PROGRESS update may not have reached the engine yet.
            if (t.status != null && !t.status.isTerminal() && t.kind().isSentToWorker()) {
                byType.computeIfAbsent(t.conductorType(), k -> new HashSet<>()).add(t.taskId);
            }
        }
        int released = 0;
        for (Map.Entry<String, Set<String>> e : byType.entrySet()) {
            for (TaskQueue q : queues.allOf(e.getKey())) {
                released += q.releaseNow(e.getValue());
            }
        }
        return released;
    }

    // ---- lookups and logs ------------------------------------------------------------------

    /** Conductor's Task of any task, found in its instance (with the worker that polled it, when polled here). */
    public Task task(String taskId) {
        Target t = target(taskId, null, handedOut.getIfPresent(taskId), true);
        return TaskViews.task(
                t.workflow(),
                t.task(),
                WorkflowContext.of(t.workflow(), definitions.lookup()),
                t.handedOut() != null ? t.handedOut().workerId() : null);
    }

    /** Adds a log line to a task (kept with the task in its instance). */
    public void log(String taskId, String line) {
        Target t = target(taskId, null, handedOut.getIfPresent(taskId), false);
        ReplyTarget target = t.handedOut() != null
                ? ReplyTarget.of(t.handedOut().command(), replyTopic)
                : ReplyTarget.of(t.workflow(), t.task(), replyTopic);
        TaskLog sent = TaskUpdate.bounded(List.of(new TaskLog(line, System.currentTimeMillis())))
                .get(0);
        await(List.of(sender.logs(target, List.of(sent))));
        // a read of the task's logs on this node after this call shows the line, as Conductor's would
        locator.sent(t.workflow().workflowId, wf -> AppliedWhen.logged(wf, taskId, sent));
    }

    /** A task's logs as Conductor's TaskExecLog list. */
    public List<TaskExecLog> logs(String taskId) {
        Target t = target(taskId, null, handedOut.getIfPresent(taskId), true);
        return TaskViews.logs(t.task());
    }

    /**
     * The task and its instance; 404 when neither this node's hand-outs nor the instances know it. {@code settled}: as
     * a read shows it once this node's signals to the workflow are applied; else as it is now, for a caller about to
     * send the workflow its next signal (applied after the earlier ones anyway).
     */
    private Target target(String taskId, String workflowId, HandedOut h, boolean settled) {
        String wfId = workflowId != null ? workflowId : h != null ? h.command().workflowId() : null;
        if (wfId != null) {
            WorkflowInstance wf = (settled ? locator.workflow(wfId) : locator.workflowNow(wfId))
                    .orElseThrow(() -> ApiException.notFound("workflow " + wfId + " of task " + taskId + " not found"));
            TaskState task = wf.task(taskId)
                    .orElseThrow(() -> ApiException.notFound("task " + taskId + " not found in workflow " + wfId));
            return new Target(wf, task, h);
        }
        TaskLocator.Found f =
                locator.find(taskId, null).orElseThrow(() -> ApiException.notFound("task " + taskId + " not found"));
        return new Target(f.workflow(), f.task(), h);
    }

    // ---- queues ----------------------------------------------------------------------------

    /** Commands of a type not consumed yet by its group (Kafka workers and gateways together). */
    public long queueSize(String taskType) {
        return queueSize(taskType, null);
    }

    /** Commands of a type in a domain (null or blank: the default queue) not consumed yet. */
    public long queueSize(String taskType, String domain) {
        String d = domain == null || domain.isBlank() ? null : domain.trim();
        String topic = dev.baton.worker.TaskDomains.topic(d, commandTopic(taskType));
        try {
            return sizes.pending(topic, config.groupFor(dev.baton.worker.PollerRecords.key(taskType, d)));
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** Reads Conductor's poll data of every node and Kafka worker from {@code baton.pollers} (when this node runs a runtime). */
    void pollDataFrom(
            java.util.function.Supplier<org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, byte[]>> store) {
        this.pollers = store;
    }

    /**
     * Conductor's PollData of a type: per domain, who polled it last and when, over HTTP on any node
     * or as a Kafka worker of a domain (from {@code baton.pollers}); this node's own polls when that
     * cannot be read.
     */
    public List<PollData> pollData(String taskType) {
        List<PollData> global = globalPollData(taskType);
        if (global != null) {
            return global;
        }
        List<PollData> out = new ArrayList<>();
        polls.getOrDefault(taskType, Map.of())
                .forEach((worker, p) -> out.add(
                        new PollData(taskType, p.domain(), worker.isEmpty() ? null : worker, p.lastPollTime())));
        return out;
    }

    private List<PollData> globalPollData(String taskType) {
        var source = pollers;
        if (source == null) {
            return null;
        }
        List<PollData> out = new ArrayList<>();
        try (var it = source.get().all()) {
            while (it.hasNext()) {
                var p = dev.baton.worker.PollerRecords.read(it.next().value);
                if (p != null && p.taskType().equals(taskType)) {
                    out.add(new PollData(p.taskType(), p.domain(), p.workerId(), p.lastPollTime()));
                }
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return null;
        }
        return out;
    }

    /** PollData of every type polled on this node. */
    public List<PollData> allPollData() {
        List<PollData> out = new ArrayList<>();
        polls.keySet().stream().sorted().forEach(type -> out.addAll(pollData(type)));
        return out;
    }

    /** The task types polled on this node, sorted. */
    public List<String> polledTypes() {
        return polls.keySet().stream().sorted().toList();
    }

    /** The topic that carries a task type's commands. */
    public String commandTopic(String taskType) {
        return definitions
                .commandTopic(taskType)
                .orElse(TaskDef.defaultsFor(taskType).commandTopicOrDefault());
    }

    /** Tasks of a type handed out by this node whose worker has not reported an end yet (Conductor's "unacked"). */
    public long inFlight(String taskType) {
        return handedOut.asMap().values().stream()
                .filter(h ->
                        h.finalStatus() == null && taskType.equals(h.command().taskType()))
                .count();
    }

    /** Commands read ahead for a type on this node and not handed out yet. */
    int buffered(String taskType) {
        return queues.existing(taskType).map(TaskQueue::buffered).orElse(0);
    }

    private static void await(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> f : acks) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "cannot write to Kafka: "
                            + (e.getCause() == null ? e : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while writing to Kafka");
        }
    }

    @Override
    public void close() {
        queues.close();
        pollActivity.close();
        sender.close();
        admin.close(Duration.ofSeconds(5));
    }
}
