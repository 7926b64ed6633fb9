package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.kafka.embedded.RetriedFirstBatchFilter;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A first run on a fresh broker, with a burst of work from the first second: nothing on the log at
 * ERROR and no stack trace anywhere, and every booking completes. The broker runs in this JVM, so its
 * log is captured with the clients' and Baton's.
 *
 * <p>With transactions v2 (KIP-890, KAFKA-18202) a broker accepts a new producer's first batch to a
 * partition only at sequence 0. When a producer's first request to a partition is retried (a busy
 * machine: a transaction's verification still pending) and its next request was already on the wire,
 * the broker turns the second away with a retriable {@code OUT_OF_ORDER_SEQUENCE_NUMBER} and the
 * producer sends it again in order: nothing is lost or duplicated. The broker would log that at ERROR
 * with a stack trace (an embedded broker counts it instead: {@code RetriedFirstBatchFilter}); the
 * producer logs a one-line WARN. Both are allowed here only in that retried form, and counted.
 */
@KafkaCluster(isolated = true)
class CleanFirstRunIT {
    private static final int BOOKINGS = 300;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    /** The producer's sender logs a retried produce error at WARN, which the test configuration hides. */
    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";

    private static Logger root;
    private static Level senderLevel;
    private static BatonTestApp app;
    private static FlightBookingServices services;

    @BeforeAll
    static void start(KafkaTestCluster kafka) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        senderLevel = logging.getLogger(SENDER).getLevel();
        logging.getLogger(SENDER).setLevel(Level.WARN);
        LOGS.start();
        root.addAppender(LOGS);
        app = BatonTestApp.start(kafka.bootstrapServers(), Map.of());
        app.registerFlightBooking();
        services = FlightBookingServices.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (app != null) {
            app.close();
        }
        root.detachAppender(LOGS);
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(SENDER).setLevel(senderLevel);
    }

    @Test
    void aBurstOnAFreshBrokerLogsNoErrorAndCompletes() {
        long begin = System.nanoTime();
        long rejectedBefore = RetriedFirstBatchFilter.count();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BOOKINGS; i++) {
            ids.add(app.client().start("flight_booking", null, BatonTestApp.booking("BK-F" + i), "first-" + i));
        }
        app.client().flush();

        Map<String, WorkflowSnapshot> finals = app.awaitFinished(ids, Duration.ofMinutes(3));
        List<String> retried = LOGS.list.stream()
                .map(CleanFirstRunIT::describe)
                .filter(s -> s.contains("OUT_OF_ORDER_SEQUENCE_NUMBER"))
                .toList();
        System.out.printf(
                "clean first run: %d bookings completed %.1f s after the first start; first batches the"
                        + " broker turned away and the producers sent again: %d (producer WARN lines: %d)%n",
                BOOKINGS,
                (System.nanoTime() - begin) / 1e9,
                RetriedFirstBatchFilter.count() - rejectedBefore,
                retried.size());

        assertThat(finals.values()).extracting(WorkflowSnapshot::getStatus).containsOnly(WorkflowStatus.COMPLETED);
        assertThat(finals).hasSize(BOOKINGS);
        List<String> errors = LOGS.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(CleanFirstRunIT::describe)
                .toList();
        assertThat(errors).as("log lines at ERROR on a clean first run").isEmpty();
        List<String> stackTraces = LOGS.list.stream()
                .filter(e -> e.getThrowableProxy() != null)
                .map(CleanFirstRunIT::describe)
                .toList();
        assertThat(stackTraces).as("stack traces on a clean first run").isEmpty();
        assertThat(retried)
                .as("an out-of-order sequence is only ever a retried first batch, at WARN")
                .allSatisfy(line -> assertThat(line)
                        .startsWith("WARN " + SENDER)
                        .contains("retrying")
                        .doesNotContain("\n"));
        List<String> otherOutOfOrder = LOGS.list.stream()
                .map(CleanFirstRunIT::describe)
                .filter(s -> s.contains("OutOfOrderSequence"))
                .toList();
        assertThat(otherOutOfOrder)
                .as("out-of-order sequence exceptions on a first run")
                .isEmpty();
    }

    private static String describe(ILoggingEvent e) {
        String text = e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage();
        return e.getThrowableProxy() == null ? text : text + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
    }
}
