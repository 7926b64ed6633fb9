package dev.baton.kafka.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on the loopback address.
 *
 * <p>Ports are drawn at random below the usual ephemeral range (32768+), so that outgoing client
 * connections cannot take them between the pick and the broker's bind; a bind that still loses a race
 * is retried by the cluster with fresh ports.
 */
final class FreePorts {

    private static final int LOW = 20000;
    private static final int HIGH = 32000;

    private FreePorts() {}

    /** Returns {@code requested} if positive, otherwise a port not in {@code taken} that is free right now. */
    static int resolve(int requested, Set<Integer> taken) {
        if (requested > 0) {
            return requested;
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!taken.contains(candidate) && isFree(candidate)) {
                return candidate;
            }
        }
        throw new EmbeddedKafkaException("no free port found on " + EmbeddedKafkaCluster.HOST);
    }

    /** Returns {@code requested} if positive, otherwise a port that is free right now. */
    static int resolve(int requested) {
        return resolve(requested, Set.of());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(EmbeddedKafkaCluster.HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
