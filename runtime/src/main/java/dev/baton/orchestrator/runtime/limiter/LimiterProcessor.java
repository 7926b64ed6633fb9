package dev.baton.orchestrator.runtime.limiter;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.DeadLetters;
import dev.baton.orchestrator.runtime.PoisonRecordException;
import dev.baton.orchestrator.runtime.Routed;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the commands of tasks whose definition limits them (Conductor's concurrentExecLimit
 * and rateLimitPerFrequency per rateLimitFrequencyInSeconds), for all workflows at once: the
 * records of one task type all arrive on one partition of {@code baton.limiter}, so this one
 * processor counts its slots. A command goes out, in the order held, as soon as fewer than the
 * limit's tasks hold a slot and the rate window has room; an END frees a slot (or drops a command
 * still held for a task that ended before it went out). Rate windows reopen with the clock, so a
 * wall-clock punctuator sends what they allow. Everything happens in the stream task's
 * exactly-once transaction: a command is never sent twice, nor lost.
 */
public final class LimiterProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(LimiterProcessor.class);

    private final Duration interval;
    private final int maxRecordBytes;
    private ProcessorContext<String, Routed> context;
    private LimiterStore store;

    /** @param interval how often rate windows are checked for commands they now let go */
    public LimiterProcessor(Duration interval, int maxRecordBytes) {
        this.interval = interval;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.store = new LimiterStore(context.getStateStore(Topics.LIMITER_STORE));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::releaseDue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long now = context.currentSystemTimeMs();
        try {
            String limitKey = record.key();
            if (limitKey == null || limitKey.isEmpty()) {
                throw new PoisonRecordException("a limiter record without a key");
            }
            String op = LimiterRecords.op(record.headers());
            if (LimiterRecords.HOLD.equals(op)) {
                hold(limitKey, LimiterRecords.held(record.value(), record.headers(), record.timestamp()), now);
            } else if (LimiterRecords.END.equals(op)) {
                end(limitKey, LimiterRecords.taskId(record.headers()), now);
            } else {
                throw new PoisonRecordException("a limiter record with " + LimiterRecords.OP + " " + op);
            }
        } catch (PoisonRecordException e) {
            RecordMetadata meta = context.recordMetadata().orElseThrow();
            LOG.warn(
                    "Sending record {}-{}@{} to {}: {}",
                    meta.topic(),
                    meta.partition(),
                    meta.offset(),
                    Topics.DLQ,
                    e.getMessage());
            context.forward(new Record<>(
                    record.key(),
                    new Routed(Topics.DLQ, DeadLetters.bounded(record.value(), maxRecordBytes)),
                    record.timestamp(),
                    DeadLetters.headers(record.headers(), e.getMessage(), meta, e, record.value())));
        }
    }

    private void hold(String limitKey, HeldCommand c, long now) {
        if (store.inFlight(limitKey, c.taskId())) {
            // the task already holds a slot (its command was sent again): it goes at once
            context.forward(LimiterRecords.release(c, now));
            return;
        }
        Long seq = store.heldSeq(limitKey, c.taskId());
        if (seq != null) {
            store.hold(limitKey, seq, c); // a newer command for a task still held takes its place in the queue
            return;
        }
        SlotState s = store.state(limitKey);
        store.hold(limitKey, s.nextSeq++, c);
        s.held++;
        s.widen(c.limits());
        drain(limitKey, s, now);
        store.save(limitKey, s);
    }

    private void end(String limitKey, String taskId, long now) {
        SlotState s = store.state(limitKey);
        if (store.inFlight(limitKey, taskId)) {
            store.freeSlot(limitKey, taskId);
            s.inFlight = Math.max(0, s.inFlight - 1);
        } else {
            Long seq = store.heldSeq(limitKey, taskId);
            if (seq == null) {
                return; // never held here (sent before its definition had limits, or not sent at all)
            }
            store.unhold(limitKey, seq, taskId);
            s.held = Math.max(0, s.held - 1);
        }
        drain(limitKey, s, now);
        store.save(limitKey, s);
    }

    /** Sends held commands, oldest first, while the limits allow. */
    private void drain(String limitKey, SlotState s, long now) {
        s.prune(now);
        while (s.held > 0) {
            KeyValue<Long, HeldCommand> head = store.first(limitKey);
            if (head == null) {
                s.held = 0; // the counter ran ahead of the queue: trust the queue
                break;
            }
            HeldCommand c = head.value;
            if (!s.allows(c.limits(), now)) {
                break;
            }
            context.forward(LimiterRecords.release(c, now));
            store.unhold(limitKey, head.key, c.taskId());
            store.takeSlot(limitKey, c.taskId(), now);
            s.released(now);
        }
    }

    /** Rate windows that have reopened let their commands go. */
    private void releaseDue(long now) {
        for (String limitKey : store.keysHolding()) {
            SlotState s = store.state(limitKey);
            int before = s.held;
            drain(limitKey, s, now);
            if (s.held != before) {
                store.save(limitKey, s);
            }
        }
    }
}
