package dev.baton.kafka.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.LoggerFactory;

/**
 * Keeps one expected, retried rejection of an embedded broker off the log. With transactions v2
 * (KIP-890, KAFKA-18202) a broker accepts a new producer's first batch to a partition only at
 * sequence 0; a producer that pipelines requests (up to five in flight) under load can deliver its
 * second batch first. The broker answers with a retriable {@code OutOfOrderSequenceException}
 * ("... transactions v2 idempotent producer with no existing state"), the producer sends the batch
 * again after the first, and nothing is lost — but the broker's {@code ReplicaManager} logs each
 * at ERROR with a stack trace, on every first run and restart. These are counted
 * ({@link #count()}), noted once at INFO, and not logged; every other broker error is.
 *
 * <p>The filter sits on that one logger only, as its appender: it passes every other event on to
 * the root logger's appenders (the logger is made non-additive). A logback turbo filter would do the
 * same with less code, but logback consults turbo filters on every {@code isTraceEnabled()} of every
 * logger — millions of calls a second in the Kafka clients' hot paths.
 */
public final class RetriedFirstBatchFilter extends AppenderBase<ILoggingEvent> {
    static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    static final String NAME = "baton-retried-first-batch";
    private static final String RULE = "with no existing state";
    private static final AtomicLong COUNT = new AtomicLong();

    private final Logger root;

    private RetriedFirstBatchFilter(Logger root) {
        this.root = root;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (isRetriedFirstBatch(event)) {
            if (COUNT.incrementAndGet() == 1) {
                LoggerFactory.getLogger(RetriedFirstBatchFilter.class)
                        .info(
                                "The broker turned away a new producer's batch that arrived before its first one "
                                        + "(transactions v2); the producer sends it again. Further ones are counted, not logged.");
            }
            return;
        }
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            it.next().doAppend(event);
        }
    }

    static boolean isRetriedFirstBatch(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        return event.getLevel() == Level.ERROR
                && t != null
                && OutOfOrderSequenceException.class.getName().equals(t.getClassName())
                && t.getMessage() != null
                && t.getMessage().contains(RULE);
    }

    /** How many such rejections this JVM's embedded brokers have turned away since it started. */
    public static long count() {
        return COUNT.get();
    }

    /** Puts the filter on the broker's logger once, when logback is the logging backend. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger broker = context.getLogger(BROKER_LOGGER);
            synchronized (RetriedFirstBatchFilter.class) {
                if (broker.getAppender(NAME) != null) {
                    return;
                }
                RetriedFirstBatchFilter filter =
                        new RetriedFirstBatchFilter(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
                filter.setContext(context);
                filter.setName(NAME);
                filter.start();
                broker.addAppender(filter);
                broker.setAdditive(false);
            }
        }
    }
}
