package dev.baton.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: polls commands, calls the handler and sends the replies together with the
 * consumed offsets in producer transactions. A transaction covers a run of consecutive commands
 * of one poll and is committed early when it has been open for the transaction budget; a poll's
 * records left over when the poll budget runs out are read again by the next poll. A failed
 * transaction is aborted and its commands are read again.
 */
final class WorkerLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private Producer<byte[], byte[]> producer;
    private final TaskHandler handler;
    private final CommandDecoder decoder;
    private final Replies replies;
    private final Duration pollTimeout;
    private final long transactionBudgetNanos;
    private final long pollBudgetNanos;
    private final WorkerCounters counters;
    private volatile boolean running = true;
    private volatile int assignedCount;
    private int consecutiveFailures;

    WorkerLoop(
            Consumer<byte[], byte[]> consumer,
            Supplier<Producer<byte[], byte[]>> producerFactory,
            Producer<byte[], byte[]> producer,
            TaskHandler handler,
            CommandDecoder decoder,
            Replies replies,
            Duration pollTimeout,
            Duration transactionBudget,
            Duration pollBudget,
            WorkerCounters counters) {
        this.consumer = consumer;
        this.producerFactory = producerFactory;
        this.producer = producer;
        this.handler = handler;
        this.decoder = decoder;
        this.replies = replies;
        this.pollTimeout = pollTimeout;
        this.transactionBudgetNanos = transactionBudget.toNanos();
        this.pollBudgetNanos = pollBudget.toNanos();
        this.counters = counters;
    }

    /** Asks the loop to stop after the command in hand; returns at once. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Number of partitions assigned at the last poll. */
    int assignedPartitions() {
        return assignedCount;
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(pollTimeout);
                    assignedCount = consumer.assignment().size();
                } catch (WakeupException e) {
                    continue;
                } catch (KafkaException e) {
                    consecutiveFailures++;
                    LOG.warn("poll failed, trying again: {}", e.toString());
                    backoff();
                    continue;
                }
                if (!records.isEmpty()) {
                    processPoll(records);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("worker loop stopped by an unexpected error", e);
        } catch (Error e) {
            LOG.error("worker loop stopped by an unexpected error", e);
            throw e;
        } finally {
            closeQuietly();
        }
    }

    private void processPoll(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        long polledAt = System.nanoTime();
        int next = 0;
        while (next < list.size() && running) {
            if (next > 0 && System.nanoTime() - polledAt > pollBudgetNanos) {
                // poll again soon enough to stay in the group; the rest is read again
                seekBack(list, next);
                return;
            }
            int end = processChunk(list, next, polledAt);
            if (end < 0) {
                return;
            }
            next = end;
        }
    }

    /**
     * Handles {@code list[start..]} in one transaction until the list ends, the worker stops or a
     * budget is spent; returns the index after the last committed command, or -1 if the
     * transaction failed (then the consumer is positioned to read from {@code start} again).
     */
    private int processChunk(List<ConsumerRecord<byte[], byte[]>> list, int start, long polledAt) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        int replied = 0;
        int skipped = 0;
        int rejected = 0;
        int i = start;
        try {
            producer.beginTransaction();
            long txStart = System.nanoTime();
            while (i < list.size() && running) {
                long now = System.nanoTime();
                if (i > start && (now - txStart > transactionBudgetNanos || now - polledAt > pollBudgetNanos)) {
                    break;
                }
                ConsumerRecord<byte[], byte[]> rec = list.get(i);
                Outcome outcome = process(rec);
                if (outcome.reply() != null) {
                    producer.send(outcome.reply());
                    replied++;
                } else {
                    skipped++;
                }
                if (outcome.rejected()) {
                    rejected++;
                }
                offsets.put(new TopicPartition(rec.topic(), rec.partition()), new OffsetAndMetadata(rec.offset() + 1));
                i++;
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
            counters.replied(replied);
            counters.skipped(skipped);
            counters.poison(rejected);
            consecutiveFailures = 0;
            return i;
        } catch (RuntimeException e) {
            counters.aborted();
            consecutiveFailures++;
            LOG.warn("transaction for {} command(s) failed, reading them again: {}", i - start, e.toString());
            abortOrRecreateProducer();
            seekBack(list, start);
            backoff();
            return -1;
        }
    }

    private record Outcome(ProducerRecord<byte[], byte[]> reply, boolean rejected) {}

    private Outcome process(ConsumerRecord<byte[], byte[]> rec) {
        CommandDecoder.Decoded d = decoder.decode(rec);
        if (!d.ok()) {
            if (d.workflowId() == null) {
                LOG.warn(
                        "skipping command {}-{}@{}: {} (no workflow id, cannot reply)",
                        rec.topic(),
                        rec.partition(),
                        rec.offset(),
                        d.problem());
                return new Outcome(null, false);
            }
            LOG.warn(
                    "command {}-{}@{} for workflow {} rejected: {}",
                    rec.topic(),
                    rec.partition(),
                    rec.offset(),
                    d.workflowId(),
                    d.problem());
            return new Outcome(replies.poison(rec.headers(), d.workflowId(), d.replyTo(), d.problem()), true);
        }
        TaskContext ctx = d.context();
        TaskResult result;
        try {
            result = handler.handle(ctx);
            if (result == null) {
                result = TaskResult.failed("handler returned no result");
            }
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            LOG.debug("handler failed for workflow {} task {}", ctx.workflowId(), ctx.taskId(), t);
            String msg = t.getMessage();
            result = TaskResult.failed(
                    msg == null || msg.isBlank() ? t.getClass().getName() : msg);
        }
        // this thread is not stopped by interruption; a handler's leftover interrupt would break the next poll
        Thread.interrupted();
        return new Outcome(replies.reply(ctx.rawHeaders(), ctx.workflowId(), ctx.replyTo(), result), false);
    }

    private void abortOrRecreateProducer() {
        try {
            producer.abortTransaction();
            return;
        } catch (RuntimeException e) {
            LOG.warn("cannot abort the transaction, creating a new producer: {}", e.toString());
        }
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException ignored) {
            // the producer is replaced anyway
        }
        producer = null;
        while (running) {
            try {
                producer = producerFactory.get();
                return;
            } catch (RuntimeException e) {
                consecutiveFailures++;
                LOG.warn("cannot create a transactional producer: {}", e.toString());
                backoff();
            }
        }
    }

    /** Positions the consumer at {@code list[from]} on each partition it still owns that appears in {@code list[from..]}. */
    private void seekBack(List<ConsumerRecord<byte[], byte[]>> list, int from) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (int i = from; i < list.size(); i++) {
            ConsumerRecord<byte[], byte[]> rec = list.get(i);
            first.putIfAbsent(new TopicPartition(rec.topic(), rec.partition()), rec.offset());
        }
        Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    private void backoff() {
        long ms = Math.min(MAX_BACKOFF_MS, 50L << Math.min(consecutiveFailures, 7));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeQuietly() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("consumer close failed", e);
        }
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("producer close failed", e);
            }
        }
    }
}
