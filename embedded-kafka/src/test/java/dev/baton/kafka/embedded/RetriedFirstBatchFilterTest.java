package dev.baton.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The broker's retried first-batch rejection is counted, not logged; every other error still is. */
class RetriedFirstBatchFilterTest {
    private static final String REJECTION =
            "Invalid sequence number for producer 7 at offset 0 in partition baton.events-3: "
                    + "4 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent producer with no existing state.";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void capture() {
        RetriedFirstBatchFilter.install();
        RetriedFirstBatchFilter.install(); // once only
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void theRetriedRejectionIsCountedAndEveryOtherErrorIsLogged() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getTurboFilterList()).isEmpty(); // they would cost every isTraceEnabled() of every logger
        Logger brokerLogger = context.getLogger(RetriedFirstBatchFilter.BROKER_LOGGER);
        assertThat(brokerLogger.iteratorForAppenders())
                .toIterable()
                .filteredOn(RetriedFirstBatchFilter.class::isInstance)
                .hasSize(1);
        long before = RetriedFirstBatchFilter.count();
        org.slf4j.Logger broker = LoggerFactory.getLogger("kafka.server.ReplicaManager");

        broker.error(
                "Error processing append operation on partition baton.events-3",
                new OutOfOrderSequenceException(REJECTION));
        broker.error(
                "Error processing append operation on partition baton.events-4",
                new OutOfOrderSequenceException(REJECTION));
        broker.error(
                "Error processing append operation on partition baton.events-5",
                new OutOfOrderSequenceException(
                        "Out of order sequence number for producer 7: 9 (incoming seq. number), 4"));
        broker.error(
                "Error processing append operation on partition baton.events-6", new IllegalStateException(REJECTION));
        LoggerFactory.getLogger("kafka.server.KafkaApis")
                .error("elsewhere", new OutOfOrderSequenceException(REJECTION));

        assertThat(RetriedFirstBatchFilter.count() - before).isEqualTo(2);
        assertThat(logs.list)
                .filteredOn(e -> e.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "Error processing append operation on partition baton.events-5",
                        "Error processing append operation on partition baton.events-6",
                        "elsewhere");
    }
}
