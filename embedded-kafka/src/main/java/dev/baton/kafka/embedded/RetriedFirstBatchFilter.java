package dev.baton.kafka.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps one expected, retried rejection of an embedded broker off the log. With transactions v2
 * (KIP-890, KAFKA-18202) a broker accepts a new producer's first batch to a partition only at
 * sequence 0; a producer that pipelines requests (up to five in flight) under load can deliver its
 * second batch first. The broker answers with a retriable {@code OutOfOrderSequenceException}
 * ("... transactions v2 idempotent producer with no existing state"), the producer sends the batch
 * again after the first, and nothing is lost — but the broker's {@code ReplicaManager} logs each
 * at ERROR with a stack trace, on every first run and restart. These are counted
 * ({@link #count()}), noted once at INFO, and not logged; every other broker error is.
 */
public final class RetriedFirstBatchFilter extends TurboFilter {
    private static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    private static final String RULE = "with no existing state";
    private static final AtomicLong COUNT = new AtomicLong();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR
                || !(t instanceof OutOfOrderSequenceException)
                || !BROKER_LOGGER.equals(logger.getName())
                || t.getMessage() == null
                || !t.getMessage().contains(RULE)) {
            return FilterReply.NEUTRAL;
        }
        if (COUNT.incrementAndGet() == 1) {
            LoggerFactory.getLogger(RetriedFirstBatchFilter.class)
                    .info("The broker turned away a new producer's batch "
                            + "that arrived before its first one (transactions v2); the producer sends it again. Further ones "
                            + "are counted, not logged.");
        }
        return FilterReply.DENY;
    }

    /** How many such rejections this JVM's embedded brokers have turned away since it started. */
    public static long count() {
        return COUNT.get();
    }

    /** Adds the filter to logback's context once, when logback is the logging backend. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(RetriedFirstBatchFilter.class::isInstance)) {
            RetriedFirstBatchFilter filter = new RetriedFirstBatchFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }
}
