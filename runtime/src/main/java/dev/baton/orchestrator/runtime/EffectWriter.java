package dev.baton.orchestrator.runtime;

import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.limiter.LimiterRecords;
import dev.baton.orchestrator.state.InstanceStore;
import dev.baton.protocol.BatonHeaders;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns an engine transition into the records and timer-store changes that carry it out:
 * commands to service topics, history events, the snapshots on baton.state and baton.tasks (a task
 * goes to baton.tasks when it ends, or while open when the workflow's snapshot has no room for it). No
 * record it returns is larger than {@code maxRecordBytes}: a command too large to send fails its
 * task instead, a child's output too large to carry fails the parent's task, and large documents
 * in events and snapshots are named by their path rather than copied.
 */
final class EffectWriter {
    private final ProtocolCodec codec;
    private final CommandPayloads payloads;
    private final String replyTopic;
    private final ReplyTopics replyTopics;
    private final int maxRecordBytes;
    private final DomainRouter domains;

    EffectWriter(
            ProtocolCodec codec,
            CommandPayloads payloads,
            ReplyTopics replyTopics,
            int maxRecordBytes,
            DomainRouter domains) {
        this.codec = codec;
        this.payloads = payloads;
        this.replyTopic = replyTopics.shared();
        this.replyTopics = replyTopics;
        this.maxRecordBytes = maxRecordBytes;
        this.domains = domains;
    }

    /** A command that could not be written as its definition asks; the task fails with this reason. */
    record Undeliverable(String taskId, int attempt, String reason) {}

    record Output(
            List<Record<String, Routed>> records,
            List<String> timerPuts,
            List<String> timerDeletes,
            List<Undeliverable> undeliverable) {

        /** The topics that only feed views and searches: nobody waits on what they carry to go on. */
        static final Set<String> VIEW_TOPICS = Set.of(Topics.EVENTS, Topics.STATE, Topics.TASKS);

        /**
         * Whether a record goes where someone waits on it — a command for a worker or for another workflow, a reply, a
         * message — rather than only to the views (events, snapshots, task rows).
         */
        boolean awaited() {
            for (Record<String, Routed> r : records) {
                if (!VIEW_TOPICS.contains(r.value().topic())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A record Baton would write is larger than any it may: the workflow cannot go on as it is. */
    static final class OversizeException extends RuntimeException {
        OversizeException(String message) {
            super(message);
        }
    }

    private Record<String, Routed> control(WorkflowControl c, long now) {
        return new Record<>(
                c.getWorkflowId(), new Routed(Topics.COMMANDS, bounded(codec.encodeControl(c), "a command")), now);
    }

    private byte[] bounded(byte[] value, String what) {
        if (value != null && value.length > maxRecordBytes) {
            throw new OversizeException(
                    what + " of " + value.length + " bytes is larger than the largest record Baton writes ("
                            + maxRecordBytes + " bytes, baton.limits.max-record-kb)");
        }
        return value;
    }

    Output encode(Transition t, InstanceStore.Pending stored, long now) {
        WorkflowInstance wf = t.instance();
        List<Record<String, Routed>> records = new ArrayList<>();
        List<String> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<Undeliverable> undeliverable = new ArrayList<>();
        for (Effect e : t.effects()) {
            if (e instanceof Effect.HistoryEvent h) {
                records.add(new Record<>(
                        wf.workflowId,
                        new Routed(
                                Topics.EVENTS,
                                bounded(codec.encodeEvent(ProtocolMapper.event(wf, h, stored)), "an event")),
                        now));
            } else if (e instanceof Effect.DispatchTask d) {
                try {
                    String replyTo = d.replyTopic() == null ? replyTopic : d.replyTopic();
                    if (!replyTopics.accepts(replyTo)) {
                        throw new CommandPayloads.UndeliverableException("reply topic " + replyTo
                                + " does not match baton.reply-topic-pattern, so its replies would never be read");
                    }
                    byte[] value = payloads.encode(d);
                    if (value.length > maxRecordBytes) {
                        throw new CommandPayloads.UndeliverableException("The task input is " + value.length
                                + " bytes, more than one command to a service carries (" + maxRecordBytes
                                + " bytes, baton.limits.max-record-kb)");
                    }
                    records.add(command(wf, d, replyTo, value, now));
                } catch (CommandPayloads.UndeliverableException u) {
                    undeliverable.add(
                            new Undeliverable(d.task().taskId, d.task().attempt(), u.getMessage()));
                }
            } else if (e instanceof Effect.ReleaseSlot r) {
                records.add(LimiterRecords.end(r.limitKey(), r.taskId(), now));
            } else if (e instanceof Effect.StartWorkflow sw) {
                records.add(control(Controls.start(sw, now), now));
            } else if (e instanceof Effect.NotifyParent np) {
                records.add(childFinished(np, now));
            } else if (e instanceof Effect.TerminateWorkflow tw) {
                records.add(control(Controls.terminate(tw, now), now));
            } else if (e instanceof Effect.RetryWorkflow rw) {
                records.add(control(Controls.retry(rw, now), now));
            } else if (e instanceof Effect.Continue) {
                records.add(control(Controls.continuation(wf.workflowId, wf.seq, now), now));
            } else if (e instanceof Effect.Publish p) {
                Record<String, Routed> r = Controls.publication(p, now);
                bounded(r.value().bytes(), "a publication");
                records.add(r);
            } else if (e instanceof Effect.BusinessKeyBinding b) {
                records.add(BridgeNotices.record(b, wf.workflowId, now));
            } else if (e instanceof Effect.SetTimer s) {
                puts.add(TimerKeys.key(s.dueAt(), s.timerId(), wf.workflowId));
            } else if (e instanceof Effect.CancelTimer c) {
                deletes.add(TimerKeys.key(c.dueAt(), c.timerId(), wf.workflowId));
            }
        }
        WorkflowSnapshot snapshot = ProtocolMapper.snapshot(wf, stored);
        if (stored != null) {
            Set<String> listed = null;
            for (TaskState task : stored.tasks()) {
                if (!task.status.isTerminal()) {
                    if (listed == null) {
                        listed = new HashSet<>();
                        for (TaskSnapshot current : snapshot.getTasks()) {
                            listed.add(current.getTaskId());
                        }
                    }
                    if (listed.contains(task.taskId)) {
                        continue; // an open task the workflow's snapshot carries: on baton.tasks once it ends
                    }
                }
                records.add(new Record<>(
                        task.taskId,
                        new Routed(
                                Topics.TASKS,
                                bounded(
                                        codec.encodeTaskSnapshot(ProtocolMapper.task(wf, task, stored)),
                                        "a task snapshot")),
                        now));
            }
        }
        records.add(new Record<>(
                wf.workflowId,
                new Routed(Topics.STATE, bounded(codec.encodeSnapshot(snapshot), "a workflow snapshot")),
                now,
                new RecordHeaders()));
        return new Output(records, puts, deletes, undeliverable);
    }

    /**
     * A task's command: to the topic of the domain it goes to (the first of its domains with an
     * active worker), and through the limiter when its definition limits how many run at once or
     * how often they are handed out.
     */
    private Record<String, Routed> command(
            WorkflowInstance wf, Effect.DispatchTask d, String replyTo, byte[] value, long now)
            throws CommandPayloads.UndeliverableException {
        String domain = domains.domain(d.task().taskDefName, d.domains(), now);
        String topic = dev.baton.worker.TaskDomains.topic(domain, d.topic());
        String key = TaskCommands.key(wf, d);
        Headers headers = TaskCommands.headers(wf, d, replyTo);
        ProtocolHeaders.put(headers, BatonHeaders.DOMAIN, domain);
        if (d.limits() != null) {
            return LimiterRecords.hold(d.task().taskDefName, topic, key, value, headers, d.limits(), now);
        }
        return new Record<>(key, new Routed(topic, value), now, headers);
    }

    /** A child's end for its parent; an output too large to carry fails the parent's task with the reason instead. */
    private Record<String, Routed> childFinished(Effect.NotifyParent np, long now) {
        byte[] value = codec.encodeControl(Controls.childFinished(np, now));
        if (value.length > maxRecordBytes && np.output() != null) {
            String reason = "The output of sub-workflow " + np.childWorkflowId()
                    + " is larger than one record carries (" + maxRecordBytes + " bytes, baton.limits.max-record-kb)";
            value = codec.encodeControl(Controls.childFinished(
                    new Effect.NotifyParent(
                            np.parentWorkflowId(),
                            np.parentTaskId(),
                            np.childWorkflowId(),
                            WorkflowStatus.FAILED,
                            null,
                            reason),
                    now));
        }
        return new Record<>(np.parentWorkflowId(), new Routed(Topics.COMMANDS, bounded(value, "a command")), now);
    }
}
