package dev.baton.orchestrator.runtime;

import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.protocol.WorkflowControl;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns an engine transition into the records and timer-store changes that carry it out:
 * commands to service topics, history events, the snapshot. This is where a step's effects are written.
 */
final class EffectWriter {
    private final ProtocolCodec codec;
    private final CommandPayloads payloads;
    private final String replyTopic;
    private final ReplyTopics replyTopics;

    EffectWriter(ProtocolCodec codec, CommandPayloads payloads, ReplyTopics replyTopics) {
        this.codec = codec;
        this.payloads = payloads;
        this.replyTopic = replyTopics.shared();
        this.replyTopics = replyTopics;
    }

    /** A command that could not be written as its definition asks; the task fails with this reason. */
    record Undeliverable(String taskId, int attempt, String reason) {
    }

    record Output(List<Record<String, Routed>> records, List<String> timerPuts, List<String> timerDeletes,
                  List<Undeliverable> undeliverable) {
    }

    private Record<String, Routed> control(WorkflowControl c, long now) {
        return new Record<>(c.getWorkflowId(), new Routed(Topics.COMMANDS, codec.encodeControl(c)), now);
    }

    Output encode(Transition t, long now) {
        WorkflowInstance wf = t.instance();
        List<Record<String, Routed>> records = new ArrayList<>();
        List<String> puts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<Undeliverable> undeliverable = new ArrayList<>();
        try {
            for (Effect e : t.effects()) {
                if (e instanceof Effect.HistoryEvent h) {
                    records.add(new Record<>(wf.workflowId,
                            new Routed(Topics.EVENTS, codec.encodeEvent(ProtocolMapper.event(wf, h))), now));
                } else if (e instanceof Effect.DispatchTask d) {
                    try {
                        String replyTo = d.replyTopic() == null ? replyTopic : d.replyTopic();
                        if (!replyTopics.accepts(replyTo)) {
                            throw new CommandPayloads.UndeliverableException("reply topic " + replyTo
                                    + " does not match baton.reply-topic-pattern, so its replies would never be read");
                        }
                        records.add(new Record<>(TaskCommands.key(wf, d), new Routed(d.topic(), payloads.encode(d)), now,
                                TaskCommands.headers(wf, d, replyTo)));
                    } catch (CommandPayloads.UndeliverableException u) {
                        undeliverable.add(new Undeliverable(d.task().taskId, d.task().attempt(), u.getMessage()));
                    }
                } else if (e instanceof Effect.StartWorkflow sw) {
                    records.add(control(Controls.start(sw, now), now));
                } else if (e instanceof Effect.NotifyParent np) {
                    records.add(control(Controls.childFinished(np, now), now));
                } else if (e instanceof Effect.TerminateWorkflow tw) {
                    records.add(control(Controls.terminate(tw, now), now));
                } else if (e instanceof Effect.RetryWorkflow rw) {
                    records.add(control(Controls.retry(rw, now), now));
                } else if (e instanceof Effect.Continue) {
                    records.add(control(Controls.continuation(wf.workflowId, wf.seq, now), now));
                } else if (e instanceof Effect.Publish p) {
                    records.add(Controls.publication(p, now));
                } else if (e instanceof Effect.SetTimer s) {
                    puts.add(TimerKeys.key(s.dueAt(), s.timerId(), wf.workflowId));
                } else if (e instanceof Effect.CancelTimer c) {
                    deletes.add(TimerKeys.key(c.dueAt(), c.timerId(), wf.workflowId));
                }
            }
            records.add(new Record<>(wf.workflowId,
                    new Routed(Topics.STATE, codec.encodeSnapshot(ProtocolMapper.snapshot(wf))), now,
                    new RecordHeaders()));
        } catch (InfrastructureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InfrastructureException("cannot encode the effects of workflow " + wf.workflowId, e);
        }
        return new Output(records, puts, deletes, undeliverable);
    }
}
