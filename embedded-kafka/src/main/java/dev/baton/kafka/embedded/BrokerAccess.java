package dev.baton.kafka.embedded;

import java.lang.reflect.Field;
import java.time.Duration;
import kafka.server.BrokerServer;
import kafka.server.KafkaRaftServer;
import scala.Option;

/**
 * Shuts down the broker half of a combined {@link KafkaRaftServer} with a bounded controlled-shutdown wait.
 *
 * <p>{@code KafkaRaftServer.shutdown()} waits up to five minutes for the controller quorum to approve the
 * broker's controlled shutdown, which never comes once the quorum is lost (the last running node of a
 * three-node cluster). {@link BrokerServer#shutdown(Duration)} takes a deadline, but the server keeps its
 * broker in a private field, so we read it reflectively; if that ever fails, the plain shutdown is used.
 */
final class BrokerAccess {

    private static final Field BROKER_FIELD = brokerField();

    private BrokerAccess() {}

    static void shutdownBroker(KafkaRaftServer server, Duration controlledShutdown) {
        if (BROKER_FIELD == null) {
            return;
        }
        try {
            Option<?> broker = (Option<?>) BROKER_FIELD.get(server);
            if (broker.isDefined()) {
                ((BrokerServer) broker.get()).shutdown(controlledShutdown);
            }
        } catch (IllegalAccessException | ClassCastException e) {
            // fall back to KafkaRaftServer.shutdown(), which stops the broker itself
        }
    }

    private static Field brokerField() {
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
